// Developer panel (local mode only; release builds leave this page out): act as one of the demo people that
// `npm start` (localcloud --demo) seeds, then start over from 首页 as them.
import { devOpenid, setDevOpenid } from '../../services/cloud';
import { forgetMe } from '../../services/session';
import { DEMO_PEOPLE } from '../../../localcloud/src/demo/data';
import { largePrint } from '../../services/fontScale';

// The demo people are defined once, beside the seed that creates them; this page is bundled only into local builds.
const DEMO_IDENTITIES = DEMO_PEOPLE.map((p) => ({ openid: p.openid, label: p.label }));

Component({
  behaviors: [largePrint],
  data: { identities: DEMO_IDENTITIES, current: '' },
  lifetimes: {
    attached() {
      this.setData({ current: devOpenid() });
    },
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent) {
      const { openid } = e.currentTarget.dataset as { openid: string };
      setDevOpenid(openid);
      forgetMe();
      this.setData({ current: openid });
      wx.reLaunch({ url: '/pages/index/index' });
    },
  },
});
