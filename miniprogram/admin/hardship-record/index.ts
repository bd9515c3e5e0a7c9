// One hardship record (困难职工档案) for an officer (hardship.detail): the member, the status, what was verified
// (grade, causes, monthly income per head, the household with ID cards masked), the member's note and
// materials, and the steps the officer may take now — 建档 or 年度复核 with the filing form (a household
// member's ID card is typed in clear and never shown back), 确认 or 退回 (the federation), 脱困 with its
// reason. Opened without a record, it files one for a member named by ID card (hardship.file).
import type { HardshipAction, HardshipCause, HardshipDetail, HardshipGrade } from '../../../typings/api';
import { HARDSHIP_CAUSE_LABELS, HARDSHIP_GRADE_LABELS } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { largePrint } from '../../services/fontScale';
import { fenOfYuan, yuanInput, yuanText } from '../../services/money';

interface HouseholdRow {
  name: string;
  relation: string;
  idCard: string;
  /** what the function said of this member's ID card */
  error: string;
}

const GRADES = (Object.keys(HARDSHIP_GRADE_LABELS) as HardshipGrade[]).map((value) => ({ value, label: HARDSHIP_GRADE_LABELS[value] }));
const CAUSES = (Object.keys(HARDSHIP_CAUSE_LABELS) as HardshipCause[]).map((value) => ({ value, label: HARDSHIP_CAUSE_LABELS[value] }));
const DONE: Record<HardshipAction, string> = { file: '已建档，等待总工会确认', confirm: '已确认建档', return: '已退回基层工会', review: '已复核', exit: '已办理脱困', request: '' };

const blankRow = (): HouseholdRow => ({ name: '', relation: '', idCard: '', error: '' });

function shownRecord(r: HardshipDetail) {
  return {
    ...r,
    causesText: r.causes.map((c) => HARDSHIP_CAUSE_LABELS[c]).join('、'),
    incomeText: r.monthlyIncomePerHeadFen === null ? '' : yuanText(r.monthlyIncomePerHeadFen),
    verifiedText: r.verifiedAt ? `${r.verifiedByName || '工会干部'} · ${formatTime(r.verifiedAt)}` : '',
    steps: r.timeline.map((e) => ({ label: e.label, when: formatTime(e.at), comment: e.comment ?? '' })),
    canFile: r.actions.includes('file') || r.actions.includes('review'),
    canConfirm: r.actions.includes('confirm'),
    canReturn: r.actions.includes('return'),
    canExit: r.actions.includes('exit'),
  };
}

