/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// The member's side of 通知 through the real notices function on localcloud (demo world): the notice board
// lists what staff published to the member's org (published here through notices.publish as o-demo-staff), a
// page at a time in small payloads, and opens a notice with its link; 订阅消息提醒 asks WeChat only in a tap
// and records what was accepted, both with WeChat and with the product; 我的消息 shows a case's progress and
// opens it; the prompt at 提交 of the 法律援助 form records quota when accepted and never stops the submit.
import type { NoticeDraft } from '../../typings/api';
import { callAs, data, PEOPLE, snapshot } from '../functions/api';
import { requestKey } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import {
  actAs,
  answerSubscribePrompts,
  recordSetData,
  renderPage,
  setupMiniprogram,
  subscribePrompts,
  tap,
  tapItem,
  textOf,
  typeInto,
  waitFor,
  wxLog,
} from '../harness/miniprogram';
import { templates } from '../../cloudbase/subscribe-templates.json';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

const NOTICE_TMPL = templates.noticePublished.templateId;
const STATUS_TMPL = templates.applicationStatus.templateId;

async function publish(title: string, draft: Partial<NoticeDraft> = {}): Promise<string> {
  const full: NoticeDraft = { title, body: `${title}：详情请见正文。`, link: null, audience: { kind: 'org', orgId: 'org-chengguan' }, pushToAccount: false, ...draft };
  return data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: requestKey(), draft: full })).notice.noticeId;
}

/** WeChat's record of the member's remaining sends per template id. */
async function wechatQuota(openid: string): Promise<Record<string, number>> {
  return (await lc.getJson<{ quota: Record<string, number> }>(`/__localcloud/openapi/subscriptions?openid=${openid}`)).quota;
}

/** The product's record (notices.subscribe) of the member's quota of `template`. */
async function productQuota(openid: string, template: string): Promise<number> {
  const { subscriptions } = await snapshot(lc, ['subscriptions']);
  const doc = (subscriptions as { openid: string; template: string; quota: number }[]).find((s) => s.openid === openid && s.template === template);
  return doc?.quota ?? 0;
}

