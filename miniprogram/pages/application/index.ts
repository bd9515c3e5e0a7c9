// 申请详情: one application as its applicant sees it (applications.detail): status, what was answered, the
// timeline of every step with who took it, and the buttons `actions` offers: 撤回 (after a confirm) and
// 补充材料 (the form again, prefilled). Reloaded whenever it shows, so it is current after a supplement.
import { applicationStatusLabel, TIMELINE_STEP_LABELS } from '../../../typings/api';
import type { ApplicationDetail } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { yuanText } from '../../services/money';
import { openPage } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

/** Only what the page shows, flattened for WXML. */
function view(a: ApplicationDetail) {
  return {
    applicationId: a.applicationId,
    version: a.version,
    status: a.status,
    statusLabel: applicationStatusLabel(a.status, a.settle),
    campaignTitle: a.campaignTitle,
    headline: a.headline,
    amount: a.amountFen === null ? '' : yuanText(a.amountFen),
    payment: a.payment ? `${a.payment.paidOn} 已发放，凭证号 ${a.payment.reference}` : '',
    delivery: a.delivery ? `${a.delivery.deliveredOn} 已送达，${a.delivery.headcount} 人` : '',
    refunds: a.refunds.map((r, n) => ({ n, text: `${r.refundedOn} 退回 ${yuanText(r.amountFen)}，原因：${r.reason}` })),
    answers: a.answers.map((x) => ({ key: x.key, label: x.label, display: x.display, files: (x.files ?? []).map((f) => f.url) })),
    // newest first: what happened last is what the member looks for
    timeline: [...a.timeline].reverse().map((t, n) => ({
      n,
      at: formatTime(t.at),
      by: t.byLabel,
      action: TIMELINE_STEP_LABELS[t.action],
      comment: t.comment ?? '',
    })),
    canWithdraw: a.actions.includes('withdraw'),
    canSupplement: a.actions.includes('resubmit'),
  };
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    applicationId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    error: '',
    notice: '',
    busy: false,
    app: null as ReturnType<typeof view> | null,
  },
  pageLifetimes: {
    show() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('applications', 'detail', { applicationId: this.data.applicationId });
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      this.setData({ loaded: true, error: '', app: view(r.data.application) });
    },
    async onWithdraw() {
      const app = this.data.app;
      if (!app || this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '撤回申请',
        content: '撤回后这份申请不再审核。确定撤回吗？',
        confirmText: '确定撤回',
        cancelText: '不撤回',
      });
      if (!confirm) return;
      this.setData({ busy: true, notice: '', error: '' });
      const r = await call('applications', 'act', { applicationId: app.applicationId, version: app.version, transition: 'withdraw' });
      if (!r.ok) {
        this.setData({ busy: false, error: r.error.code === 'CONFLICT' ? '申请状态已经变化，已为您刷新' : r.error.message });
        return this.load();
      }
      this.setData({ busy: false, notice: '已撤回', app: view(r.data.application) });
    },
    onSupplement() {
      const app = this.data.app;
      if (app) openPage(`/pages/apply/index?applicationId=${app.applicationId}`);
    },
    onPreview(e: WechatMiniprogram.BaseEvent) {
      const { urls, current } = e.currentTarget.dataset as { urls: string[]; current: string };
      wx.previewImage({ urls, current });
    },
  },
});