Component({
  behaviors: [largePrint],
  properties: { recordId: { type: String, value: '' } },
  data: {
    grades: GRADES,
    causes: CAUSES,
    loaded: false,
    error: '',
    notice: '',
    conflict: false,
    record: null as null | ReturnType<typeof shownRecord>,
    /** the filing form */
    idCard: '',
    grade: '' as HardshipGrade | '',
    chosenCauses: {} as Record<string, boolean>,
    incomeYuan: '',
    household: [] as HouseholdRow[],
    note: '',
    comment: '',
    errors: {} as Record<string, string>,
    busy: false,
  },
  lifetimes: {
    attached() {
      if (this.properties.recordId) this.load();
      else this.setData({ loaded: true, household: [blankRow()] });
    },
  },
  methods: {
    async load() {
      const r = await call('hardship', 'detail', { recordId: this.properties.recordId });
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      this.show(r.data.record);
    },
    show(r: HardshipDetail) {
      // the form starts from what was verified last; household members are typed anew or kept
      this.setData({
        loaded: true,
        error: '',
        conflict: false,
        record: shownRecord(r),
        grade: r.grade ?? '',
        chosenCauses: r.causes.reduce<Record<string, boolean>>((m, c) => ({ ...m, [c]: true }), {}),
        incomeYuan: r.monthlyIncomePerHeadFen === null ? '' : yuanInput(r.monthlyIncomePerHeadFen),
        household: r.household.length ? [] : [blankRow()],
        note: '',
        comment: '',
        errors: {},
      });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { key } = e.currentTarget.dataset as { key: 'idCard' | 'incomeYuan' | 'note' | 'comment' };
      this.setData({ [key]: e.detail.value, [`errors.${key}`]: '' });
    },
    onGrade(e: WechatMiniprogram.BaseEvent) {
      this.setData({ grade: (e.currentTarget.dataset as { value: HardshipGrade }).value, 'errors.grade': '' });
    },
    onCause(e: WechatMiniprogram.BaseEvent) {
      const { value } = e.currentTarget.dataset as { value: string };
      this.setData({ [`chosenCauses.${value}`]: !this.data.chosenCauses[value], 'errors.causes': '' });
    },
    onMember(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, key } = e.currentTarget.dataset as { index: number; key: 'name' | 'relation' | 'idCard' };
      this.setData({ [`household[${index}].${key}`]: e.detail.value, [`household[${index}].error`]: '' });
    },
    onAddMember() {
      this.setData({ household: [...this.data.household, blankRow()] });
    },
    onRemoveMember(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      this.setData({ household: this.data.household.filter((_r, i) => i !== index), errors: {} });
    },
    /** The filing form as the function takes it, or the errors to show. */
    filing(): { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
      const d = this.data;
      const errors: Record<string, string> = {};
      if (!d.grade) errors.grade = '请选择困难类别';
      const causes = CAUSES.map((c) => c.value).filter((c) => d.chosenCauses[c]);
      if (!causes.length) errors.causes = '请选择致困原因';
      const income = fenOfYuan(d.incomeYuan);
      if (income === null) errors.incomeYuan = '请填写家庭月人均收入（元）';
      const typed = d.household.filter((h) => h.name || h.relation || h.idCard);
      if (!typed.length && !d.record?.household.length) errors.household = '请填写家庭成员';
      if (Object.keys(errors).length) return { ok: false, errors };
      return {
        ok: true,
        value: {
          grade: d.grade,
          causes,
          monthlyIncomePerHeadFen: income,
          ...(typed.length && { household: typed.map((h) => ({ name: h.name.trim(), relation: h.relation.trim(), idCard: h.idCard.trim() })) }),
          ...(d.note.trim() && { note: d.note.trim() }),
        },
      };
    },
    async onFile() {
      const form = this.filing();
      if (!form.ok) return this.setData({ errors: form.errors });
      const r = this.data.record;
      if (!r) {
        if (!this.data.idCard.trim()) return this.setData({ 'errors.idCard': '请填写会员的身份证号' });
        return this.decide('file', () => call('hardship', 'file', { idCard: this.data.idCard.trim(), ...form.value } as never));
      }
      const step = r.actions.includes('review') ? 'review' : 'file';
      const input = step === 'review' ? { recordId: r.recordId, version: r.version, ...form.value } : { memberId: r.memberId, version: r.version, ...form.value };
      return this.decide(step, () => call('hardship', step, input as never));
    },
    onConfirm() {
      const r = this.data.record!;
      this.decide('confirm', () => call('hardship', 'confirm', { recordId: r.recordId, version: r.version, ...(this.data.comment.trim() && { comment: this.data.comment.trim() }) }));
    },
    onReturn() {
      this.commented('return', '请填写退回的原因');
    },
    onExit() {
      this.commented('exit', '请填写脱困的原因');
    },
    commented(step: 'return' | 'exit', missing: string) {
      const r = this.data.record!;
      const comment = this.data.comment.trim();
      if (!comment) return this.setData({ 'errors.comment': missing });
      this.decide(step, () => call('hardship', step, { recordId: r.recordId, version: r.version, comment }));
    },
    async decide(step: HardshipAction, send: () => Promise<{ ok: true; data: { record: HardshipDetail } } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }>) {
      this.setData({ busy: true, error: '', notice: '' });
      const r = await send();
      this.setData({ busy: false });
      if (!r.ok) {
        if (r.error.code === 'CONFLICT') return this.setData({ conflict: true, error: r.error.message });
        const fields = r.error.fields ?? {};
        const errors: Record<string, string> = {};
        for (const k of Object.keys(fields)) errors[k === 'monthlyIncomePerHeadFen' ? 'incomeYuan' : k] = fields[k];
        // household.N.idCard: the Nth member typed (rows left empty are not sent)
        const typed = this.data.household.map((h, i) => ({ h, i })).filter(({ h }) => h.name || h.relation || h.idCard);
        const household = this.data.household.map((h) => ({ ...h, error: '' }));
        typed.forEach(({ i }, n) => {
          const said = fields[`household.${n}.idCard`] ?? fields[`household.${n}.name`] ?? fields[`household.${n}.relation`];
          if (said) household[i].error = said;
        });
        return this.setData({ error: r.error.message, errors, household });
      }
      this.show(r.data.record);
      this.setData({ notice: DONE[step] });
    },
  },
});
