// 首页: the 会员认证 prompt until the user is a verified member, the open campaigns (金秋助学, 夏送清凉, …)
// as large cards to apply from, and the other services.
import type { CampaignView, MeView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { yuanText } from '../../services/money';
import { refreshMe } from '../../services/session';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

/** Each service's page arrives with its own issue; until then openPage says it is coming. */
const SERVICES = [{ key: 'legalAid', title: '法律援助', note: '劳动争议咨询、申请律师代理', url: '/pages/legal-aid/index' }];

/** A line under the title for the kinds known today; a campaign of another kind shows its title alone. */
const KIND_NOTES: Partial<Record<string, string>> = {
  studentAid: '困难职工子女考上大学，工会给予资助',
  summerRelief: '为高温一线岗位职工送清凉物资',
};

type Standing = 'loading' | 'unregistered' | 'pending' | 'rejected' | 'approved' | 'error';

function standing(me: MeView): Standing {
  return me.profile ? me.profile.status : 'unregistered';
}

/** What a campaign card shows: only the few lines a member needs to decide to apply. */
function card(c: CampaignView) {
  const lastDay = formatTime(new Date(new Date(c.closesAt).getTime() - 60_000).toISOString()).slice(0, 10);
  return {
    campaignId: c.campaignId,
    kind: c.kind,
    title: c.title,
    note: KIND_NOTES[c.kind] ?? '',
    amounts: c.tiers.map((t) => `${t.label}${yuanText(t.amountFen)}`).join('、'),
    hardshipOnly: c.eligibility.hardshipOnly,
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
