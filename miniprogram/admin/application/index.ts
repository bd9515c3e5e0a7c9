// One application as an officer sees it (applications.detail): the answers with the materials, the timeline,
// and the decisions the server says the officer may take now (`actions`): 推荐上报, 退回补充材料 and 不予通过
// (with a comment the applicant reads), 批准 (a tier or an amount), 登记发放 (payment reference and date),
// 登记送达 (a headcount at most the declared one, photos, date), 登记参加 (a places campaign's attendance).
// Which of these the server offers follows the kind's settle mode. The decisions sit in a bar that stays at
// the bottom of the screen: the forward one (推荐, 批准, 登记…) primary, 退回补充材料 and 不予通过 apart
// and unlike it, each asking for its reason in the bar, 不予通过 confirmed once more. Each decision is sent
// with the version shown (applications.act); one made on a stale version comes back as CONFLICT saying what
// changed, never overwriting. An approved, unsettled application offers 撤销批准 (its reason asked in the
// bar, confirmed once more: the reservation goes back to the budget); a paid one offers 登记退款 (amount, date,
// reference, reason), the only correction of a payment. Opened from a queue (its campaign, status and org in the page query), a
// decision offers 下一条: the oldest application still waiting there.
import { APPLICATION_ACTION_LABELS, APPLICATION_STATUS_LABELS, applicationStatusLabel, TIMELINE_STEP_LABELS } from '../../../typings/api';
import type { ActInput, ApplicationAction, ApplicationDetail, ApplicationStatus } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { fenOfYuan, yuanText } from '../../services/money';
import { uploadMaterial } from '../../services/upload';
import { largePrint } from '../../services/fontScale';

/** What an officer decides here; withdraw and resubmit are the applicant's, on the member's pages. */
const OFFICER_ACTIONS: ApplicationAction[] = ['recommend', 'approve', 'pay', 'deliver', 'attend', 'return', 'reject', 'cancel', 'refund'];
/** The decisions that move an application on; one at most is offered at a time. */
const FORWARD: ApplicationAction[] = ['recommend', 'approve', 'pay', 'deliver', 'attend'];
/** The decisions that send it back or end it: their reason is asked for in the bar. */
type Reasoned = 'return' | 'reject' | 'cancel';
/** What the bar asks for each reasoned decision, and the confirm dialog of those that end the application. */
const REASON_LABELS: Record<Reasoned, { ask: string; confirm: string }> = {
  return: { ask: '需要补充什么', confirm: '确认退回' },
  reject: { ask: '不予通过的原因', confirm: '确认不予通过' },
  cancel: { ask: '撤销批准的原因', confirm: '确认撤销' },
};
const MAX_PHOTOS = 9;

interface Photo {
  path: string;
  fileId: string;
  progress: number;
}

const today = () => formatTime(new Date().toISOString()).slice(0, 10);

const labelOf = (x: ApplicationAction, a: ApplicationDetail) => (x === 'approve' && a.settle === 'places' ? '入选（占用1个名额）' : APPLICATION_ACTION_LABELS[x]);

