/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// The staff's side of 通知 through the real notices function on localcloud (demo world): 发布通知 with its
// counter, audience and link pickers; bad input answered on its fields with nothing published; 预览 with the
// audience size (hand-counted from the demo world); one notice for a double tap; the list with each
// notice's delivery report once the drain has run, a page at a time in small payloads; the workbench entry.
import type { ManagedNotice, NoticeDraft } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { requestKey } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, recordSetData, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';
import { templates } from '../../cloudbase/subscribe-templates.json';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

async function managed(): Promise<ManagedNotice[]> {
  return data(await callAs(lc, PEOPLE.staff, 'notices', 'manageList', { limit: 50 })).items;
}

async function openCompose(): Promise<Page> {
  const page = renderPage(simulate, 'admin/notice-compose/index');
  await waitFor(() => page.data.loaded);
  return page;
}

async function preview(page: Page): Promise<void> {
  await tap(page, '.preview-button');
  await waitFor(() => !page.data.previewing);
}

beforeEach(() => {
  wxLog.navigations.length = 0;
  actAs(lc.url, PEOPLE.staff);
});

test('staff see 通知公告 on the workbench; a member cannot compose', async () => {
  const workbench = renderPage(simulate, 'pages/workbench/index');
  await waitFor(() => workbench.data.loaded);
  expect(textOf(workbench)).toContain('通知公告');

  actAs(lc.url, PEOPLE.member);
  const page = await openCompose();
  expect(textOf(page, '.load-error')).not.toBe('');
  expect(page.querySelector('.preview-button')).toBeFalsy();
});

test('compose: bad input on its fields and nothing published; 预览 with the audience size; one notice for a double tap; the delivery report after the drain', async () => {
  const page = await openCompose();
  expect(textOf(page, '.audience--all')).toBe('全部会员（示范县总工会）');

  // empty: the server's messages on their fields, no preview, nothing published
  await preview(page);
  const empty: NoticeDraft = { title: '', body: '', link: null, audience: { kind: 'org', orgId: 'org-county' }, pushToAccount: false };
  const refused = await callAs(lc, PEOPLE.staff, 'notices', 'preview', { draft: empty });
  if (refused.ok) throw new Error('an empty notice was accepted');
  expect(textOf(page, '.error--title')).toBe(refused.error.fields!['draft.title']);
  expect(textOf(page, '.error--body')).toBe(refused.error.fields!['draft.body']);
  expect(textOf(page, '.error--title')).toMatch(/[\u4e00-\u9fff]/);
  expect(page.querySelector('.publish')).toBeFalsy();
  await page.instance.onPublish(); // not offered without a preview: nothing is sent
  expect(await managed()).toEqual([]);

  // a link picked as 其他页面 but none chosen: said on the field, before asking the server
  await tap(page, '.link--page');
  await preview(page);
  expect(textOf(page, '.error--link')).toBe('请选择链接到哪个页面');

  const title = '城关镇职工运动会开始报名';
  await typeInto(page, '#title', title);
  expect(page.data.errors.title).toBe('');
  expect(textOf(page, '.title-counter')).toBe(`${title.length}/32`);
  await typeInto(page, '#body', '11月28日在城关镇体育场举行，拔河、跳绳、象棋，欢迎会员报名参加。');
  await tap(page, '.link-page--2');
  expect(page.data.form.linkPage).toBe('pages/progress/index');

  // 全部会员: the county's approved members — the seven demo people with a membership (李秀英 is pending)
  await preview(page);
  expect(page.data.message).toBe('');
  expect(textOf(page, '.preview__title')).toBe(title);
  expect(textOf(page, '.preview__body')).toContain('11月28日在城关镇体育场举行');
  expect(textOf(page, '.audience-size')).toContain('共 7 人');

  // 城关镇总工会: 王建国 (环卫所) and 张伟 (建筑公司); a change of the form takes the preview away
  await tap(page, '.audience--org');
  expect(page.data.preview).toBeNull();
  const chengguan = page.data.orgs.findIndex((o: { orgId: string }) => o.orgId === 'org-chengguan');
  find(page, '.audience-org').dispatchEvent('change', { detail: { value: chengguan } });
  await waitFor(() => page.data.form.orgId === 'org-chengguan');
  expect(textOf(page, '.audience-org')).toContain('城关镇总工会');
  await tap(page, '.push');
  expect(page.data.form.pushToAccount).toBe(true);
  await preview(page);
  expect(textOf(page, '.audience-size')).toContain('共 2 人');
  expect(page.querySelector('.publish')).toBeTruthy();

  // 王建国 accepted notice reminders once; 张伟 never did
  const tmpl = templates.noticePublished.templateId;
  await lc.postJson('/__localcloud/openapi/subscriptions', { openid: PEOPLE.member, templateIds: [tmpl] });
  data(await callAs(lc, PEOPLE.member, 'notices', 'subscribe', { accepted: ['noticePublished'] }));

  // both taps of a double tap reach the page before it shows busy; one notice is published
  await Promise.all([page.instance.onPublish(), page.instance.onPublish()]);
  await waitFor(() => wxLog.navigations.some((n) => n.api === 'navigateBack'));
  expect(wxLog.toasts).toContain('已发布');
  const list = await managed();
  expect(list.map((n) => n.title)).toEqual([title]);
  expect(list[0]).toMatchObject({ audience: { kind: 'org', orgId: 'org-chengguan' }, link: { kind: 'page', page: 'pages/progress/index' }, pushToAccount: true });
  // a retry with the page's request key (a lost reply) answers the same notice
  const retried = data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: page.data.requestKey, draft: { title, body: list[0].body, link: list[0].link, audience: list[0].audience, pushToAccount: true } }));
  expect(retried.notice.noticeId).toBe(list[0].noticeId);
  expect((await managed()).length).toBe(1);

  // the drain sends: one subscribe message, one member without quota, the 订阅号 article
  for (let i = 0; i < 5; i++) {
    const { report } = data(await callAs(lc, PEOPLE.staff, 'notices', 'report', { noticeId: list[0].noticeId })).notice;
    if (report.pending === 0 && report.account.status !== 'pending') break;
    await lc.postJson('/__localcloud/timers/notices/drain/fire');
  }
  const admin = renderPage(simulate, 'admin/notices/index');
  await waitFor(() => admin.data.loaded);
  const card = `.item--${list[0].noticeId}`;
  expect(textOf(admin, card)).toContain(title);
  expect(textOf(admin, card)).toContain('城关镇总工会');
  expect(textOf(admin, `${card} .report`)).toMatch(/受众.*已发送.*无订阅额度.*失败.*结果未知.*待发送/);
  const figure = (key: string) => textOf(admin, `${card} .value--${key}`);
  expect(['audience', 'sent', 'noQuota', 'failed', 'unknown', 'pending'].map(figure)).toEqual(['2', '1', '1', '0', '0', '0']);
  expect(textOf(admin, `${card} .account`)).toBe('订阅号：已发布');
  const { calls } = await lc.getJson<{ calls: { data: { touser: string; template_id: string }; result: { errcode: number } }[] }>('/__localcloud/openapi/calls?apiName=subscribeMessage.send');
  const delivered = calls.filter((c) => c.result.errcode === 0 && c.data.template_id === tmpl);
  expect(delivered.map((c) => c.data.touser)).toEqual([PEOPLE.member]);

  // 发布新通知 opens the compose page
  await tap(admin, '.compose');
  expect(wxLog.navigations[wxLog.navigations.length - 1]).toEqual({ api: 'navigateTo', url: '/admin/notice-compose/index' });
});

