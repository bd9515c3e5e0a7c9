// 活动编辑 (federation officers): a campaign as data — its service kind, year, title, running org, the
// application window in calendar days, the budget and amount tiers in 元 (sent as 分) or a places kind's quota
// and place cost, who may apply, whether it pays only after 公示 (and for how many working days), and the form's fields (add, remove after a confirmation, move up or down; name,
// type, required, options, limit, example, hint: formFields.ts, which keeps the identifiers out of sight and
// the fields the kind's rules read on the form). A new campaign starts from its kind's template
// (campaigns.kinds: the built-ins and the federation's own kinds); an existing one (query campaignId) from
// campaigns.manageList, its kind fixed. Saving is campaigns.save, whose field errors are shown against their
// rows; a saved draft or closed campaign can be opened from here, and a campaign requiring 公示 opens 公示与异议.
import { ruleFields } from '../../../cloudfunctions/_shared/domain/ruleFields';
import { DEFAULT_PUBLICITY_DAYS, HARDSHIP_GRADE_LABELS } from '../../../typings/api';
import type { AmountTier, CampaignDraft, HardshipGrade, FormField, KindSnapshot, ManagedCampaign, ServiceKindView, SettleMode } from '../../../typings/api';
import { call } from '../../services/cloud';
import { largePrint } from '../../services/fontScale';
import { formatTime } from '../../services/format';
import { fenOfYuan, yuanInput } from '../../services/money';
import { lastMe, refreshMe } from '../../services/session';
import { openPage } from '../../services/ui';
import { confirmRemoval, FIELD_TYPES, freshKey, markFixed, moveField, typeLabel, uid, withoutField, type FieldRowBase, type FieldType } from '../formFields';

const TYPE_LABELS = FIELD_TYPES.map((t) => t.label);
/** the unit a field type's limit is typed in; types without one take no limit */
const MAX_UNITS: Partial<Record<FieldType, string>> = { text: '字', textarea: '字', number: '', money: '元', images: '张' };

/** The kinds offered for a new campaign, kept here (their templates) rather than in the view's data. */
const kindsOf = new WeakMap<object, ServiceKindView[]>();

interface TierRow {
  uid: number;
  key: string;
  label: string;
  amountYuan: string;
  error: string;
}

interface FieldRow extends FieldRowBase {
  type: FieldType;
  typeLabel: string;
  required: boolean;
  maxText: string;
  maxUnit: string | null;
  hint: string;
  example: string;
  options: { uid: number; value: string; label: string }[];
  /** a bank card's holder rule, kept as the kind's template set it (not edited here) */
  holder?: FormField['holder'];
  error: string;
}

interface Form {
  kindId: string;
  kindLabel: string;
  settle: SettleMode;
  year: string;
  title: string;
  orgId: string;
  orgName: string;
  openDay: string;
  closeDay: string;
  budgetYuan: string;
  maxAmountYuan: string;
  quotaText: string;
  placeYuan: string;
  hardshipOnly: boolean;
  /** with hardshipOnly, the grades of hardship record that qualify (none chosen: any grade) */
  hardshipGrades: Record<string, boolean>;
  newEmploymentOnly: boolean;
  /** 公示后方可发放, and for how many working days */
  publicity: boolean;
  publicityDays: string;
}

const GRADE_CHOICES = (Object.keys(HARDSHIP_GRADE_LABELS) as HardshipGrade[]).map((value) => ({ value, label: HARDSHIP_GRADE_LABELS[value] }));
const gradeMap = (grades: readonly HardshipGrade[] | undefined): Record<string, boolean> => (grades ?? []).reduce<Record<string, boolean>>((m, g) => ({ ...m, [g]: true }), {});

const dayAfter = (days: number) => formatTime(new Date(Date.now() + days * 86_400_000).toISOString()).slice(0, 10);

const tierRow = (t: AmountTier): TierRow => ({ uid: uid(), key: t.key, label: t.label, amountYuan: yuanInput(t.amountFen), error: '' });