function view(a: ApplicationDetail) {
  return {
    applicationId: a.applicationId,
    version: a.version,
    title: `${a.campaignTitle} · ${a.headline}`,
    kindLabel: a.kindLabel,
    places: a.settle === 'places',
    status: applicationStatusLabel(a.status, a.settle),
    applicant: `${a.applicantName} · ${a.applicantOrgName}`,
    applicantName: a.applicantName,
    submitted: formatTime(a.createdAt),
    amount: a.amountFen === null ? '' : yuanText(a.amountFen),
    answers: a.answers.map((x) => ({ key: x.key, label: x.label, display: x.display, urls: (x.files ?? []).map((f) => f.url) })),
    timeline: a.timeline.map((t) => ({
      at: t.at,
      when: formatTime(t.at),
      text: `${t.byLabel} ${TIMELINE_STEP_LABELS[t.action]} → ${APPLICATION_STATUS_LABELS[t.to]}`,
      comment: t.comment ?? '',
    })),
    payment: a.payment ? `凭证号 ${a.payment.reference} · ${a.payment.paidOn}` : '',
    delivery: a.delivery ? `${a.delivery.deliveredOn} 送达，慰问 ${a.delivery.headcount} 人` : '',
    attendance: a.attendance ? `${a.attendance.attendedOn} 已参加` : '',
    maxHeadcount: a.maxHeadcount,
    deliveryPhotos: (a.delivery?.photos ?? []).map((p) => p.url),
    actions: OFFICER_ACTIONS.filter((x) => a.actions.includes(x)).map((x) => ({ action: x, label: labelOf(x, a) })),
    forward: FORWARD.filter((x) => a.actions.includes(x)).map((x) => ({ action: x, label: labelOf(x, a) })),
    canReturn: a.actions.includes('return'),
    canReject: a.actions.includes('reject'),
    canCancel: a.actions.includes('cancel'),
    canRefund: a.actions.includes('refund'),
    refunds: a.refunds.map((r, n) => ({ n, text: `${r.refundedOn} 退回 ${yuanText(r.amountFen)} · 凭证号 ${r.reference} · ${r.reason}` })),
    tiers: a.tiers.map((t) => ({ ...t, amountText: yuanText(t.amountFen) })),
    cap: a.maxAmountFen === null ? '' : yuanText(a.maxAmountFen),
    hold: a.settlementHold ?? '',
  };
}

