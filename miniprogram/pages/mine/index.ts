// 我的: the member's profile (ID card and phone masked by the server), membership status with the reason of a
// rejection and a way to resubmit, the roles held; in local mode, the way to the developer panel.
import { statusLabel, profileRows, roleLabel } from '../../services/format';
import { env } from '../../services/env';
import { devOpenid } from '../../services/cloud';
import { refreshMe } from '../../services/session';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const STATUS_THEMES = { pending: 'warning', approved: 'success', rejected: 'danger' };

Component({
  behaviors: [largePrint],
  data: {
    loaded: false,
    registered: false,
    status: '',
    statusLabel: '',
    statusTheme: '',
    reviewNote: '',
    rows: [] as { label: string; value: string }[],
    roles: [] as string[],
    error: '',
    devMode: false,
    devIdentity: '',
  },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/mine/index');
      this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ devMode: !!env.localGateway, devIdentity: env.localGateway ? devOpenid() || '（未选择）' : '' });
      const r = await refreshMe();
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      const p = r.data.profile;
      this.setData({
        loaded: true,
        error: '',
        registered: !!p,
        status: p?.status ?? '',
        statusLabel: p ? statusLabel(p.status) : '',
        statusTheme: p ? STATUS_THEMES[p.status] : '',
        reviewNote: p?.reviewNote ?? '',
        rows: p ? profileRows(p) : [],
        roles: r.data.roles.map(roleLabel),
      });
    },
    onRegister() {
      openPage('/pages/register/index');
    },
    onResubmit() {
      openPage('/pages/register/index?mode=resubmit');
    },
    onHardship() {
      openPage('/pages/hardship/index');
    },
    onDev() {
      openPage('/pages/dev/index');
    },
  },
});
