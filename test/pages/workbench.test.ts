/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 审核 with what waits (reviews.counts, on localcloud's demo world): each entry says how much waits for the
// officer there and the 审核 tab carries the total; opening an entry asks for 待审核提醒 consent; 超时未办
// lists what has waited more than the days chosen, with the officers it waits for.
import templatesFile from '../../cloudbase/subscribe-templates.json';
import { callAs, data, PEOPLE } from '../functions/api';
import { requestKey, sdkDb, SUMMER_RELIEF, summerReliefAnswers } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, answerSubscribePrompts, renderPage, settle, setupMiniprogram, subscribePrompts, tap, textOf, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });
const db = () => sdkDb(lc);

async function workbench(openid: string) {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'pages/workbench/index');
  await waitFor(() => page.data.loaded);
  return page;
}
const waitingOn = (page: ReturnType<typeof renderPage>) => Object.fromEntries(page.data.entries.map((e: { title: string; waiting: string }) => [e.title, e.waiting]));

test('each entry says what waits for the officer there, the total on top and on the 审核 tab', async () => {
  let page = await workbench(PEOPLE.cgOfficer);
  expect(waitingOn(page)).toMatchObject({ 入会审核: '1件待办', 申请审核: '', 法律援助: '' });
  expect(textOf(page, '.summary')).toBe('您有 1 项待办');
  for (let i = 0; i < 2; i++) data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(`工作台测试点${i}`) }));
  page = await workbench(PEOPLE.cgOfficer);
  expect(waitingOn(page)).toMatchObject({ 入会审核: '1件待办', 申请审核: '2件待办' });
  expect(textOf(page, '.summary')).toBe('您有 3 项待办');
  expect(textOf(page, '.entry--1')).toContain('2件待办');

  // the tab bar's badge, refreshed as another tab shows
  const bar = renderPage(simulate, 'custom-tab-bar/index');
  await settle();
  await (bar.instance as unknown as { select(path: string): Promise<void> }).select('pages/index/index');
  await waitFor(() => textOf(bar).includes('3'));
  expect(textOf(bar)).toMatch(/审核/);

  // opening an entry asks for the reminder's consent, in the tap
  answerSubscribePrompts(true);
  subscribePrompts.length = 0;
  wxLog.navigations.length = 0;
  await tap(page, '.entry--1');
  await waitFor(() => subscribePrompts.length > 0);
  expect(subscribePrompts.map((p) => p.tmplIds)).toEqual([[templatesFile.templates.reviewTask.templateId]]);
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: '/admin/applications/index' }]);
});

test('a lawyer counts their cases; staff and members see no counts', async () => {
  expect(waitingOn(await workbench(PEOPLE.lawyer))).toEqual({ 法律援助: '' });
  const staff = await workbench(PEOPLE.staff);
  expect(staff.data.total).toBe(0);
  expect(textOf(staff)).not.toContain('待办');
});

test('超时未办: the federation sees what has waited, and for whom', async () => {
  const app = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('超时测试点') })).application;
  await db().collection('applications').doc(app.applicationId).update({ data: { updatedAt: new Date(Date.now() - 20 * 86_400_000) } });
  await db().collection('members').doc('member-o-demo-pending').update({ data: { submittedAt: new Date(Date.now() - 10 * 86_400_000) } });
  actAs(lc.url, PEOPLE.fedOfficer);
  const page = renderPage(simulate, 'admin/waiting/index');
  await waitFor(() => page.data.loaded && !page.data.loading);
  expect(page.data.items.map((i: { id: string }) => i.id)).toEqual([app.applicationId]);
  expect(textOf(page, `.item--${app.applicationId} .item__for`)).toBe('等待：城关镇总工会（张伟）');
  expect(textOf(page, `.item--${app.applicationId} .item__stage`)).toBe('待基层工会审核');
  expect(textOf(page, `.item--${app.applicationId} .item__waited`)).toMatch(/^已等 1\d 个工作日$/);

  await tap(page, '.kind--memberships');
  await waitFor(() => page.data.kind === 'memberships' && !page.data.loading);
  expect(textOf(page, '.item__title')).toBe('李秀英 · 城关镇环卫所');
  await tap(page, '.day--20');
  await waitFor(() => page.data.workingDays === 20 && !page.data.loading);
  expect(textOf(page, '.empty')).toContain('没有等待这么久的事项');

  await tap(page, '.kind--applications');
  await waitFor(() => page.data.kind === 'applications' && !page.data.loading);
  await tap(page, '.day--5');
  await waitFor(() => page.data.workingDays === 5 && !page.data.loading);
  wxLog.navigations.length = 0;
  await tap(page, `.item--${app.applicationId}`);
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/admin/application/index?applicationId=${app.applicationId}` }]);
});