/** A field as a row; fixed ones are marked by markFixed (fieldRows). */
function fieldRow(f: FormField): FieldRow {
  const unit = MAX_UNITS[f.type];
  return {
    uid: uid(),
    key: f.key,
    label: f.label,
    type: f.type,
    typeLabel: typeLabel(f.type),
    required: f.required,
    maxText: f.max === undefined ? '' : f.type === 'money' ? yuanInput(f.max) : String(f.max),
    maxUnit: unit ?? null,
    hint: f.hint ?? '',
    example: f.example ?? '',
    options: (f.options ?? []).map((o) => ({ uid: uid(), value: o.value, label: o.label })),
    ...(f.holder && { holder: f.holder }),
    role: '',
    fixed: false,
    error: '',
  };
}

/** A kind's form as rows, the fields its rules read kept. */
const fieldRows = (fields: readonly FormField[], kind: Pick<KindSnapshot, 'subject' | 'settle' | 'counting'>): FieldRow[] => markFixed(fields.map(fieldRow), ruleFields(kind));

/** Types whose empty field can show an example of an answer (a choice, a day or photos cannot). */
const takesExample = (type: FieldType) => type !== 'select' && type !== 'date' && type !== 'images';

/** A row back into a field definition, or the problem the officer must fix first. */
function fieldOf(row: FieldRow): { ok: true; field: FormField } | { ok: false; message: string } {
  const field: FormField = { key: row.key.trim(), label: row.label.trim(), type: row.type, required: row.required };
  if (row.type === 'select') field.options = row.options.map((o) => ({ value: o.value.trim(), label: o.label.trim() }));
  if (row.maxUnit !== null && row.maxText.trim()) {
    const max = row.type === 'money' ? fenOfYuan(row.maxText) : /^\d+$/.test(row.maxText.trim()) ? Number(row.maxText) : null;
    if (max === null || max <= 0) return { ok: false, message: '上限应为大于0的数' };
    field.max = max;
  }
  if (row.hint.trim()) field.hint = row.hint.trim();
  if (row.example.trim() && takesExample(row.type)) field.example = row.example.trim();
  if (row.holder && row.type === 'bankCard') field.holder = row.holder;
  return { ok: true, field };
}

