// 活动管理 (federation officers): the campaigns of the orgs they manage, newest first, each with its kind,
// window, status, budget bar and places (campaigns.manageList); opening or closing one (campaigns.setStatus,
// on the version shown), editing one or starting a new one in the editor (admin/campaign); the service kinds
// (admin/kinds); 公示与异议 of a campaign paid after 公示 (admin/publicity).
import type { BudgetLedger, ManagedCampaign } from '../../../typings/api';
import { call } from '../../services/cloud';
import { openPage } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const STATUS_LABELS: Record<ManagedCampaign['status'], string> = { draft: '草稿（未开始报名）', open: '正在报名', closed: '已结束报名' };

interface Card {
  campaignId: string;
  version: number;
  title: string;
  note: string;
  status: ManagedCampaign['status'];
  statusLabel: string;
  ledger: BudgetLedger;
  /** 公示后方可发放: its 公示与异议 is offered */
  publicity: boolean;
}

const card = (c: ManagedCampaign): Card => ({
  campaignId: c.campaignId,
  version: c.version,
  title: c.title,
  note: `${c.kind.label} · 报名 ${c.openDay} 至 ${c.closeDay}${c.ledger.places ? ` · 名额 ${c.ledger.places.taken}/${c.ledger.places.quota}` : ''}${c.publicity ? ` · 发放前公示${c.publicity.workingDays}个工作日` : ''}`,
  status: c.status,
  statusLabel: STATUS_LABELS[c.status],
  ledger: c.ledger,
  publicity: c.publicity !== undefined,
});

Component({
  behaviors: [largePrint],
  data: {
    campaigns: [] as Card[],
    loaded: false,
    error: '',
    notice: '',
    busy: '',
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  pageLifetimes: {
    show() {
      // Back from the editor: show what was saved.
      if (this.data.loaded) this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('campaigns', 'manageList', {});
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ campaigns: r.data.items.map(card), error: '' });
    },
    onNew() {
      openPage('/admin/campaign/index');
    },
    onPublicity(e: WechatMiniprogram.BaseEvent) {
      openPage(`/admin/publicity/index?campaignId=${encodeURIComponent((e.currentTarget.dataset as { id: string }).id)}`);
    },
    onKinds() {
      openPage('/admin/kinds/index');
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      openPage(`/admin/campaign/index?campaignId=${encodeURIComponent((e.currentTarget.dataset as { id: string }).id)}`);
    },
    async onStatus(e: WechatMiniprogram.BaseEvent) {
      const { id, status } = e.currentTarget.dataset as { id: string; status: 'open' | 'closed' };
      const index = this.data.campaigns.findIndex((c) => c.campaignId === id);
      const c = this.data.campaigns[index];
      this.setData({ busy: id, error: '', notice: '' });
      const r = await call('campaigns', 'setStatus', { campaignId: id, version: c.version, status });
      this.setData({ busy: '' });
      if (!r.ok) {
        if (r.error.code === 'CONFLICT') return this.setData({ error: '这个活动刚刚已被他人修改，已为您刷新，请再操作一次' }, () => this.load());
        return this.setData({ error: r.error.message });
      }
      this.setData({ [`campaigns[${index}]`]: card(r.data.campaign), notice: `${c.title}：${status === 'open' ? '已开始报名' : '已结束报名'}` });
    },
  },
});