test('the list pages 20 notices at a time in small payloads; 刷新 re-reads one report', async () => {
  const before = (await managed()).length;
  for (let i = 1; i <= 21; i++) {
    const draft: NoticeDraft = { title: `水坪镇卫生院通知第${i}号`, body: '请按时参加职工体检。', link: null, audience: { kind: 'org', orgId: 'org-sp-clinic' }, pushToAccount: false };
    data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: requestKey(), draft }));
  }
  const page = renderPage(simulate, 'admin/notices/index');
  const sizes = recordSetData(page);
  await waitFor(() => page.data.loaded);
  expect(page.querySelectorAll('.item')).toHaveLength(20);
  expect(textOf(page.querySelectorAll('.item')[0])).toContain('水坪镇卫生院通知第21号');
  expect(Math.max(...sizes)).toBeLessThan(8 * 1024);

  await tap(page, '.more');
  await waitFor(() => page.data.items.length === 21 + before && !page.data.loading);
  expect(page.data.cursor).toBeNull();
  expect(sizes[sizes.length - 1]).toBeLessThan(2 * 1024); // appended, not the list again

  const first = `.item--${page.data.items[0].id}`;
  expect(textOf(page, `${first} .value--pending`)).toBe('1');
  for (let i = 0; i < 3; i++) await lc.postJson('/__localcloud/timers/notices/drain/fire');
  await tap(page, `${first} .refresh`);
  await waitFor(() => !page.data.items[0].refreshing);
  expect(textOf(page, `${first} .value--pending`)).toBe('0');
  expect(textOf(page, `${first} .value--noQuota`)).toBe('1');
  expect(sizes[sizes.length - 1]).toBeLessThan(512);
});
