// The tab bar (app.json "tabBar.custom"): the four member tabs, plus 审核 for people who hold a role, so
// members never see an admin entry, with a badge of what waits at their desks (the counts the 审核 page and
// each tab switch read). Like WeChat's own tab bar it keeps its size at any WeChat font: five labels of four
// characters fill a 375 px screen at 16 px. The list mirrors app.json's tabBar.list, which switchTab requires.
import { hasDesk, lastCounts, lastMe, refreshCounts, refreshMe, workbenchEntries } from '../services/session';

const MEMBER_TABS = [
  { path: 'pages/index/index', text: '首页', icon: 'home' },
  { path: 'pages/progress/index', text: '办事进度', icon: 'task' },
  { path: 'pages/notices/index', text: '通知', icon: 'notification' },
  { path: 'pages/mine/index', text: '我的', icon: 'user' },
];
const WORKBENCH_TAB = { path: 'pages/workbench/index', text: '审核', icon: 'check-rectangle' };

type Tab = (typeof MEMBER_TABS)[number] & { badge?: { count: number; maxCount: number; visible: boolean } };

Component({
  data: { tabs: MEMBER_TABS as Tab[], selected: MEMBER_TABS[0].path },
  lifetimes: {
    async attached() {
      this.update();
      if (!lastMe()) {
        await refreshMe();
        this.update();
      }
    },
  },
  methods: {
    /** Called by each tab page when it shows (services/ui.ts showTab). */
    async select(path: string) {
      this.setData({ selected: path });
      this.update();
      if (hasDesk(lastMe()) && path !== WORKBENCH_TAB.path) {
        await refreshCounts();
        this.update();
      }
    },
    update() {
      const waiting = lastCounts()?.total ?? 0;
      const workbench: Tab = waiting > 0 ? { ...WORKBENCH_TAB, badge: { count: waiting, maxCount: 99, visible: true } } : WORKBENCH_TAB;
      const tabs: Tab[] = workbenchEntries(lastMe()).length ? [...MEMBER_TABS, workbench] : MEMBER_TABS;
      if (JSON.stringify(tabs) !== JSON.stringify(this.data.tabs)) this.setData({ tabs });
    },
    onChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const path = e.detail.value;
      this.setData({ selected: path });
      wx.switchTab({ url: `/${path}` });
    },
  },
});
