// 首页: the three services, and the 会员认证 prompt until the user is a verified member.
import type { MeView } from '../../../typings/api';
import { refreshMe } from '../../services/session';
import { openPage, showTab } from '../../services/ui';

/** Each service's page arrives with its own issue; until then openPage says it is coming. */
const SERVICES = [
  { key: 'legalAid', title: '法律援助', note: '劳动争议咨询、申请律师代理', url: '/pages/legal-aid/index' },
  { key: 'studentAid', title: '金秋助学', note: '困难职工子女上学资助', url: '/pages/student-aid/index' },
  { key: 'summerRelief', title: '夏送清凉', note: '高温一线职工慰问', url: '/pages/summer-relief/index' },
];

type Standing = 'loading' | 'unregistered' | 'pending' | 'rejected' | 'approved' | 'error';

function standing(me: MeView): Standing {
  return me.profile ? me.profile.status : 'unregistered';
}

Component({
  data: { services: SERVICES, standing: 'loading' as Standing, name: '', error: '' },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/index/index');
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await refreshMe();
      if (!r.ok) return this.setData({ standing: 'error', error: r.error.message });
      this.setData({ standing: standing(r.data), name: r.data.profile?.name ?? '', error: '' });
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
  },
});
