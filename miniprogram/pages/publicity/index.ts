// 公示: the approved lists of the campaigns of the member's union and those above it (applications.publicities),
// each line a masked name, the union and the grant, and 提出异议 on a line while its list runs: a reason,
// sent with applications.object; the member's own objections follow with their answers.
import type { ObjectionView, PublicityView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { largePrint } from '../../services/fontScale';

const STATUS: Record<ObjectionView['status'], string> = { open: '处理中', upheld: '异议成立', dismissed: '异议不成立' };

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function card(p: PublicityView, objected: Set<string>) {
  return {
    id: p.publicityId,
    title: `${p.campaignTitle}拟发放名单`,
    period: p.open ? `公示期至${monthDay(p.lastDay)}` : `公示已于${monthDay(p.lastDay)}结束`,
    open: p.open,
    lines: p.lines.map((l) => ({ id: l.applicationId, who: `${l.maskedName} · ${l.orgName}`, grant: l.grant, objected: objected.has(`${p.publicityId}|${l.applicationId}`) })),
  };
}

function mineRow(o: ObjectionView) {
  return {
    id: o.objectionId,
    who: `${o.line.maskedName} · ${o.line.orgName}`,
    status: STATUS[o.status],
    reason: o.reason,
    answer: o.resolution ? `处理意见：${o.resolution.comment}` : '',
    at: formatTime(o.createdAt),
  };
}

Component({
  behaviors: [largePrint],
  data: {
    loaded: false,
    error: '',
    notice: '',
    items: [] as ReturnType<typeof card>[],
    mine: [] as ReturnType<typeof mineRow>[],
    /** the line being objected to */
    objecting: null as null | { publicityId: string; applicationId: string; who: string },
    reason: '',
    reasonError: '',
    sending: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('applications', 'publicities', {});
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      const objected = new Set(r.data.mine.map((o) => `${o.publicityId}|${o.applicationId}`));
      this.setData({ loaded: true, error: '', items: r.data.items.map((p) => card(p, objected)), mine: r.data.mine.map(mineRow) });
    },
    onObject(e: WechatMiniprogram.BaseEvent) {
      const { publicity, application, who } = e.currentTarget.dataset as { publicity: string; application: string; who: string };
      this.setData({ objecting: { publicityId: publicity, applicationId: application, who }, reason: '', reasonError: '', notice: '', error: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },
    onCancel() {
      this.setData({ objecting: null, reason: '', reasonError: '' });
    },
    async onSend() {
      const target = this.data.objecting;
      if (!target || this.data.sending) return;
      if ([...this.data.reason.trim()].length < 5) return this.setData({ reasonError: '请写明异议的理由（5到200个字）' });
      this.setData({ sending: true });
      const r = await call('applications', 'object', { publicityId: target.publicityId, applicationId: target.applicationId, reason: this.data.reason });
      this.setData({ sending: false });
      if (!r.ok) return this.setData(r.error.fields?.reason ? { reasonError: r.error.fields.reason } : { error: r.error.message });
      this.setData({ objecting: null, reason: '', notice: '异议已提交，总工会核实后会告诉您处理结果。' });
      await this.load();
    },
  },
});
