// 首页: the 会员认证 prompt until the user is a verified member, the open campaigns of every service kind
// (金秋助学, 冬送温暖, a federation's own kind, …) as large cards to apply from, each with its kind's icon and
// description, and the other services.
import type { CampaignView, MeView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { yuanText } from '../../services/money';
import { refreshMe } from '../../services/session';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

/** Each service's page arrives with its own issue; until then openPage says it is coming. */
const SERVICES = [{ key: 'legalAid', title: '法律援助', note: '劳动争议咨询、申请律师代理', url: '/pages/legal-aid/index' }];

type Standing = 'loading' | 'unregistered' | 'pending' | 'rejected' | 'approved' | 'error';

function standing(me: MeView): Standing {
  return me.profile ? me.profile.status : 'unregistered';
}

/** What a campaign card shows: only the few lines a member needs to decide to apply. */
function card(c: CampaignView) {
  const lastDay = formatTime(new Date(new Date(c.closesAt).getTime() - 60_000).toISOString()).slice(0, 10);
  return {
    campaignId: c.campaignId,
    kind: c.kind.kindId,
    icon: c.kind.icon,
    title: c.title,
    note: c.kind.description,
    amounts: c.tiers.map((t) => `${t.label}${yuanText(t.amountFen)}`).join(' · '),
    places: c.quota === undefined ? '' : `名额 ${c.quota} 个${c.kind.settle.mode === 'places' ? '，择优或抽签确定' : ''}`,
    hardshipOnly: c.eligibility.hardshipOnly,
    newEmploymentOnly: c.eligibility.newEmploymentOnly,
    deadline: `${lastDay} 截止`,
  };
}

Component({
  behaviors: [largePrint],
  data: {
    services: SERVICES,
    campaigns: [] as ReturnType<typeof card>[],
    canApply: false,
    notice: '',
    standing: 'loading' as Standing,
    name: '',
    error: '',
  },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/index/index');
      this.load();
    },
  },
  methods: {
    async load() {
      const [me, open] = await Promise.all([refreshMe(), call('campaigns', 'listOpen', {})]);
      if (!me.ok) return this.setData({ standing: 'error', error: me.error.message });
      this.setData({
        standing: standing(me.data),
        name: me.data.profile?.name ?? '',
        campaigns: open.ok ? open.data.items.map(card) : [],
        canApply: open.ok && open.data.canApply,
        notice: open.ok ? open.data.notice ?? '' : '',
        error: open.ok ? '' : open.error.message,
      });
    },
    onRegister() {
      openPage('/pages/register/index');
    },
    onMine() {
      wx.switchTab({ url: '/pages/mine/index' });
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const { url } = e.currentTarget.dataset as { url: string };
      if (this.data.standing !== 'approved') {
        wx.showToast({ title: '请先完成会员认证', icon: 'none' });
        return;
      }
      openPage(url);
    },
    onCampaign(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      if (!this.data.canApply) {
        wx.showToast({ title: this.data.notice || '请先完成会员认证', icon: 'none' });
        return;
      }
      openPage(`/pages/apply/index?campaignId=${encodeURIComponent(id)}`);
    },
  },
});
