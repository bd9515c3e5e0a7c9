// 活动编辑 (federation officers): a campaign as data — kind, year, title, running org, the application window
// in calendar days, the budget and amount tiers in 元 (sent as 分), who may apply, and the form's fields (add,
// remove after a confirmation, move up or down; name, type, required, options, limit, example, hint). The
// identifiers the server keys answers, tiers and options by are never shown: new ones are made here, existing
// ones kept; the fields a kind's rules read (KIND_REQUIRED_FIELDS) cannot be removed or retyped. A new campaign
// starts from its kind's template (typings/campaignTemplates.ts); an existing one (query campaignId) from
// campaigns.manageList. Saving is campaigns.save, whose field errors are shown against their rows; a saved
// draft or closed campaign can be opened from here.
import { CAMPAIGN_KIND_LABELS } from '../../../typings/api';
import type { AmountTier, CampaignDraft, CampaignKind, FormField, ManagedCampaign } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { fenOfYuan, yuanInput } from '../../services/money';
import { lastMe, refreshMe } from '../../services/session';
import { CAMPAIGN_TEMPLATES, KIND_REQUIRED_FIELDS } from '../../../typings/campaignTemplates';
import { largePrint } from '../../services/fontScale';

type FieldType = FormField['type'];

const FIELD_TYPES: { type: FieldType; label: string }[] = [
  { type: 'text', label: '文字' },
  { type: 'textarea', label: '多行文字' },
  { type: 'number', label: '整数' },
  { type: 'money', label: '金额（元）' },
  { type: 'date', label: '日期' },
  { type: 'select', label: '选择题' },
  { type: 'idCard', label: '身份证号' },
  { type: 'phone', label: '手机号' },
  { type: 'bankCard', label: '银行卡号' },
  { type: 'images', label: '照片' },
];
const TYPE_LABELS = FIELD_TYPES.map((t) => t.label);
/** the unit a field type's limit is typed in; types without one take no limit */
const MAX_UNITS: Partial<Record<FieldType, string>> = { text: '字', textarea: '字', number: '', money: '元', images: '张' };
const KINDS = (Object.keys(CAMPAIGN_KIND_LABELS) as CampaignKind[]).map((kind) => ({ kind, label: CAMPAIGN_KIND_LABELS[kind] }));

/** Rows keep a stable id for wx:key while they are edited, added, removed and moved. */
let lastUid = 0;
const uid = () => ++lastUid;

