// The tab bar (app.json "tabBar.custom"): the four member tabs, plus 审核 for people who hold a role, so
// members never see an admin entry. Like WeChat's own tab bar it keeps its size at any WeChat font: five
// labels of four characters fill a 375 px screen at 16 px. The list mirrors app.json's tabBar.list, which switchTab requires.
import { lastMe, refreshMe, workbenchEntries } from '../services/session';

const MEMBER_TABS = [
  { path: 'pages/index/index', text: '首页', icon: 'home' },
  { path: 'pages/progress/index', text: '办事进度', icon: 'task' },
  { path: 'pages/notices/index', text: '通知', icon: 'notification' },
  { path: 'pages/mine/index', text: '我的', icon: 'user' },
];
const WORKBENCH_TAB = { path: 'pages/workbench/index', text: '审核', icon: 'check-rectangle' };

Component({
  data: { tabs: MEMBER_TABS, selected: MEMBER_TABS[0].path },
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
    select(path: string) {
      this.setData({ selected: path });
      this.update();
    },
    update() {
      const tabs = workbenchEntries(lastMe()).length ? [...MEMBER_TABS, WORKBENCH_TAB] : MEMBER_TABS;
      if (tabs.length !== this.data.tabs.length) this.setData({ tabs });
    },
    onChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const path = e.detail.value;
      this.setData({ selected: path });
      wx.switchTab({ url: `/${path}` });
    },
  },
});