/** Waits until `read` answers `expected` (what a page started, without waiting for it, has landed). */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (JSON.stringify(await read()) !== JSON.stringify(expected)) {
    if (Date.now() - t0 > timeoutMs) expect(await read()).toEqual(expected);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openBoard(): Promise<Page> {
  const page = renderPage(simulate, 'pages/notices/index');
  await waitFor(() => page.data.loaded);
  return page;
}

beforeEach(() => {
  wxLog.navigations.length = 0;
  answerSubscribePrompts(false);
  actAs(lc.url, PEOPLE.member);
});

test('the board lists the notices to my org newest first, 20 at a time in small payloads, and opens one', async () => {
  const linked = await publish('金秋助学开始申请', { body: '困难职工子女考上大学的，7月1日起可以申请。\n带好录取通知书。', link: { kind: 'page', page: 'pages/progress/index' } });
  const ids = [linked];
  for (let i = 2; i <= 21; i++) ids.push(await publish(`城关镇通知第${i}号`));
  await publish('水坪镇卫生院体检安排', { audience: { kind: 'org', orgId: 'org-shuiping' } });

  const board = renderPage(simulate, 'pages/notices/index');
  const sizes = recordSetData(board);
  await waitFor(() => board.data.loaded);
  expect(board.data.error).toBe('');
  expect(board.data.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(1).reverse());
  const rows = board.querySelectorAll('.item');
  expect(rows).toHaveLength(20);
  expect(textOf(rows[0])).toContain('城关镇通知第21号');
  expect(textOf(rows[0])).toContain('示范县总工会');
  expect(textOf(board)).not.toContain('水坪镇卫生院体检安排');
  expect(textOf(board)).not.toContain('暂时没有通知');
  // a page of 20 rows: only what the rows show
  expect(Math.max(...sizes)).toBeLessThan(8 * 1024);

  await tap(board, '.more');
  await waitFor(() => board.data.items.length === 21 && !board.data.loading);
  expect(board.data.items[20].id).toBe(linked);
  expect(board.data.cursor).toBeNull();
  expect(board.querySelector('.more')).toBeFalsy();
  expect(sizes[sizes.length - 1]).toBeLessThan(1024); // the next page is appended, not the list again

  await tapItem(board, '.item', '金秋助学开始申请');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/pages/notices/notice?noticeId=${linked}` }]);

  // the notice page: the whole text and 查看详情 to the linked page (a tab: switched to)
  const notice = renderPage(simulate, 'pages/notices/notice', { noticeId: linked });
  await waitFor(() => notice.data.loaded);
  expect(notice.data.error).toBe('');
  expect(textOf(notice, '.notice__title')).toBe('金秋助学开始申请');
  expect(textOf(notice, '.notice__from')).toMatch(/^示范县总工会 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(textOf(notice, '.notice__body')).toBe('困难职工子女考上大学的，7月1日起可以申请。 带好录取通知书。');
  wxLog.navigations.length = 0;
  await tap(notice, '.link');
  expect(wxLog.navigations).toEqual([{ api: 'switchTab', url: '/pages/progress/index' }]);

  // a notice of another town is not on my board, and not mine to open
  const other = await publish('水坪镇工会活动室开放', { audience: { kind: 'org', orgId: 'org-shuiping' } });
  const refused = renderPage(simulate, 'pages/notices/notice', { noticeId: other });
  await waitFor(() => refused.data.loaded);
  expect(textOf(refused, '.error')).not.toBe('');
  expect(refused.querySelector('.notice__title')).toBeFalsy();

  // 我的消息 from the board
  wxLog.navigations.length = 0;
  await tap(board, '.messages');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: '/pages/messages/index' }]);
});

test('订阅消息提醒 asks WeChat in the tap and records what the member accepted; refused or outside a tap, nothing', async () => {
  const board = await openBoard();
  const before = await wechatQuota(PEOPLE.member);
  const productBefore = await productQuota(PEOPLE.member, 'noticePublished');

  // shown, the page asked nothing
  expect(subscribePrompts.filter((p) => p.tmplIds.includes(NOTICE_TMPL))).toHaveLength(0);

  answerSubscribePrompts([NOTICE_TMPL]);
  await tap(board, '.subscribe');
  await waitFor(() => board.data.subscribeNote !== '');
  expect(subscribePrompts[subscribePrompts.length - 1]).toEqual({
    tmplIds: [NOTICE_TMPL, STATUS_TMPL],
    result: { errMsg: 'requestSubscribeMessage:ok', [NOTICE_TMPL]: 'accept', [STATUS_TMPL]: 'reject' },
  });
  expect(textOf(board, '.subscribe-note')).toContain('已开启提醒：有新通知时');
  const after = await wechatQuota(PEOPLE.member);
  expect(after[NOTICE_TMPL] ?? 0).toBe((before[NOTICE_TMPL] ?? 0) + 1);
  expect(after[STATUS_TMPL] ?? 0).toBe(before[STATUS_TMPL] ?? 0);
  expect(await productQuota(PEOPLE.member, 'noticePublished')).toBe(productBefore + 1);

  // refused: nothing recorded, and the member is told how to turn it on
  answerSubscribePrompts(false);
  board.setData({ subscribeNote: '' });
  await tap(board, '.subscribe');
  await waitFor(() => board.data.subscribeNote !== '');
  expect(textOf(board, '.subscribe-note')).toContain('没有开启提醒');
  expect(await wechatQuota(PEOPLE.member)).toEqual(after);
  expect(await productQuota(PEOPLE.member, 'noticePublished')).toBe(productBefore + 1);

  // not from a tap (as on launch): WeChat refuses to show the prompt
  answerSubscribePrompts(true);
  board.setData({ subscribeNote: '' });
  await board.instance.onSubscribe();
  expect(subscribePrompts[subscribePrompts.length - 1].result.errMsg).toBe('requestSubscribeMessage:fail can only be invoked by user TAP gesture.');
  expect(textOf(board, '.subscribe-note')).toContain('没有开启提醒');
  expect(await wechatQuota(PEOPLE.member)).toEqual(after);
});

/** Fills the 法律援助 form with a wage claim against `employer`. */
async function fillLegalAid(form: Page, employer: string): Promise<void> {
  await tap(form, '.type--wages');
  await typeInto(form, '#f-employerName', employer);
  await typeInto(form, '#f-amountYuan', '8000');
  await typeInto(form, '#f-workersAffected', '1');
  await typeInto(form, '#f-description', '今年在工地干了四个月，老板一直拖着不发工资。');
  await tap(form, '.contact--2');
}

/** Taps 提交 and waits for the form to leave for the new case's page; its id. */
async function submitLegalAid(form: Page): Promise<string> {
  wxLog.navigations.length = 0;
  await tap(form, '.submit');
  await waitFor(() => wxLog.navigations.some((n) => n.url.startsWith('/pages/case/index')));
  return new URL(wxLog.navigations[0].url, 'https://x').searchParams.get('caseId')!;
}

test('提交 asks for progress reminders: accepted, the quota is recorded; refused, the case is opened all the same', async () => {
  const before = await wechatQuota(PEOPLE.member);
  const productBefore = await productQuota(PEOPLE.member, 'applicationStatus');

  answerSubscribePrompts(true);
  const form = renderPage(simulate, 'pages/legal-aid/index');
  await waitFor(() => form.data.loaded);
  await fillLegalAid(form, '城关镇恒通建材公司');
  const first = await submitLegalAid(form);
  expect(subscribePrompts[subscribePrompts.length - 1]).toEqual({ tmplIds: [STATUS_TMPL], result: { errMsg: 'requestSubscribeMessage:ok', [STATUS_TMPL]: 'accept' } });
  await eventually(() => productQuota(PEOPLE.member, 'applicationStatus'), productBefore + 1);
  const after = await wechatQuota(PEOPLE.member);
  expect(after[STATUS_TMPL] ?? 0).toBe((before[STATUS_TMPL] ?? 0) + 1);

  // refused: no quota, and the case is opened
  answerSubscribePrompts(false);
  const again = renderPage(simulate, 'pages/legal-aid/index');
  await waitFor(() => again.data.loaded);
  await fillLegalAid(again, '城关镇宏远运输公司');
  const second = await submitLegalAid(again);
  expect(second).not.toBe(first);
  expect(subscribePrompts[subscribePrompts.length - 1].result[STATUS_TMPL]).toBe('reject');
  expect(await wechatQuota(PEOPLE.member)).toEqual(after);
  expect(await productQuota(PEOPLE.member, 'applicationStatus')).toBe(productBefore + 1);
  const mine = data(await callAs(lc, PEOPLE.member, 'cases', 'mine', { limit: 50 })).items.map((c) => c.caseId);
  expect(mine).toEqual(expect.arrayContaining([first, second]));
});

test('我的消息 shows the progress of my case newest first, 20 at a time in small payloads, and opens the case', async () => {
  let c = data(
    await callAs(lc, PEOPLE.member, 'cases', 'open', {
      requestKey: requestKey(),
      disputeType: 'wages',
      employerName: '城关镇顺发物流公司',
      amountInDisputeFen: 500_000,
      workersAffected: 1,
      description: '在物流公司干了三个月，工资一直没有结清。',
      evidence: [],
      contactTime: '工作日晚上',
      priorProceedings: 'none',
    }),
  ).case;
  const act = async (transition: string, more: Record<string, unknown> = {}) =>
    (c = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case);
  await act('accept');
  for (let i = 1; i <= 20; i++) await act('message', { comment: `请补充第${i}份工资条` });
  await lc.postJson('/__localcloud/timers/notices/drain/fire');

  const page = renderPage(simulate, 'pages/messages/index');
  const sizes = recordSetData(page);
  await waitFor(() => page.data.loaded);
  expect(page.data.error).toBe('');
  const casePage = `pages/case/index?caseId=${encodeURIComponent(c.caseId)}`;
  const rows = page.querySelectorAll('.item');
  expect(rows).toHaveLength(20);
  expect(page.data.items.every((m: { page: string }) => m.page === casePage)).toBe(true);
  expect(textOf(rows[0])).toContain('请补充第20份工资条');
  expect(textOf(rows[0])).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(textOf(rows[19])).toContain('请补充第1份工资条');
  expect(Math.max(...sizes)).toBeLessThan(8 * 1024);

  await tap(page, '.more');
  await waitFor(() => page.data.items.length > 20 && !page.data.loading);
  expect(textOf(page.querySelectorAll('.item')[20])).toContain('已受理');
  // the next page is appended, not the list again: the rows added, each well under 512 bytes
  expect(sizes[sizes.length - 1]).toBeLessThan(512 * (page.data.items.length - 20));

  wxLog.navigations.length = 0;
  await tapItem(page, '.item', '请补充第7份工资条');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/${casePage}` }]);
});
