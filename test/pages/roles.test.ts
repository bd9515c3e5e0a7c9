/**
 * @jest-environment jsdom
 */
// 角色管理 through the real roles and members functions on localcloud (demo world): an admin finds a member by
// name or phone and grants them an officer role over an org picked level by level, the member then gets the
// 审核 tab; the admin revokes it; the last admin cannot be revoked.
import { idCard } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, renderPage, setupMiniprogram, tabBarFor, tap, tapItem, textOf, typeInto, waitFor } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });


test('an admin grants and revokes an officer role, finding the member by name', async () => {
  // 我的 shows no internal id: the admin finds the member by name, phone or ID card
  actAs(lc.url, 'o-demo-member');
  const mine = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => mine.data.loaded);
  expect(textOf(mine)).not.toContain('member-');

  actAs(lc.url, 'o-demo-admin');
  const page = renderPage(simulate, 'admin/roles/index');
  await waitFor(() => page.data.loaded);
  expect(textOf(page)).toContain('张伟 · 基层工会干部');

  await tap(page, '.do-grant');
  expect(textOf(page, '#memberQuery')).toContain('请先查找并选择会员');
  expect(textOf(page, '.role-error')).toBe('请选择角色');

  await typeInto(page, '#memberQuery', '王建');
  await tap(page, '.search-member');
  await waitFor(() => !page.data.searching && page.data.searched);
  expect(page.data.candidates.map((c: { name: string }) => c.name)).toEqual(['王建国']);
  expect(textOf(page, '.candidate')).toBe('王建国（138****0001）城关镇环卫所 · 城关镇环卫所工会');
  await tap(page, '.candidate');
  expect(textOf(page, '.chosen-member')).toContain('王建国（138****0001）');
  await tap(page, '.role--orgOfficer');
  const picker = find(page, '#org');
  await tap(picker, '.open-browse');
  await waitFor(() => picker.data.items.length > 0);
  await tapItem(picker, '.org-item', '示范县总工会');
  await tapItem(picker, '.org-item', '水坪镇总工会');
  await tap(picker, '.choose-level');
  expect(textOf(picker, '.chosen')).toBe('水坪镇总工会');
  await tap(page, '.do-grant');
  await waitFor(() => !page.data.granting && (page.data.notice !== '' || page.data.error !== ''));
  expect(textOf(page, '.notice')).toBe('已授予：王建国 · 基层工会干部');
  expect(textOf(page)).toContain('水坪镇总工会');

  expect(await tabBarFor(simulate, lc.url, 'o-demo-member')).toContain('审核');

  actAs(lc.url, 'o-demo-admin');
  const again = renderPage(simulate, 'admin/roles/index');
  await waitFor(() => again.data.loaded);
  const grant = again.data.grants.find((g: { title: string }) => g.title === '王建国 · 基层工会干部');
  await tap(again, `.grant--${grant.grantId} .revoke`);
  await tap(again, '.confirm-revoke');
  await waitFor(() => again.data.notice !== '' || again.data.error !== '');
  expect(textOf(again, '.notice')).toBe('已撤销：王建国 · 基层工会干部');
  expect(await tabBarFor(simulate, lc.url, 'o-demo-member')).not.toContain('审核');
});

test('a member is found by phone too; the last admin is not revoked, and the page says why', async () => {
  actAs(lc.url, 'o-demo-admin');
  const page = renderPage(simulate, 'admin/roles/index');
  await waitFor(() => page.data.loaded);
  await typeInto(page, '#memberQuery', '138 7200 0003');
  await tap(page, '.search-member');
  await waitFor(() => !page.data.searching && page.data.searched);
  expect(page.data.candidates.map((c: { name: string }) => c.name)).toEqual(['张伟']);
  await typeInto(page, '#memberQuery', idCard('42032219780909031'));
  await tap(page, '.search-member');
  await waitFor(() => !page.data.searching && page.data.searched);
  expect(page.data.candidates.map((c: { name: string }) => c.name)).toEqual(['张伟']);
  await typeInto(page, '#memberQuery', '赵钱孙');
  await tap(page, '.search-member');
  await waitFor(() => !page.data.searching && page.data.searched && !page.data.candidates.length);
  expect(textOf(page, '.no-candidates')).toContain('没有找到');

  const own = page.data.grants.find((g: { title: string }) => g.title === '孙强 · 管理员');
  await tap(page, `.grant--${own.grantId} .revoke`);
  await tap(page, '.confirm-revoke');
  await waitFor(() => page.data.error !== '');
  expect(textOf(page, '.error')).toContain('最后一位管理员');
  expect(textOf(page)).toContain('孙强 · 管理员');
});

test('someone who is not an admin sees the refusal, not the grants', async () => {
  actAs(lc.url, 'o-demo-org-officer');
  const page = renderPage(simulate, 'admin/roles/index');
  await waitFor(() => page.data.loaded);
  expect(textOf(page, '.error')).not.toBe('');
  expect(page.data.grants).toEqual([]);
});