function formOf(c: ManagedCampaign, orgName: string): Form {
  return {
    kindId: c.kind.kindId,
    kindLabel: c.kind.label,
    settle: c.kind.settle.mode,
    year: String(c.year),
    title: c.title,
    orgId: c.orgId,
    orgName,
    openDay: c.openDay,
    closeDay: c.closeDay,
    budgetYuan: yuanInput(c.budgetFen),
    maxAmountYuan: yuanInput(c.maxAmountFen),
    quotaText: c.quota === undefined ? '' : String(c.quota),
    placeYuan: yuanInput(c.placeFen),
    hardshipOnly: c.eligibility.hardshipOnly,
    hardshipGrades: gradeMap(c.eligibility.hardshipGrades),
    newEmploymentOnly: c.eligibility.newEmploymentOnly,
    publicity: c.publicity !== undefined,
    publicityDays: String(c.publicity?.workingDays ?? DEFAULT_PUBLICITY_DAYS),
  };
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: the campaign to edit; none starts a new one */
    campaignId: { type: String, value: '' },
    /** page query: the kind a new campaign starts from (else the first offered) */
    kindId: { type: String, value: '' },
  },
  data: {
    gradeChoices: GRADE_CHOICES,
    kinds: [] as { kindId: string; label: string }[],
    typeLabels: TYPE_LABELS,
    form: null as Form | null,
    tiers: [] as TierRow[],
    fields: [] as FieldRow[],
    version: 0,
    status: '' as ManagedCampaign['status'] | '',
    /** the saved campaign requires 公示: its page is offered */
    publicized: false,
    errors: {} as Record<string, string>,
    loaded: false,
    saving: false,
    opening: false,
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
      const me = lastMe() ?? (await refreshMe().then((r) => (r.ok ? r.data : null)));
      const federation = me?.roles.find((r) => r.role === 'federationOfficer');
      if (!this.data.campaignId) {
        const r = await call('campaigns', 'kinds', {});
        this.setData({ loaded: true });
        if (!r.ok) return this.setData({ error: r.error.message });
        kindsOf.set(this, r.data.items);
        this.setData({ kinds: r.data.items.map((k) => ({ kindId: k.kindId, label: k.label })) });
        if (!r.data.items.length) return this.setData({ error: '还没有可用的服务类型' });
        const first = r.data.items.find((k) => k.kindId === this.data.kindId) ?? r.data.items[0];
        return this.applyTemplate(first.kindId, first.orgId ?? federation?.orgId ?? '', first.orgId ? first.orgName : (federation?.orgName ?? ''));
      }
      const r = await call('campaigns', 'manageList', {});
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      const c = r.data.items.find((x) => x.campaignId === this.data.campaignId);
      if (!c) return this.setData({ error: '没有找到这个活动，或您不能管理它' });
      this.showCampaign(c, me?.roles.find((g) => g.orgId === c.orgId)?.orgName ?? c.orgId);
    },
    showCampaign(c: ManagedCampaign, orgName: string) {
      this.setData({ form: formOf(c, orgName), tiers: c.tiers.map(tierRow), fields: fieldRows(c.fields, c.kind), version: c.version, status: c.status, publicized: c.publicity !== undefined, errors: {} });
    },
    applyTemplate(kindId: string, orgId: string, orgName: string) {
      const kind = (kindsOf.get(this) ?? []).find((k) => k.kindId === kindId);
      if (!kind) return;
      const t = kind.template;
      const year = dayAfter(0).slice(0, 4);
      const form: Form = {
        kindId,
        kindLabel: kind.label,
        settle: kind.settle.mode,
        year,
        title: `${year}年${kind.label}`,
        orgId,
        orgName,
        openDay: dayAfter(0),
        closeDay: dayAfter(t.openForDays - 1),
        budgetYuan: yuanInput(t.budgetFen),
        maxAmountYuan: '',
        quotaText: t.quota === undefined ? '' : String(t.quota),
        placeYuan: yuanInput(t.placeFen),
        hardshipOnly: kind.eligibility.hardshipOnly,
        hardshipGrades: gradeMap(kind.eligibility.hardshipGrades),
        newEmploymentOnly: kind.eligibility.newEmploymentOnly,
        publicity: false,
        publicityDays: String(DEFAULT_PUBLICITY_DAYS),
      };
      this.setData({ form, tiers: t.tiers.map(tierRow), fields: fieldRows(t.fields, kind), errors: {} });
    },
    onKind(e: WechatMiniprogram.BaseEvent) {
      if (this.data.version) return; // a saved campaign keeps its kind
      const form = this.data.form!;
      this.applyTemplate((e.currentTarget.dataset as { kind: string }).kind, form.orgId, form.orgName);
    },
    onFormInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field } = e.currentTarget.dataset as { field: keyof Form };
      const errorKey = ({ budgetYuan: 'budgetFen', maxAmountYuan: 'maxAmountFen', quotaText: 'quota', placeYuan: 'placeFen', publicityDays: 'publicity' } as Record<string, string>)[field] ?? field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${errorKey}`]: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      const { field } = e.currentTarget.dataset as { field: 'openDay' | 'closeDay' };
      this.setData({ [`form.${field}`]: String(e.detail.value), [`errors.${field}`]: '' });
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.setData({ 'form.orgId': e.detail.id, 'form.orgName': e.detail.name, 'errors.orgId': '' });
    },
    onHardship(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.hardshipOnly': e.detail.value });
    },
    onGrade(e: WechatMiniprogram.BaseEvent) {
      const { value } = e.currentTarget.dataset as { value: HardshipGrade };
      this.setData({ [`form.hardshipGrades.${value}`]: !this.data.form?.hardshipGrades[value] });
    },
    onNewEmployment(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.newEmploymentOnly': e.detail.value });
    },
    onPublicity(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.publicity': e.detail.value, 'errors.publicity': '' });
    },
    onPublicityPage() {
      openPage(`/admin/publicity/index?campaignId=${encodeURIComponent(this.data.campaignId)}`);
    },
    onAddTier() {
      const key = freshKey('tier', this.data.tiers.map((t) => t.key));
      this.setData({ [`tiers[${this.data.tiers.length}]`]: { uid: uid(), key, label: '', amountYuan: '', error: '' } });
    },
    async onRemoveTier(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const tier = this.data.tiers[index];
      if (!(await confirmRemoval('删除这一档？', `“${tier.label || `第 ${index + 1} 档`}”将不能再选。已批准的金额不受影响。`))) return;
      this.setData({ tiers: this.data.tiers.filter((_, i) => i !== index) });
    },
    onTierInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: 'label' | 'amountYuan' };
      this.setData({ [`tiers[${index}].${field}`]: e.detail.value, [`tiers[${index}].error`]: '' });
    },
    onAddField() {
      const row = fieldRow({ key: freshKey('field', this.data.fields.map((f) => f.key)), label: '', type: 'text', required: true });
      this.setData({ [`fields[${this.data.fields.length}]`]: row, 'errors.fields': '' });
    },
    async onRemoveField(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const fields = await withoutField(this.data.fields, index);
      if (fields) this.setData({ fields });
    },
    onMoveField(e: WechatMiniprogram.BaseEvent) {
      const { index, by } = e.currentTarget.dataset as { index: number; by: number };
      const patch = moveField(this.data.fields, 'fields', index, Number(by));
      if (patch) this.setData(patch);
    },
    onFieldInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: 'label' | 'maxText' | 'hint' | 'example' };
      this.setData({ [`fields[${index}].${field}`]: e.detail.value, [`fields[${index}].error`]: '' });
    },
    onFieldType(e: WechatMiniprogram.PickerChange) {
      const { index } = e.currentTarget.dataset as { index: number };
      const { type, label } = FIELD_TYPES[Number(e.detail.value)];
      const row = this.data.fields[index];
      if (row.fixed) return;
      const unit = MAX_UNITS[type];
      this.setData({
        [`fields[${index}]`]: { ...row, type, typeLabel: label, maxUnit: unit ?? null, maxText: unit === undefined ? '' : row.maxText, error: '' },
      });
    },
    onFieldRequired(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const { index } = e.currentTarget.dataset as { index: number };
      if (this.data.fields[index].fixed) return;
      this.setData({ [`fields[${index}].required`]: e.detail.value });
    },
    onAddOption(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const options = this.data.fields[index].options;
      const value = freshKey('option', options.map((o) => o.value));
      this.setData({ [`fields[${index}].options[${options.length}]`]: { uid: uid(), value, label: '' } });
    },
    async onRemoveOption(e: WechatMiniprogram.BaseEvent) {
      const { index, option } = e.currentTarget.dataset as { index: number; option: number };
      const label = this.data.fields[index].options[option].label || `第 ${option + 1} 个选项`;
      if (!(await confirmRemoval('删除这个选项？', `“${label}”将不能再选。`))) return;
      this.setData({ [`fields[${index}].options`]: this.data.fields[index].options.filter((_, i) => i !== option) });
    },
    onOptionInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, option } = e.currentTarget.dataset as { index: number; option: number };
      this.setData({ [`fields[${index}].options[${option}].label`]: e.detail.value, [`fields[${index}].error`]: '' });
    },
    /** The draft to send, or the problems found before sending (amounts that are not 元, limits that are not numbers). */
    draftOf(): { ok: true; draft: CampaignDraft } | { ok: false; problems: Record<string, string> } {
      const f = this.data.form!;
      const grades = f.hardshipOnly ? GRADE_CHOICES.map((g) => g.value).filter((g) => f.hardshipGrades[g]) : [];
      const problems: Record<string, string> = {};
      const budgetFen = fenOfYuan(f.budgetYuan);
      if (budgetFen === null) problems.budgetFen = '请填写预算（元）';
      const maxAmountFen = f.maxAmountYuan.trim() ? fenOfYuan(f.maxAmountYuan) : undefined;
      if (maxAmountFen === null) problems.maxAmountFen = '单笔上限应为金额（元）';
      if (!/^\d{4}$/.test(f.year.trim())) problems.year = '请填写四位数的年度';
      const places = f.settle === 'places';
      const quota = places ? (/^\d+$/.test(f.quotaText.trim()) ? Number(f.quotaText) : null) : undefined;
      if (quota === null) problems.quota = '请填写名额（整数）';
      const placeFen = places ? (f.placeYuan.trim() ? fenOfYuan(f.placeYuan) : 0) : undefined;
      if (placeFen === null) problems.placeFen = '每个名额的费用应为金额（元）';
      const publicityDays = f.publicity ? (/^\d+$/.test(f.publicityDays.trim()) ? Number(f.publicityDays) : null) : undefined;
      if (publicityDays === null) problems.publicity = '请填写公示的工作日数（整数）';
      const tiers = this.data.tiers.map((t, i) => {
        const amountFen = fenOfYuan(t.amountYuan);
        if (amountFen === null) problems[`tiers.${i}.amountFen`] = '请填写金额（元）';
        return { key: t.key.trim(), label: t.label.trim(), amountFen: amountFen ?? 0 };
      });
      const fields = this.data.fields.map((row, i) => {
        const r = fieldOf(row);
        if (!r.ok) problems[`fields.${i}.max`] = r.message;
        return r.ok ? r.field : null;
      });
      if (Object.keys(problems).length) return { ok: false, problems };
      return {
        ok: true,
        draft: {
          kindId: f.kindId,
          year: Number(f.year),
          title: f.title.trim(),
          orgId: f.orgId,
          openDay: f.openDay,
          closeDay: f.closeDay,
          budgetFen: budgetFen!,
          tiers,
          ...(maxAmountFen !== undefined ? { maxAmountFen: maxAmountFen as number } : {}),
          ...(places ? { quota: quota as number, placeFen: placeFen as number } : {}),
          eligibility: { hardshipOnly: f.hardshipOnly, newEmploymentOnly: f.newEmploymentOnly, ...(grades.length && { hardshipGrades: grades }) },
          fields: fields as FormField[],
          ...(publicityDays !== undefined ? { publicity: { workingDays: publicityDays as number } } : {}),
        },
      };
    },
    /** Shows problems (ours or the server's, keyed like 'title', 'tiers.1.amountFen', 'fields.3.key') where they belong. */
    showProblems(problems: Record<string, string>) {
      const errors: Record<string, string> = {};
      const rows: Record<string, string[]> = {};
      for (const [path, message] of Object.entries(problems)) {
        const key = path.replace(/^draft\./, '');
        const m = /^(tiers|fields)\.(\d+)(\.|$)/.exec(key);
        if (m) (rows[`${m[1]}[${m[2]}].error`] ??= []).push(message);
        else errors[key] = message;
      }
      const patch: Record<string, unknown> = { errors };
      this.data.tiers.forEach((_, i) => (patch[`tiers[${i}].error`] = ''));
      this.data.fields.forEach((_, i) => (patch[`fields[${i}].error`] = ''));
      for (const [at, messages] of Object.entries(rows)) patch[at] = messages.join('；');
      this.setData(patch);
    },
    async onSave() {
      const d = this.draftOf();
      if (!d.ok) {
        this.showProblems(d.problems);
        return this.setData({ error: '请按提示修改' });
      }
      this.setData({ saving: true, error: '', notice: '' });
      const { campaignId, version } = this.data;
      const r = await call('campaigns', 'save', { ...(campaignId ? { campaignId, version } : {}), draft: d.draft });
      this.setData({ saving: false });
      if (!r.ok) {
        if (r.error.code === 'CONFLICT') return this.setData({ error: '这个活动刚刚已被他人修改，请返回后重新打开再改' });
        this.showProblems(r.error.fields ?? {});
        return this.setData({ error: r.error.message });
      }
      const c = r.data.campaign;
      this.setData({ campaignId: c.campaignId });
      this.showCampaign(c, this.data.form!.orgName);
      this.setData({ notice: c.status === 'draft' ? '已保存。确认无误后点“开始报名”' : '已保存' });
    },
    async onOpen() {
      this.setData({ opening: true, error: '', notice: '' });
      const r = await call('campaigns', 'setStatus', { campaignId: this.data.campaignId, version: this.data.version, status: 'open' });
      this.setData({ opening: false });
      if (!r.ok) return this.setData({ error: r.error.code === 'CONFLICT' ? '这个活动刚刚已被他人修改，请返回后重新打开' : r.error.message });
      this.showCampaign(r.data.campaign, this.data.form!.orgName);
      this.setData({ notice: '已开始报名，会员在首页可以看到这个活动' });
    },
  },
});
