// 服务类型编辑 (federation officers): a service kind as data — its name, icon and description, the federation
// whose subtree uses it, what an application is for (member, family member, household, work site: the form
// fields its duplicate rule and headcount read), how it is settled (cash, goods, either, places) and counted
// in 人次, the report sentence with its placeholders, who may apply, and the form, budget and window a
// campaign of it starts from. A new kind starts from another (query `from`, or the first offered); the
// federation's own kind (query kindId) is edited on its version. Saving is campaigns.saveKind, whose field
// errors are shown where they belong and listed on top.
// The officer sees fields by their names, never their identifiers: the rules' fields are picked by name, a
// field a rule reads stays on the form (formFields.ts: moved and removed as in the campaign editor), and the
// headline and the sentence are written with names (placeholders.ts).
import { ruleFields } from '../../../cloudfunctions/_shared/domain/ruleFields';
import { KIND_ICONS, PEOPLE_RULE_LABELS, SETTLE_LABELS, SUBJECT_LABELS } from '../../../typings/api';
import type { FormField, HardshipGrade, KindIcon, PeopleRule, ServiceKindDraft, ServiceKindView, SettleMode, Subject, SubjectType } from '../../../typings/api';
import { call } from '../../services/cloud';
import { largePrint } from '../../services/fontScale';
import { fenOfYuan, yuanInput } from '../../services/money';
import { lastMe, refreshMe } from '../../services/session';
import { openPage } from '../../services/ui';
import { FIELD_TYPES, freshKey, markFixed, moveField, typeLabel, uid, withoutField, type FieldRowBase, type FieldType } from '../formFields';
import { byKeys, byNames, headlineNames, namesList, renamed, SENTENCE_NAMES } from '../placeholders';

const ICON_LABELS: Record<KindIcon, string> = {
  education: '助学', sunny: '清凉', snowflake: '温暖', gift: '慰问', heart: '关爱', hospital: '医疗',
  home: '家庭', flag: '疗休养', usergroup: '职工', money: '资金', cake: '节日', 'sun-rising': '新春',
};
/** The field types a row added here may take (a choice field needs options: add it in the campaign editor). */
const ADDABLE: FieldType[] = FIELD_TYPES.map((t) => t.type).filter((t) => t !== 'select');

/** The form fields each subject's rules read, by the draft property naming them, and the type they take. */
const SUBJECT_FIELDS: Record<SubjectType, { prop: 'nameField' | 'idCardField' | 'sizeField' | 'unitField' | 'addressField' | 'headcountField'; type: FieldType; role: string }[]> = {
  member: [],
  familyMember: [
    { prop: 'nameField', type: 'text', role: '家属姓名' },
    { prop: 'idCardField', type: 'idCard', role: '家属身份证号（每人一次）' },
  ],
  household: [{ prop: 'sizeField', type: 'number', role: '家庭人口（送达人数不超过它）' }],
  site: [
    { prop: 'unitField', type: 'text', role: '单位名称' },
    { prop: 'addressField', type: 'text', role: '地址（与单位一起认定同一场所）' },
    { prop: 'headcountField', type: 'number', role: '职工人数（送达人数不超过它）' },
  ],
};

interface FieldRow extends FieldRowBase {
  type: FieldType;
  typeLabel: string;
  required: boolean;
  /** what the row keeps unedited here (a select's options, a limit, a hint, an example, a card's holder rule) */
  rest: Pick<FormField, 'options' | 'max' | 'hint' | 'example' | 'holder'>;
  error: string;
}

interface KindForm {
  label: string;
  description: string;
  icon: KindIcon;
  orgId: string;
  orgName: string;
  subjectType: SubjectType;
  nameField: string;
  idCardField: string;
  sizeField: string;
  unitField: string;
  addressField: string;
  headcountField: string;
  settleMode: SettleMode;
  capField: string;
  peopleBy: PeopleRule['by'];
  peopleField: string;
  yearGroup: string;
  duplicateMessage: string;
  sentence: string;
  headline: string;
  hardshipOnly: boolean;
  hardshipGrades?: HardshipGrade[];
  newEmploymentOnly: boolean;
  budgetYuan: string;
  openForDays: string;
  quotaText: string;
  placeYuan: string;
}

