// One legal-aid case as an officer or the assigned lawyer sees it (cases.detail): the request, its evidence,
// the timeline, and the steps the server says the caller may take now (`actions`): 受理, 不予受理 (with the
// reason the member reads), 指派律师 (from cases.lawyers), 记录办理进展 (consultation, mediation, arbitration,
// litigation, with a note), 结案 (outcome and the amount recovered, typed in 元, sent in 分), 转办 (to another
// org, with why), 督办 (federation officers, with their opinion) and 留言. Each is sent with the version shown
// (cases.act); one made on a stale version comes back as CONFLICT and the officer is asked to refresh.
import { CASE_ACTION_LABELS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, CASE_STEP_LABELS, PRIOR_PROCEEDINGS_LABELS } from '../../../typings/api';
import type { CaseActInput, CaseAction, CaseDetail, CaseLawyerView, CaseOutcome, CaseStepKind } from '../../../typings/api';
import { caseFiles, caseStepText, caseTitle, openCaseFile } from '../../services/cases';
import type { FileItem } from '../../services/cases';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { fenOfYuan, yuanText } from '../../services/money';
import { largePrint } from '../../services/fontScale';

type Decision = Exclude<CaseAction, 'open' | 'addEvidence' | 'rate'>;

/** The steps taken on this page, in the order their controls are shown; evidence and rating are the member's. */
const DECISIONS: Decision[] = ['accept', 'decline', 'assign', 'logStep', 'close', 'refer', 'supervise', 'message'];
/** Steps that need the 说明 text, and what it is for each. */
const NEEDS_COMMENT: Partial<Record<Decision, string>> = {
  decline: '请填写不予受理的原因，申请人会看到',
  refer: '请填写转办的原因',
  logStep: '请填写这次办理的情况',
  supervise: '请填写督办意见',
  message: '请填写留言内容',
};

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

function view(c: CaseDetail) {
  return {
    caseId: c.caseId,
    version: c.version,
    title: caseTitle(c),
    status: CASE_STATUS_LABELS[c.status],
    overdue: c.overdue,
    supervised: c.supervised,
    person: `${c.personName}${c.onBehalf ? '（代办）' : ''} · ${c.orgName} · ${formatTime(c.createdAt)} 提交`,
    amount: `涉及金额 ${yuanText(c.amountInDisputeFen)} · ${c.workersAffected} 人`,
    contact: `联系电话 ${c.contactPhone} · ${c.contactTime}`,
    /** the member's number, for the lawyer of the open case to call */
    phone: c.phoneInClear ? c.contactPhone : '',
    prior: PRIOR_PROCEEDINGS_LABELS[c.priorProceedings],
    description: c.description,
    lawyer: c.lawyerName ?? '',
    deadline: c.deadlineDay ? `${c.deadlineDay}（含当天）` : '',
    declineReason: c.declineReason ?? '',
    closing: c.closing ? `${CASE_OUTCOME_LABELS[c.closing.outcome]}，挽回 ${yuanText(c.closing.recoveredFen)}` : '',
    rating: c.rating ? `${'★'.repeat(c.rating.stars)}${c.rating.comment ? ` “${c.rating.comment}”` : ''}` : '',
    evidence: caseFiles(c.evidence),
    timeline: c.timeline.map((t, n) => ({ n, when: formatTime(t.at), text: `${t.partLabel} ${caseStepText(t)}`, comment: t.comment ?? '' })),
    actions: DECISIONS.filter((a) => c.actions.includes(a)).map((action) => ({ action, label: CASE_ACTION_LABELS[action] })),
  };
}

