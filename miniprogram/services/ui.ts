// Small page helpers shared by every page.

/** Opens a page; a page that a later release adds (not in this package yet) says so instead of failing silently. */
export function openPage(url: string): void {
  wx.navigateTo({ url, fail: () => wx.showToast({ title: '即将开放，敬请期待', icon: 'none' }) });
}

/** Marks `path` as the current tab in the custom tab bar, and lets the bar re-check the 审核 tab. */
export function showTab(page: WechatMiniprogram.Component.TrivialInstance, path: string): void {
  const bar = typeof page.getTabBar === 'function' ? page.getTabBar() : null;
  if (bar) (bar as unknown as { select(path: string): void }).select(path);
}

/** The tab pages (app.json tabBar.list): only wx.switchTab opens them, and without a query. */
const TAB_PAGES = ['pages/index/index', 'pages/progress/index', 'pages/notices/index', 'pages/mine/index', 'pages/workbench/index'];

/** Opens a page path the server named ('pages/x/index?a=1', with or without the leading slash): a tab page
 *  by switching to its tab, any other by openPage. */
export function openPath(path: string): void {
  const url = `/${path.replace(/^\//, '')}`;
  const page = url.slice(1).split('?')[0];
  if (TAB_PAGES.includes(page)) wx.switchTab({ url: `/${page}` });
  else openPage(url);
}