const rowOf = (f: FormField): FieldRow => ({
  uid: uid(),
  key: f.key,
  label: f.label,
  role: '',
  fixed: false,
  type: f.type,
  typeLabel: typeLabel(f.type),
  required: f.required,
  rest: { ...(f.options && { options: f.options }), ...(f.max !== undefined && { max: f.max }), ...(f.hint && { hint: f.hint }), ...(f.example && { example: f.example }), ...(f.holder && { holder: f.holder }) },
  error: '',
});

const fieldOf = (r: FieldRow): FormField => ({ key: r.key.trim(), label: r.label.trim(), type: r.type, required: r.required, ...r.rest });

/** The kind as the form shows it: its headline and sentence written with names. */
function formOf(k: ServiceKindView, copy: boolean, org: { orgId: string; orgName: string }): KindForm {
  const s = k.subject as Partial<Record<string, string>>;
  return {
    label: copy ? `${k.label}（本地）` : k.label,
    description: k.description,
    icon: k.icon,
    orgId: copy || !k.orgId ? org.orgId : k.orgId,
    orgName: copy || !k.orgId ? org.orgName : k.orgName,
    subjectType: k.subject.type,
    nameField: s.nameField ?? '',
    idCardField: s.idCardField ?? '',
    sizeField: s.sizeField ?? '',
    unitField: s.unitField ?? '',
    addressField: s.addressField ?? '',
    headcountField: s.headcountField ?? '',
    settleMode: k.settle.mode,
    capField: k.settle.capField ?? '',
    peopleBy: k.counting.people.by,
    peopleField: k.counting.people.by === 'field' ? k.counting.people.field : '',
    yearGroup: k.duplicate.yearGroup ?? '',
    duplicateMessage: k.duplicate.message ?? '',
    sentence: byNames(k.sentence, SENTENCE_NAMES),
    headline: byNames(k.headline, headlineNames(k.template.fields)),
    hardshipOnly: k.eligibility.hardshipOnly,
    hardshipGrades: k.eligibility.hardshipGrades,
    newEmploymentOnly: k.eligibility.newEmploymentOnly,
    budgetYuan: yuanInput(k.template.budgetFen),
    openForDays: String(k.template.openForDays),
    quotaText: k.template.quota === undefined ? '' : String(k.template.quota),
    placeYuan: yuanInput(k.template.placeFen),
  };
}

function subjectOf(f: KindForm): Subject {
  switch (f.subjectType) {
    case 'member':
      return { type: 'member' };
    case 'familyMember':
      return { type: 'familyMember', nameField: f.nameField, idCardField: f.idCardField };
    case 'household':
      return { type: 'household', sizeField: f.sizeField };
    case 'site':
      return { type: 'site', unitField: f.unitField, addressField: f.addressField, headcountField: f.headcountField };
  }
}

/** A server field path as a key of the view's errors (dots cannot be read back in WXML). */
const viewKey = (path: string) => path.replace(/^draft\./, '').replace(/\./g, '_');

/** What this page keeps beside its view: the kinds offered (templates, year groups), the tiers it carries. */
const state = new WeakMap<object, { kinds: ServiceKindView[]; tiers: ServiceKindView['template']['tiers'] }>();

