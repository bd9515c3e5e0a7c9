/**
 * @jest-environment jsdom
 */
// The shell against the real members function on localcloud (demo world): which tabs each person sees, what
// 首页, 审核 and the empty tabs show, and the local-mode developer panel.
import { useLocalcloud } from '../harness/localcloud';
import { actAs, renderPage, setupMiniprogram, tabBarFor, tap, textOf, waitFor } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const wx = (globalThis as unknown as { wx: Record<string, jest.Mock | unknown> }).wx;

const lc = useLocalcloud({ demo: true });

test.each([
  ['o-demo-member', '首页 办事进度 通知 我的'],
  ['o-demo-newcomer', '首页 办事进度 通知 我的'],
  ['o-demo-org-officer', '首页 办事进度 通知 我的 审核'],
  ['o-demo-admin', '首页 办事进度 通知 我的 审核'],
])('tab bar for %s', async (openid, tabs) => {
  expect(await tabBarFor(simulate, lc.url, openid)).toBe(tabs);
});

test('审核 lists the entries of the roles held', async () => {
  const entriesOf = async (openid: string) => {
    actAs(lc.url, openid);
    const page = renderPage(simulate, 'pages/workbench/index');
    await waitFor(() => page.data.loaded);
    return textOf(page);
  };
  expect(await entriesOf('o-demo-org-officer')).toContain('入会审核');
  expect(await entriesOf('o-demo-org-officer')).not.toContain('角色管理');
  expect(await entriesOf('o-demo-admin')).toContain('角色管理');
  expect(await entriesOf('o-demo-member')).toBe('您没有审核权限。');
});

test('首页: a verified member opens services; a pending one is told to wait', async () => {
  const navigateTo = jest.fn();
  wx.navigateTo = navigateTo;
  actAs(lc.url, 'o-demo-member');
  const home = renderPage(simulate, 'pages/index/index');
  await waitFor(() => home.data.standing !== 'loading');
  expect(textOf(home, '.hello')).toBe('王建国，您好');
  expect(home.querySelector('.prompt')).toBeFalsy();
  expect(textOf(home)).toContain('法律援助');
  await tap(home, '.service--legalAid');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/legal-aid/index' }));

  navigateTo.mockClear();
  actAs(lc.url, 'o-demo-pending');
  const pending = renderPage(simulate, 'pages/index/index');
  await waitFor(() => pending.data.standing !== 'loading');
  expect(textOf(pending, '.prompt--pending')).toContain('会员认证审核中');
  await tap(pending, '.service--studentAid');
  expect(navigateTo).not.toHaveBeenCalled();
});

test('办事进度 and 通知 show an empty state', async () => {
  actAs(lc.url, 'o-demo-pending');
  const progress = renderPage(simulate, 'pages/progress/index');
  await waitFor(() => progress.data.loaded); // 办事进度 lists applications.mine
  expect(textOf(progress)).toContain('还没有办理中的事项');
  const notices = renderPage(simulate, 'pages/notices/index');
  await waitFor(() => notices.data.loaded); // 通知 lists notices.board
  expect(textOf(notices)).toContain('暂时没有通知');
});

test('我的 shows the masked profile and roles; the developer panel switches identity', async () => {
  actAs(lc.url, 'o-demo-org-officer');
  const mine = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => mine.data.loaded);
  expect(textOf(mine, '.status')).toBe('已认证');
  expect(textOf(mine)).toContain('基层工会干部（城关镇总工会）');
  expect(textOf(mine)).toMatch(/4203\*+\d{3}[\dX]/);
  expect(textOf(mine)).not.toContain('13872000003');
  expect(textOf(mine, '.dev')).toContain('o-demo-org-officer');

  const reLaunch = jest.fn();
  wx.reLaunch = reLaunch;
  const dev = renderPage(simulate, 'pages/dev/index');
  for (const openid of ['member', 'pending', 'org-officer', 'fed-officer', 'lawyer', 'staff', 'admin', 'newcomer']) {
    expect(textOf(dev)).toContain(`o-demo-${openid}`);
  }
  await tap(dev, '.identity--o-demo-newcomer');
  expect(reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/index/index' }));
  const newcomer = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => newcomer.data.loaded);
  expect(textOf(newcomer, '.unregistered')).toContain('您还没有完成会员认证');
});