type View = ReturnType<typeof view>;

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    caseId: { type: String, value: '' },
  },
  data: {
    c: null as View | null,
    loaded: false,
    error: '',
    notice: '',
    /** what changed meanwhile, as the server says it (a stale decision's CONFLICT) */
    conflict: '',
    acting: '',
    comment: '',
    lawyers: [] as CaseLawyerView[],
    lawyerId: '',
    steps: options(CASE_STEP_LABELS),
    step: '' as CaseStepKind | '',
    outcomes: options(CASE_OUTCOME_LABELS),
    outcome: '' as CaseOutcome | '',
    recoveredYuan: '',
    toOrgId: '',
    toOrgName: '',
    errors: {} as Record<string, string>,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ conflict: '', error: '', errors: {} });
      const r = await call('cases', 'detail', { caseId: this.data.caseId });
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      await this.show(r.data.case);
    },
    async show(c: CaseDetail) {
      this.setData({ c: view(c), comment: '', errors: {} });
      if (c.actions.includes('assign') && !this.data.lawyers.length) {
        const r = await call('cases', 'lawyers', { caseId: c.caseId });
        if (r.ok) this.setData({ lawyers: r.data.lawyers });
        else this.setData({ 'errors.lawyerId': r.error.message });
      }
    },
    onCall() {
      const phone = this.data.c?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
    },
    onFile(e: WechatMiniprogram.BaseEvent) {
      openCaseFile(e.currentTarget.dataset as FileItem);
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value, 'errors.comment': '' });
    },
    onPick(e: WechatMiniprogram.BaseEvent) {
      const { field, key } = e.currentTarget.dataset as { field: 'lawyerId' | 'step' | 'outcome'; key: string };
      this.setData({ [field]: key, [`errors.${field}`]: '' });
    },
    onRecovered(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ recoveredYuan: e.detail.value, 'errors.recoveredFen': '' });
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.setData({ toOrgId: e.detail.id, toOrgName: e.detail.name, 'errors.toOrgId': '' });
    },
    /** The inputs of `action` besides the comment, or the messages saying what is missing. */
    inputsOf(action: Decision): { ok: true; value: Partial<CaseActInput> } | { ok: false; errors: Record<string, string> } {
      const d = this.data;
      if (action === 'assign') return d.lawyerId ? { ok: true, value: { lawyerId: d.lawyerId } } : { ok: false, errors: { lawyerId: '请选择律师' } };
      if (action === 'logStep') return d.step ? { ok: true, value: { step: d.step } } : { ok: false, errors: { step: '请选择办理方式' } };
      if (action === 'refer') return d.toOrgId ? { ok: true, value: { toOrgId: d.toOrgId } } : { ok: false, errors: { toOrgId: '请选择转给哪个工会' } };
      if (action === 'close') {
        const errors: Record<string, string> = {};
        const fen = fenOfYuan(d.recoveredYuan);
        if (!d.outcome) errors.outcome = '请选择结案方式';
        if (fen === null) errors.recoveredFen = '请填写挽回的金额（元），没有挽回填 0';
        if (Object.keys(errors).length) return { ok: false, errors };
        return { ok: true, value: { outcome: d.outcome as CaseOutcome, recoveredFen: fen! } };
      }
      return { ok: true, value: {} };
    },
    async onAct(e: WechatMiniprogram.BaseEvent) {
      const { action } = e.currentTarget.dataset as { action: Decision };
      const c = this.data.c!;
      if (this.data.acting) return;
      const comment = this.data.comment.trim();
      const needs = NEEDS_COMMENT[action];
      if (needs && !comment) return this.setData({ errors: { comment: needs } });
      const inputs = this.inputsOf(action);
      if (!inputs.ok) return this.setData({ errors: inputs.errors });
      this.setData({ acting: action, error: '', notice: '', errors: {} });
      const r = await call('cases', 'act', { caseId: c.caseId, version: c.version, transition: action, ...(comment ? { comment } : {}), ...inputs.value });
      this.setData({ acting: '' });
      if (!r.ok) {
        if (r.error.code === 'CONFLICT') return this.setData({ conflict: r.error.message });
        return this.setData({ error: r.error.message, errors: r.error.fields ?? {} });
      }
      await this.show(r.data.case);
      this.setData({ notice: `已${CASE_ACTION_LABELS[action]}`, step: '', outcome: '', recoveredYuan: '', toOrgId: '', toOrgName: '' });
    },
  },
});
