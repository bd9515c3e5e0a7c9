// One application as an officer sees it (applications.detail): the answers with the materials, the timeline,
// and the decisions the server says the officer may take now (`actions`): 推荐上报, 退回补充材料 and 不予通过
// (with a comment the applicant reads), 批准 (a tier or an amount), 登记发放 (payment reference and date),
// 登记送达 (a headcount at most the declared one, photos, date), 登记参加 (a places campaign's attendance).
// Which of these the server offers follows the kind's settle mode. Each decision is sent with the version
// shown (applications.act); one made on a stale version comes back as CONFLICT and the officer is asked to
// refresh, never overwriting.
import { APPLICATION_ACTION_LABELS, APPLICATION_STATUS_LABELS, applicationStatusLabel } from '../../../typings/api';
import type { ActInput, ApplicationAction, ApplicationDetail } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { fenOfYuan, yuanText } from '../../services/money';
import { uploadMaterial } from '../../services/upload';
import { largePrint } from '../../services/fontScale';

/** What an officer decides here; withdraw and resubmit are the applicant's, on the member's pages. */
const OFFICER_ACTIONS: ApplicationAction[] = ['recommend', 'approve', 'pay', 'deliver', 'attend', 'return', 'reject'];
const NEEDS_COMMENT: ApplicationAction[] = ['return', 'reject'];
const MAX_PHOTOS = 9;

interface Photo {
  path: string;
  fileId: string;
  progress: number;
}

const today = () => formatTime(new Date().toISOString()).slice(0, 10);

function view(a: ApplicationDetail) {
  return {
    applicationId: a.applicationId,
    version: a.version,
    title: `${a.campaignTitle} · ${a.headline}`,
    kindLabel: a.kindLabel,
    places: a.settle === 'places',
    status: applicationStatusLabel(a.status, a.settle),
    applicant: `${a.applicantName} · ${a.applicantOrgName}`,
    submitted: formatTime(a.createdAt),
    amount: a.amountFen === null ? '' : yuanText(a.amountFen),
    answers: a.answers.map((x) => ({ key: x.key, label: x.label, display: x.display, urls: (x.files ?? []).map((f) => f.url) })),
    timeline: a.timeline.map((t) => ({
      at: t.at,
      when: formatTime(t.at),
      text: `${t.byLabel} ${APPLICATION_ACTION_LABELS[t.action]} → ${APPLICATION_STATUS_LABELS[t.to]}`,
      comment: t.comment ?? '',
    })),
    payment: a.payment ? `凭证号 ${a.payment.reference} · ${a.payment.paidOn}` : '',
    delivery: a.delivery ? `${a.delivery.deliveredOn} 送达，慰问 ${a.delivery.headcount} 人` : '',
    attendance: a.attendance ? `${a.attendance.attendedOn} 已参加` : '',
    maxHeadcount: a.maxHeadcount,
    deliveryPhotos: (a.delivery?.photos ?? []).map((p) => p.url),
    actions: OFFICER_ACTIONS.filter((x) => a.actions.includes(x)).map((x) => ({ action: x, label: x === 'approve' && a.settle === 'places' ? '入选（占用1个名额）' : APPLICATION_ACTION_LABELS[x] })),
    tiers: a.tiers.map((t) => ({ ...t, amountText: yuanText(t.amountFen) })),
    cap: a.maxAmountFen === null ? '' : yuanText(a.maxAmountFen),
  };
}

type View = ReturnType<typeof view>;

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    applicationId: { type: String, value: '' },
  },
  data: {
    app: null as View | null,
    loaded: false,
    error: '',
    notice: '',
    conflict: false,
    acting: '',
    comment: '',
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
      this.setData({ conflict: false, error: '', errors: {} });
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
      const { field } = e.currentTarget.dataset as { field: 'amountYuan' | 'paymentReference' | 'headcount' };
      const errorKey = field === 'amountYuan' ? 'amountFen' : field;
      this.setData({ [field]: e.detail.value, [`errors.${errorKey}`]: '' });
    },
    onDate(e: WechatMiniprogram.PickerChange) {
      const { field } = e.currentTarget.dataset as { field: 'paidOn' | 'deliveredOn' | 'attendedOn' };
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
      return { ok: true, value: {} };
    },
    /** Whether the application changed since it was shown: a decision refused for the role may only mean its
     *  stage moved on (a return or reject belongs to whoever reviews the current stage). */
    async onAct(e: WechatMiniprogram.BaseEvent) {
      const { action } = e.currentTarget.dataset as { action: ActInput['transition'] };
      const app = this.data.app!;
      const comment = this.data.comment.trim();
      if (NEEDS_COMMENT.includes(action) && !comment) {
        return this.setData({ errors: { comment: `请填写${APPLICATION_ACTION_LABELS[action]}的原因，申请人会看到` } });
      }
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
        if (r.error.code === 'CONFLICT' || r.error.code === 'INVALID_STATE') {
          return this.setData({ conflict: true });
        }
        return this.setData({ error: r.error.message, errors: r.error.fields ?? {} });
      }
      this.show(r.data.application);
      this.setData({ notice: `已${APPLICATION_ACTION_LABELS[action]}`, photos: [], paymentReference: '', headcount: '', amountYuan: '' });
    },
  },
});