type View = ReturnType<typeof view>;

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: the application, and the queue it was opened from (for 下一条) */
    applicationId: { type: String, value: '' },
    campaignId: { type: String, value: '' },
    status: { type: String, value: '' },
    orgId: { type: String, value: '' },
  },
  data: {
    app: null as View | null,
    loaded: false,
    error: '',
    notice: '',
    /** what changed meanwhile, as the server says it (a stale decision's CONFLICT) */
    conflict: '',
    acting: '',
    comment: '',
    /** 退回 or 不予通过 chosen in the bar: its reason is asked for there */
    reasonFor: '' as Reasoned | '',
    reason: '',
    reasonLabels: REASON_LABELS,
    refundYuan: '',
    refundReference: '',
    refundReason: '',
    refundedOn: today(),
    /** after a decision: the next application waiting in the same queue ('' none), once looked for */
    decided: false,
    next: '',
    nextLooked: false,
    tierKey: '',
    amountYuan: '',
    paymentReference: '',
    paidOn: today(),
    headcount: '',
    deliveredOn: today(),
    attendedOn: today(),
    photos: [] as Photo[],
    today: today(),
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
      const r = await call('applications', 'detail', { applicationId: this.data.applicationId });
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.show(r.data.application);
    },
    show(a: ApplicationDetail) {
      this.setData({ app: view(a), tierKey: a.suggestedTierKey ?? '', comment: '', errors: {} });
    },
    onPreview(e: WechatMiniprogram.BaseEvent) {
      const { urls, url } = e.currentTarget.dataset as { urls: string[]; url: string };
      wx.previewImage({ urls, current: url });
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value, 'errors.comment': '' });
    },
    onTier(e: WechatMiniprogram.BaseEvent) {
      this.setData({ tierKey: (e.currentTarget.dataset as { key: string }).key, 'errors.amountFen': '' });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field } = e.currentTarget.dataset as { field: 'amountYuan' | 'paymentReference' | 'headcount' | 'refundYuan' | 'refundReference' | 'refundReason' };
      const errorKey = field === 'amountYuan' ? 'amountFen' : field === 'refundYuan' ? 'refundFen' : field;
      this.setData({ [field]: e.detail.value, [`errors.${errorKey}`]: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      const { field } = e.currentTarget.dataset as { field: 'paidOn' | 'deliveredOn' | 'attendedOn' | 'refundedOn' };
      this.setData({ [field]: String(e.detail.value), [`errors.${field}`]: '' });
    },
    async onAddPhotos() {
      const room = MAX_PHOTOS - this.data.photos.length;
      if (room <= 0) return;
      let picked: string[];
      try {
        const res = await wx.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['camera', 'album'] });
        picked = res.tempFiles.map((f) => f.tempFilePath);
      } catch {
        return; // the officer cancelled
      }
      this.setData({ 'errors.photos': '' });
      for (const path of picked) {
        const at = this.data.photos.length;
        this.setData({ [`photos[${at}]`]: { path, fileId: '', progress: 0 } });
        const r = await uploadMaterial(path, (progress) => this.setData({ [`photos[${at}].progress`]: progress }), 'delivery');
        if (!r.ok) {
          this.setData({ photos: this.data.photos.filter((_, i) => i !== at), 'errors.photos': r.error.message });
          continue;
        }
        this.setData({ [`photos[${at}].fileId`]: r.data.fileId, [`photos[${at}].progress`]: 100 });
      }
    },
    onRemovePhoto(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      this.setData({ photos: this.data.photos.filter((_, i) => i !== index) });
    },
    /** The inputs of `action` besides the comment, or the messages saying what is missing. */
    inputsOf(action: ApplicationAction): { ok: true; value: Partial<ActInput> } | { ok: false; errors: Record<string, string> } {
      const d = this.data;
      if (action === 'approve' && d.app!.places) return { ok: true, value: {} };
      if (action === 'attend') return { ok: true, value: { attendedOn: d.attendedOn } };
      if (action === 'approve') {
        const tiers = d.app!.tiers;
        const fen = tiers.length ? tiers.find((t) => t.key === d.tierKey)?.amountFen ?? null : fenOfYuan(d.amountYuan);
        if (fen === null || fen <= 0) return { ok: false, errors: { amountFen: tiers.length ? '请选择档次' : '请填写核定金额（元）' } };
        return { ok: true, value: { amountFen: fen } };
      }
      if (action === 'pay') {
        if (!d.paymentReference.trim()) return { ok: false, errors: { paymentReference: '请填写付款凭证号' } };
        return { ok: true, value: { paymentReference: d.paymentReference.trim(), paidOn: d.paidOn } };
      }
      if (action === 'deliver') {
        const errors: Record<string, string> = {};
        const headcount = Number(d.headcount);
        if (!/^\d+$/.test(d.headcount.trim()) || headcount <= 0) errors.headcount = '请填写实际慰问人数';
        else if (headcount > d.app!.maxHeadcount) errors.headcount = `实际慰问人数不能超过申请时申报的${d.app!.maxHeadcount}人`;
        if (d.photos.some((p) => !p.fileId)) errors.photos = '照片还在上传，请稍候';
        else if (!d.photos.length) errors.photos = '请上传送达照片';
        if (Object.keys(errors).length) return { ok: false, errors };
        return { ok: true, value: { headcount, photos: d.photos.map((p) => p.fileId), deliveredOn: d.deliveredOn } };
      }
      if (action === 'refund') {
        const errors: Record<string, string> = {};
        const fen = fenOfYuan(d.refundYuan);
        if (fen === null || fen <= 0) errors.refundFen = '请填写退款金额（元）';
        if (!d.refundReference.trim()) errors.refundReference = '请填写退款凭证号';
        if (!d.refundReason.trim()) errors.refundReason = '请填写退款原因';
        if (Object.keys(errors).length) return { ok: false, errors };
        return { ok: true, value: { refundFen: fen!, refundedOn: d.refundedOn, refundReference: d.refundReference.trim(), refundReason: d.refundReason.trim() } };
      }
      return { ok: true, value: {} };
    },
    onReasonFor(e: WechatMiniprogram.BaseEvent) {
      const { action } = e.currentTarget.dataset as { action: Reasoned };
      this.setData({ reasonFor: this.data.reasonFor === action ? '' : action, 'errors.reason': '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    onCancelReason() {
      this.setData({ reasonFor: '', 'errors.reason': '' });
    },
    /** 确认退回 / 确认不予通过: the reason is required; 不予通过 ends the application, so it is asked once more. */
    async onConfirmReason() {
      const action = this.data.reasonFor;
      if (!action) return;
      const reason = this.data.reason.trim();
      if (!reason) return this.setData({ 'errors.reason': `请填写${APPLICATION_ACTION_LABELS[action]}的原因，申请人会看到` });
      if (action === 'reject' || action === 'cancel') {
        const name = this.data.app!.applicantName;
        const sure = await new Promise<boolean>((resolve) =>
          wx.showModal({
            title: action === 'reject' ? '确定不予通过？' : '确定撤销批准？',
            content: action === 'reject' ? `${name}的申请将不予通过，申请人会收到通知，此操作不能撤回。` : `${name}的批准将撤销，核定金额退回预算，申请人会收到通知，此操作不能撤回。`,
            confirmText: action === 'reject' ? '不予通过' : '撤销批准',
            confirmColor: '#a01117',
            cancelText: '再想想',
            success: (r) => resolve(r.confirm),
            fail: () => resolve(false),
          }),
        );
        if (!sure) return;
      }
      await this.decide(action, reason);
    },
    onAct(e: WechatMiniprogram.BaseEvent) {
      const { action } = e.currentTarget.dataset as { action: ActInput['transition'] };
      return this.decide(action, this.data.comment.trim());
    },
    async decide(action: ActInput['transition'], comment: string) {
      const app = this.data.app!;
      if (this.data.acting) return;
      const inputs = this.inputsOf(action);
      if (!inputs.ok) return this.setData({ errors: inputs.errors });
      this.setData({ acting: action, error: '', notice: '', errors: {} });
      const r = await call('applications', 'act', {
        applicationId: app.applicationId,
        version: app.version,
        transition: action,
        ...(comment ? { comment } : {}),
        ...inputs.value,
      });
      this.setData({ acting: '' });
      if (!r.ok) {
        // a decision refused for its state may only mean the stage moved on: the server says what changed
        if (r.error.code === 'CONFLICT' || r.error.code === 'INVALID_STATE') return this.setData({ conflict: r.error.message, reasonFor: '' });
        return this.setData({ error: r.error.message, errors: r.error.fields ?? {} });
      }
      this.show(r.data.application);
      this.setData({ notice: `已${APPLICATION_ACTION_LABELS[action]}`, photos: [], paymentReference: '', headcount: '', amountYuan: '', reasonFor: '', reason: '', refundYuan: '', refundReference: '', refundReason: '', decided: true });
      await this.lookForNext();
    },
    /** The oldest application still waiting in the queue this one was opened from. */
    async lookForNext() {
      const { campaignId, status, orgId, applicationId } = this.data;
      if (!campaignId || !status) return this.setData({ nextLooked: true, next: '' });
      const r = await call('applications', 'queue', { campaignId, status: status as ApplicationStatus, ...(orgId ? { orgId } : {}), limit: 2 });
      const next = r.ok ? r.data.items.find((i) => i.applicationId !== applicationId && i.actions.length > 0) : undefined;
      this.setData({ nextLooked: true, next: next?.applicationId ?? '' });
    },
    onNext() {
      const { next, campaignId, status, orgId } = this.data;
      if (!next) return;
      const q = [`applicationId=${encodeURIComponent(next)}`, `campaignId=${encodeURIComponent(campaignId)}`, `status=${encodeURIComponent(status)}`, ...(orgId ? [`orgId=${encodeURIComponent(orgId)}`] : [])];
      wx.redirectTo({ url: `/admin/application/index?${q.join('&')}` });
    },
    onBack() {
      wx.navigateBack({ fail: () => wx.redirectTo({ url: '/admin/applications/index' }) });
    },
  },
});