/** What the rules read as the form says now: only the fields picked. */
function rulesOf(f: KindForm) {
  const cash = f.settleMode === 'cash' || f.settleMode === 'both';
  return ruleFields({
    subject: subjectOf(f),
    settle: { mode: f.settleMode, ...(cash && f.capField ? { capField: f.capField } : {}) },
    counting: { people: f.peopleBy === 'field' ? { by: 'field', field: f.peopleField } : { by: f.peopleBy } },
  }).filter((r) => r.key !== '');
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: the federation's own kind to edit */
    kindId: { type: String, value: '' },
    /** page query: the kind a new one starts from */
    from: { type: String, value: '' },
  },
  data: {
    icons: KIND_ICONS.map((icon) => ({ icon, label: ICON_LABELS[icon] })),
    subjects: (Object.keys(SUBJECT_LABELS) as SubjectType[]).map((type) => ({ type, label: SUBJECT_LABELS[type] })),
    settles: (Object.keys(SETTLE_LABELS) as SettleMode[]).map((mode) => ({ mode, label: SETTLE_LABELS[mode] })),
    peopleRules: (Object.keys(PEOPLE_RULE_LABELS) as PeopleRule['by'][]).map((by) => ({ by, label: PEOPLE_RULE_LABELS[by] })),
    placeholders: namesList(SENTENCE_NAMES),
    headlinePlaceholders: '',
    addable: ADDABLE.map(typeLabel),
    templates: [] as { kindId: string; label: string }[],
    groups: [] as { group: string; label: string }[],
    form: null as KindForm | null,
    fields: [] as FieldRow[],
    /** the subject's fields, each with the form's fields of its type to pick from */
    refs: [] as { prop: string; role: string; choices: { key: string; label: string }[]; index: number; chosen: string }[],
    numberChoices: [] as { key: string; label: string }[],
    moneyChoices: [] as { key: string; label: string }[],
    peopleIndex: -1,
    capIndex: -1,
    fromId: '',
    savedId: '',
    version: 0,
    errors: {} as Record<string, string>,
    errorList: [] as string[],
    loaded: false,
    saving: false,
    error: '',
    notice: '',
  },
  lifetimes: {
    attached() {
      this.start();
    },
  },
  methods: {
    async start() {
      const [me, r] = await Promise.all([lastMe() ?? refreshMe().then((x) => (x.ok ? x.data : null)), call('campaigns', 'kinds', {})]);
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      const federation = me?.roles.find((g) => g.role === 'federationOfficer');
      const org = { orgId: federation?.orgId ?? '', orgName: federation?.orgName ?? '' };
      const kinds = r.data.items;
      const groups = kinds.filter((k) => k.duplicate.yearGroup).map((k) => ({ group: k.duplicate.yearGroup as string, label: `与${k.label}同一年内不重复` }));
      this.setData({ templates: kinds.map((k) => ({ kindId: k.kindId, label: k.label })), groups: groups.filter((g, i) => groups.findIndex((x) => x.group === g.group) === i) });
      if (this.data.kindId) {
        const own = kinds.find((k) => k.kindId === this.data.kindId);
        if (!own || !own.editable) return this.setData({ error: '没有找到这个服务类型，或您不能修改它' });
        state.set(this, { kinds, tiers: own.template.tiers });
        return this.show(formOf(own, false, org), own.template.fields, own.version);
      }
      const base = kinds.find((k) => k.kindId === this.data.from) ?? kinds[0];
      if (!base) return this.setData({ error: '没有可作为模板的服务类型' });
      state.set(this, { kinds, tiers: base.template.tiers });
      this.setData({ fromId: base.kindId });
      this.show(formOf(base, true, org), base.template.fields, 0);
    },
    show(form: KindForm, fields: FormField[], version: number) {
      this.setData({ form, fields: fields.map(rowOf), version, errors: {}, errorList: [] });
      this.refresh();
    },
    /** The pickers of the fields the rules read, from the form's fields of each type (by name); the fields
     *  picked kept on the form, required. */
    refresh() {
      const f = this.data.form!;
      const of = (type: FieldType) => this.data.fields.filter((r) => r.type === type).map((r) => ({ key: r.key, label: r.label.trim() || '（未命名的一项）' }));
      const refs = SUBJECT_FIELDS[f.subjectType].map((need) => {
        const choices = of(need.type);
        const chosen = f[need.prop];
        return { prop: need.prop, role: need.role, choices, index: choices.findIndex((c) => c.key === chosen), chosen: choices.find((c) => c.key === chosen)?.label ?? '请选择' };
      });
      const numberChoices = of('number');
      const moneyChoices = of('money');
      const marked: Record<string, unknown> = {};
      markFixed(this.data.fields, rulesOf(f)).forEach((row, i) => {
        const was = this.data.fields[i];
        if (row.fixed !== was.fixed || row.role !== was.role) Object.assign(marked, { [`fields[${i}].fixed`]: row.fixed, [`fields[${i}].role`]: row.role });
        if (row.fixed && !was.required) marked[`fields[${i}].required`] = true;
      });
      this.setData({
        ...marked,
        headlinePlaceholders: namesList(headlineNames(this.data.fields)),
        refs,
        numberChoices,
        moneyChoices,
        peopleIndex: numberChoices.findIndex((c) => c.key === f.peopleField),
        capIndex: moneyChoices.findIndex((c) => c.key === f.capField),
      });
    },
    change(patch: Partial<KindForm>, errorKey?: string) {
      const data: Record<string, unknown> = { notice: '' };
      for (const [k, v] of Object.entries(patch)) data[`form.${k}`] = v;
      if (errorKey) data[`errors.${errorKey}`] = '';
      this.setData(data);
      this.refresh();
    },
    onTemplate(e: WechatMiniprogram.BaseEvent) {
      if (this.data.version) return;
      const { id } = e.currentTarget.dataset as { id: string };
      const base = state.get(this)?.kinds.find((k) => k.kindId === id);
      if (!base) return;
      state.set(this, { ...state.get(this)!, tiers: base.template.tiers });
      const form = this.data.form!;
      this.setData({ fromId: id });
      this.show(formOf(base, true, { orgId: form.orgId, orgName: form.orgName }), base.template.fields, 0);
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field, error } = e.currentTarget.dataset as { field: keyof KindForm; error?: string };
      this.change({ [field]: e.detail.value } as Partial<KindForm>, error ?? field);
    },
    onChip(e: WechatMiniprogram.BaseEvent) {
      const { field, value, error } = e.currentTarget.dataset as { field: keyof KindForm; value: string; error: string };
      this.change({ [field]: value } as Partial<KindForm>, error);
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const { field } = e.currentTarget.dataset as { field: 'hardshipOnly' | 'newEmploymentOnly' };
      this.change({ [field]: e.detail.value });
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.change({ orgId: e.detail.id, orgName: e.detail.name }, 'orgId');
    },
    onRef(e: WechatMiniprogram.PickerChange) {
      const { index } = e.currentTarget.dataset as { index: number };
      const ref = this.data.refs[index];
      const choice = ref.choices[Number(e.detail.value)];
      if (choice) this.change({ [ref.prop]: choice.key } as Partial<KindForm>, `subject_${ref.prop}`);
    },
    onPeopleField(e: WechatMiniprogram.PickerChange) {
      const choice = this.data.numberChoices[Number(e.detail.value)];
      if (choice) this.change({ peopleField: choice.key }, 'counting_people_field');
    },
    onCapField(e: WechatMiniprogram.PickerChange) {
      const choice = this.data.moneyChoices[Number(e.detail.value)];
      this.change({ capField: choice ? choice.key : '' }, 'settle_capField');
    },
    onClearCap() {
      this.change({ capField: '' }, 'settle_capField');
    },
    onAddField(e: WechatMiniprogram.PickerChange) {
      const type = ADDABLE[Number(e.detail.value)];
      const row = rowOf({ key: freshKey('field', this.data.fields.map((r) => r.key)), label: '', type, required: true });
      this.setData({ [`fields[${this.data.fields.length}]`]: row, 'errors.template_fields': '' });
      this.refresh();
    },
    async onRemoveField(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const fields = await withoutField(this.data.fields, index);
      if (!fields) return;
      this.setData({ fields });
      this.refresh();
    },
    onMoveField(e: WechatMiniprogram.BaseEvent) {
      const { index, by } = e.currentTarget.dataset as { index: number; by: number };
      const patch = moveField(this.data.fields, 'fields', index, Number(by));
      if (patch) this.setData(patch);
    },
    /** A field renamed: the headline's placeholder of it follows. */
    onFieldLabel(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index } = e.currentTarget.dataset as { index: number };
      const before = headlineNames(this.data.fields);
      this.setData({ [`fields[${index}].label`]: e.detail.value, [`fields[${index}].error`]: '' });
      const headline = renamed(this.data.form!.headline, before, headlineNames(this.data.fields));
      if (headline !== this.data.form!.headline) this.setData({ 'form.headline': headline });
      this.refresh();
    },
    onFieldRequired(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const { index } = e.currentTarget.dataset as { index: number };
      if (this.data.fields[index].fixed) return;
      this.setData({ [`fields[${index}].required`]: e.detail.value });
    },
    /** The draft to send, or the problems found before sending (amounts that are not 元, days that are not numbers). */
    draftOf(): { ok: true; draft: ServiceKindDraft } | { ok: false; problems: Record<string, string> } {
      const f = this.data.form!;
      const problems: Record<string, string> = {};
      const budgetFen = fenOfYuan(f.budgetYuan);
      if (budgetFen === null) problems['template.budgetFen'] = '请填写默认预算（元）';
      if (!/^\d+$/.test(f.openForDays.trim())) problems['template.openForDays'] = '请填写报名天数';
      const places = f.settleMode === 'places';
      const quota = /^\d+$/.test(f.quotaText.trim()) ? Number(f.quotaText) : null;
      if (places && quota === null) problems['template.quota'] = '请填写默认名额';
      const placeFen = f.placeYuan.trim() ? fenOfYuan(f.placeYuan) : 0;
      if (places && placeFen === null) problems['template.placeFen'] = '每个名额的费用应为金额（元）';
      for (const ref of this.data.refs) if (ref.index < 0) problems[`subject.${ref.prop}`] = `请选择申请表中哪一项是${ref.role.replace(/（.*/, '')}`;
      if (f.peopleBy === 'field' && this.data.peopleIndex < 0) problems['counting.people.field'] = '请选择按申请表中哪一项的人数计人次';
      const headline = byKeys(f.headline, headlineNames(this.data.fields));
      if (!headline.ok) problems.headline = `申请事项中的{${headline.unknown}}不是申请表中的一项，可用：${namesList(headlineNames(this.data.fields))}`;
      const sentence = byKeys(f.sentence, SENTENCE_NAMES);
      if (!sentence.ok) problems.sentence = `报告用语中有不认识的{${sentence.unknown}}，可用：${namesList(SENTENCE_NAMES)}`;
      if (Object.keys(problems).length || !headline.ok || !sentence.ok) return { ok: false, problems };
      const people: PeopleRule = f.peopleBy === 'field' ? { by: 'field', field: f.peopleField } : { by: f.peopleBy };
      const cash = f.settleMode === 'cash' || f.settleMode === 'both';
      return {
        ok: true,
        draft: {
          label: f.label.trim(),
          description: f.description.trim(),
          icon: f.icon,
          orgId: f.orgId,
          subject: subjectOf(f),
          settle: { mode: f.settleMode, ...(cash && f.capField ? { capField: f.capField } : {}) },
          counting: { people },
          duplicate: { yearGroup: f.yearGroup || null, ...(f.duplicateMessage.trim() ? { message: f.duplicateMessage.trim() } : {}) },
          sentence: sentence.text.trim(),
          headline: headline.text.trim(),
          // the grades a kind's campaigns take are chosen per campaign; a kind's own stay as stored
          eligibility: { hardshipOnly: f.hardshipOnly, newEmploymentOnly: f.newEmploymentOnly, ...(f.hardshipOnly && f.hardshipGrades?.length && { hardshipGrades: f.hardshipGrades }) },
          template: {
            fields: this.data.fields.map(fieldOf),
            tiers: places ? [] : (state.get(this)?.tiers ?? []),
            budgetFen: budgetFen!,
            openForDays: Number(f.openForDays),
            ...(places ? { quota: quota!, placeFen: placeFen! } : {}),
          },
        },
      };
    },
    /** Shows problems (ours or the server's) where they belong, and every one of them on top. */
    showProblems(problems: Record<string, string>) {
      const errors: Record<string, string> = {};
      const patch: Record<string, unknown> = {};
      this.data.fields.forEach((_, i) => (patch[`fields[${i}].error`] = ''));
      for (const [path, message] of Object.entries(problems)) {
        const row = /^(?:draft\.)?template\.fields\.(\d+)\./.exec(path);
        if (row) patch[`fields[${row[1]}].error`] = message;
        else errors[viewKey(path)] = message;
      }
      this.setData({ ...patch, errors, errorList: [...new Set(Object.values(problems))] });
    },
    async onSave() {
      const d = this.draftOf();
      if (!d.ok) {
        this.showProblems(d.problems);
        return this.setData({ error: '请按提示修改' });
      }
      this.setData({ saving: true, error: '', notice: '' });
      const { kindId, version } = this.data;
      const r = await call('campaigns', 'saveKind', { ...(kindId ? { kindId, version } : {}), draft: d.draft });
      this.setData({ saving: false });
      if (!r.ok) {
        if (r.error.code === 'CONFLICT') return this.setData({ error: '这个服务类型刚刚已被他人修改，请返回后重新打开再改' });
        this.showProblems(r.error.fields ?? {});
        return this.setData({ error: r.error.message });
      }
      const k = r.data.kind;
      this.setData({ kindId: k.kindId, savedId: k.kindId, version: k.version, errors: {}, errorList: [], notice: '已保存。已建的活动不受影响；新建活动时可选用这个类型' });
    },
    onNewCampaign() {
      openPage(`/admin/campaign/index?kindId=${encodeURIComponent(this.data.savedId)}`);
    },
  },
});