/** An identifier for a new field, tier or option: `prefix` and the first number none of `taken` has. */
function freshKey(prefix: string, taken: string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

interface TierRow {
  uid: number;
  key: string;
  label: string;
  amountYuan: string;
  error: string;
}

interface FieldRow {
  uid: number;
  key: string;
  label: string;
  type: FieldType;
  typeLabel: string;
  required: boolean;
  maxText: string;
  maxUnit: string | null;
  hint: string;
  example: string;
  options: { uid: number; value: string; label: string }[];
  /** read by its kind's rules: kept, with its type */
  fixed: boolean;
  error: string;
}

interface Form {
  kind: CampaignKind;
  year: string;
  title: string;
  orgId: string;
  orgName: string;
  openDay: string;
  closeDay: string;
  budgetYuan: string;
  maxAmountYuan: string;
  hardshipOnly: boolean;
}

/** Asks before something is removed (a slip of the finger deletes nothing): resolves true on 删除. */
function confirmRemoval(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({ title, content, confirmText: '删除', confirmColor: '#b3141a', cancelText: '不删除', success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );
}

const dayAfter = (days: number) => formatTime(new Date(Date.now() + days * 86_400_000).toISOString()).slice(0, 10);

const tierRow = (t: AmountTier): TierRow => ({ uid: uid(), key: t.key, label: t.label, amountYuan: yuanInput(t.amountFen), error: '' });

function fieldRow(f: FormField, kind: CampaignKind): FieldRow {
  const unit = MAX_UNITS[f.type];
  return {
    uid: uid(),
    key: f.key,
    label: f.label,
    type: f.type,
    typeLabel: TYPE_LABELS[FIELD_TYPES.findIndex((t) => t.type === f.type)],
    required: f.required,
    maxText: f.max === undefined ? '' : f.type === 'money' ? yuanInput(f.max) : String(f.max),
    maxUnit: unit ?? null,
    hint: f.hint ?? '',
    example: f.example ?? '',
    options: (f.options ?? []).map((o) => ({ uid: uid(), value: o.value, label: o.label })),
    fixed: KIND_REQUIRED_FIELDS[kind].some((k) => k.key === f.key),
    error: '',
  };
}

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
  if (row.example.trim() && row.type !== 'select' && row.type !== 'date' && row.type !== 'images') field.example = row.example.trim();
  return { ok: true, field };
}

function formOf(c: ManagedCampaign, orgName: string): Form {
  return {
    kind: c.kind,
    year: String(c.year),
    title: c.title,
    orgId: c.orgId,
    orgName,
    openDay: c.openDay,
    closeDay: c.closeDay,
    budgetYuan: yuanInput(c.budgetFen),
    maxAmountYuan: yuanInput(c.maxAmountFen),
    hardshipOnly: c.eligibility.hardshipOnly,
  };
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: the campaign to edit; none starts a new one */
    campaignId: { type: String, value: '' },
  },
  data: {
    kinds: KINDS,
    kindLabel: '',
    typeLabels: TYPE_LABELS,
    form: null as Form | null,
    tiers: [] as TierRow[],
    fields: [] as FieldRow[],
    version: 0,
    status: '' as ManagedCampaign['status'] | '',
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
        this.setData({ loaded: true });
        return this.applyTemplate('studentAid', federation?.orgId ?? '', federation?.orgName ?? '');
      }
      const r = await call('campaigns', 'manageList', {});
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      const c = r.data.items.find((x) => x.campaignId === this.data.campaignId);
      if (!c) return this.setData({ error: '没有找到这个活动，或您不能管理它' });
      this.showCampaign(c, me?.roles.find((g) => g.orgId === c.orgId)?.orgName ?? c.orgId);
    },
    showCampaign(c: ManagedCampaign, orgName: string) {
      this.setData({
        form: formOf(c, orgName),
        kindLabel: CAMPAIGN_KIND_LABELS[c.kind],
        tiers: c.tiers.map(tierRow),
        fields: c.fields.map((f) => fieldRow(f, c.kind)),
        version: c.version,
        status: c.status,
        errors: {},
      });
    },
    applyTemplate(kind: CampaignKind, orgId: string, orgName: string) {
      const t = CAMPAIGN_TEMPLATES[kind];
      const year = dayAfter(0).slice(0, 4);
      const form: Form = {
        kind,
        year,
        title: `${year}年${t.title}`,
        orgId,
        orgName,
        openDay: dayAfter(0),
        closeDay: dayAfter(t.openForDays - 1),
        budgetYuan: yuanInput(t.budgetFen),
        maxAmountYuan: '',
        hardshipOnly: t.hardshipOnly,
      };
      this.setData({ form, kindLabel: CAMPAIGN_KIND_LABELS[kind], tiers: t.tiers.map(tierRow), fields: t.fields.map((f) => fieldRow(f, kind)), errors: {} });
    },
    onKind(e: WechatMiniprogram.BaseEvent) {
      if (this.data.version) return; // a saved campaign keeps its kind
      const form = this.data.form!;
      this.applyTemplate((e.currentTarget.dataset as { kind: CampaignKind }).kind, form.orgId, form.orgName);
    },
    onFormInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field } = e.currentTarget.dataset as { field: keyof Form };
      const errorKey = ({ budgetYuan: 'budgetFen', maxAmountYuan: 'maxAmountFen' } as Record<string, string>)[field] ?? field;
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
      const key = freshKey('field', this.data.fields.map((f) => f.key));
      const row = fieldRow({ key, label: '', type: 'text', required: true }, this.data.form!.kind);
      this.setData({ [`fields[${this.data.fields.length}]`]: row, 'errors.fields': '' });
    },
    async onRemoveField(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const field = this.data.fields[index];
      if (field.fixed) return;
      const name = field.label || `第 ${index + 1} 项`;
      if (!(await confirmRemoval('删除这一项？', `“${name}”将从申请表中去掉。已经提交的申请不受影响。`))) return;
      this.setData({ fields: this.data.fields.filter((_, i) => i !== index) });
      wx.showToast({ title: `已删除“${name}”`, icon: 'none' });
    },
    onMoveField(e: WechatMiniprogram.BaseEvent) {
      const { index, by } = e.currentTarget.dataset as { index: number; by: number };
      const to = index + Number(by);
      if (to < 0 || to >= this.data.fields.length) return;
      const fields = [...this.data.fields];
      [fields[index], fields[to]] = [fields[to], fields[index]];
      this.setData({ [`fields[${index}]`]: fields[index], [`fields[${to}]`]: fields[to] });
      wx.showToast({ title: `“${fields[to].label || '这一项'}”现在是第 ${to + 1} 项`, icon: 'none' });
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
      const problems: Record<string, string> = {};
      const budgetFen = fenOfYuan(f.budgetYuan);
      if (budgetFen === null) problems.budgetFen = '请填写预算（元）';
      const maxAmountFen = f.maxAmountYuan.trim() ? fenOfYuan(f.maxAmountYuan) : undefined;
      if (maxAmountFen === null) problems.maxAmountFen = '单笔上限应为金额（元）';
      if (!/^\d{4}$/.test(f.year.trim())) problems.year = '请填写四位数的年度';
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
          kind: f.kind,
          year: Number(f.year),
          title: f.title.trim(),
          orgId: f.orgId,
          openDay: f.openDay,
          closeDay: f.closeDay,
          budgetFen: budgetFen!,
          tiers,
          ...(maxAmountFen !== undefined ? { maxAmountFen: maxAmountFen as number } : {}),
          eligibility: { hardshipOnly: f.hardshipOnly },
          fields: fields as FormField[],
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
