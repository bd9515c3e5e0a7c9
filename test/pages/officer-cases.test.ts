/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 法律援助 on the officers' and lawyers' side, through the real cases function on localcloud (demo world).
// Members' cases are opened by calling the function directly; everything officers and the lawyer do goes
// through the pages: the queue (unaccepted first, paged by cursor with small setData, the 超期 list), 受理 and
// 指派律师 by the 城关镇 officer, 记录办理进展 and 结案 with the amount recovered by the lawyer, 不予受理 with a
// reason, a stale decision, 转办 to another town's union, and 督办 by the federation on a case the daily timer
// flagged overdue.
import type { CaseDetail, OpenCaseInput } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { requestKey, sdkDb } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, recordSetData, renderPage, setupMiniprogram, tap, tapItem, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;
type Row = { caseId: string; title: string; overdue: boolean };

const QUEUED = 25;
const employer = (n: number) => `城关镇第${String(n).padStart(2, '0')}建筑队`;

async function openCase(more: Partial<OpenCaseInput> = {}): Promise<CaseDetail> {
  const input: OpenCaseInput = {
    requestKey: requestKey(),
    disputeType: 'wages',
    employerName: '城关镇宏达建筑公司',
    amountInDisputeFen: 1_500_000,
    workersAffected: 6,
    description: '六个工友在工地干了八个月，包工头欠了工资跑了，公司说不管。',
    evidence: [],
    contactTime: '随时都可以',
    priorProceedings: 'none',
    ...more,
  };
  return data(await callAs(lc, PEOPLE.member, 'cases', 'open', input)).case;
}

async function detailAs(openid: string, caseId: string): Promise<CaseDetail> {
  return data(await callAs(lc, openid, 'cases', 'detail', { caseId })).case;
}

async function openQueue(openid: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/cases/index');
  await waitFor(() => page.data.loaded && !page.data.loading);
  return page;
}

async function showTab(queue: Page, view: string): Promise<void> {
  await tap(queue, `.tab--${view}`);
  await waitFor(() => queue.data.view === view && !queue.data.loading);
}

async function openCasePage(openid: string, caseId: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/case/index', { caseId });
  await waitFor(() => page.data.loaded && (page.data.c !== null || page.data.error !== ''));
  expect(page.data.error).toBe('');
  return page;
}

async function act(page: Page, action: string): Promise<void> {
  await tap(page, `.act--${action}`);
  await waitFor(() => page.data.acting === '' && (page.data.notice !== '' || page.data.error !== '' || page.data.conflict || Object.keys(page.data.errors).length > 0));
}

const actionsOf = (page: Page) => page.data.c.actions.map((a: { action: string }) => a.action);
const rows = (page: Page): Row[] => page.data.items;

beforeEach(() => {
  wxLog.navigations.length = 0;
});

test('the queue pages 20 at a time by cursor, unaccepted first, with small setData payloads', async () => {
  for (let n = 1; n <= QUEUED; n += 1) await openCase({ employerName: employer(n) });
  const queue = await openQueue(PEOPLE.cgOfficer);
  const sizes = recordSetData(queue);
  await showTab(queue, 'finished');
  expect(rows(queue)).toEqual([]);
  await showTab(queue, 'open');
  expect(rows(queue).map((r) => r.title)).toEqual(Array.from({ length: 20 }, (_, i) => `欠薪 · ${employer(i + 1)}`));
  expect(textOf(queue, `.item--${rows(queue)[0].caseId}`)).toContain('王建国 · 城关镇环卫所工会');
  expect(textOf(queue, `.item--${rows(queue)[0].caseId}`)).toContain('15000元 · 6 人');
  expect(queue.data.cursor).not.toBeNull();
  // The 20 rows go over in one payload of their own: only what a row shows.
  expect(Math.max(...sizes)).toBeLessThan(8_000);

  const before = sizes.length;
  await tap(queue, '.more');
  await waitFor(() => !queue.data.loading && queue.data.items.length === QUEUED);
  expect(queue.data.cursor).toBeNull();
  expect(queue.querySelectorAll('.more')).toHaveLength(0);
  // The next page is appended by path; the first 20 are not sent again.
  expect(Math.max(...sizes.slice(before))).toBeLessThan(2_500);

  await tap(queue, `.item--${rows(queue)[3].caseId}`);
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/admin/case/index?caseId=${rows(queue)[3].caseId}` }]);

  // An org filter outside the members' union empties the list; clearing it brings them back.
  const picker = find(queue, '#org');
  await tap(picker, '.open-browse');
  await waitFor(() => picker.data.items.length > 0);
  await tapItem(picker, '.org-item', '示范县总工会');
  await tapItem(picker, '.org-item', '水坪镇总工会');
  await tap(picker, '.choose-level');
  await waitFor(() => queue.data.orgId === 'org-shuiping' && !queue.data.loading);
  expect(rows(queue)).toEqual([]);
  await tap(queue, '.clear-org');
  await waitFor(() => queue.data.orgId === '' && !queue.data.loading && rows(queue).length === 20);

  // 水坪镇's officer sees none of 城关镇's cases.
  expect(rows(await openQueue(PEOPLE.spOfficer))).toEqual([]);
});

test('the officer accepts and assigns the lawyer; the lawyer logs a step and closes with the money recovered', async () => {
  const opened = await openCase({ employerName: '城关镇鑫源食品厂', amountInDisputeFen: 2_400_000 });

  const page = await openCasePage(PEOPLE.cgOfficer, opened.caseId);
  expect(textOf(page, '.status')).toBe('待受理');
  expect(textOf(page, '.person')).toContain('王建国 · 城关镇环卫所工会');
  expect(textOf(page, '.contact')).toMatch(/^联系电话 \d{3}\*{4}\d{4} · 随时都可以$/);
  expect(textOf(page, '.description')).toContain('包工头欠了工资跑了');
  expect(textOf(page, '.timeline')).toContain('本人 提交申请');
  expect(actionsOf(page)).toEqual(expect.arrayContaining(['accept', 'decline', 'refer']));
  expect(actionsOf(page)).not.toContain('close');

  await act(page, 'accept');
  expect(textOf(page, '.notice')).toBe('已受理');
  expect(textOf(page, '.status')).toBe('已受理，待指派律师');
  await waitFor(() => page.data.lawyers.length > 0);
  await act(page, 'assign');
  expect(textOf(page, '.lawyer-error')).toBe('请选择律师');
  await tapItem(page, '.lawyer-chip', '陈明');
  await act(page, 'assign');
  expect(textOf(page, '.notice')).toBe('已指派律师');
  expect(textOf(page, '.lawyer')).toBe('律师：陈明');
  expect(textOf(page, '.timeline')).toContain('基层工会 指派律师：陈明');

  // the lawyer's workbench and queue: only the cases assigned to them
  actAs(lc.url, PEOPLE.lawyer);
  const workbench = renderPage(simulate, 'pages/workbench/index');
  await waitFor(() => workbench.data.loaded);
  expect(workbench.data.entries.map((e: { title: string; url: string }) => `${e.title} ${e.url}`)).toEqual(['法律援助 /admin/cases/index']);
  const queue = await openQueue(PEOPLE.lawyer);
  expect(queue.data.officer).toBe(false);
  expect(queue.querySelector('.org-filter')).toBeFalsy();
  expect(rows(queue).map((r) => r.caseId)).toEqual([opened.caseId]);

  const lawyer = await openCasePage(PEOPLE.lawyer, opened.caseId);
  expect(actionsOf(lawyer)).toEqual(expect.arrayContaining(['logStep', 'close', 'message']));
  // the case's lawyer sees the member's number and calls it from the page
  expect(textOf(lawyer, '.contact')).toContain('联系电话 13872000001');
  const calls: string[] = [];
  (globalThis as unknown as { wx: { makePhoneCall(o: { phoneNumber: string }): void } }).wx.makePhoneCall = (o) => void calls.push(o.phoneNumber);
  await tap(lawyer, '.call');
  expect(calls).toEqual(['13872000001']);
  expect(actionsOf(lawyer)).not.toContain('accept');
  await act(lawyer, 'logStep');
  expect(textOf(lawyer, '.comment-error')).toBe('请填写这次办理的情况');
  await typeInto(lawyer, '#comment', '约厂方负责人到镇调解委员会调解，厂方承认欠薪。');
  await act(lawyer, 'logStep');
  expect(textOf(lawyer, '.step-error')).toBe('请选择办理方式');
  await tap(lawyer, '.step-kind--mediation');
  await act(lawyer, 'logStep');
  expect(textOf(lawyer, '.notice')).toBe('已记录办理进展');
  expect(textOf(lawyer, '.status')).toBe('办理中');
  expect(textOf(lawyer, '.timeline')).toContain('律师 记录办理进展（调解）');
  expect(textOf(lawyer, '.timeline')).toContain('约厂方负责人到镇调解委员会调解，厂方承认欠薪。');

  await act(lawyer, 'close');
  expect(lawyer.data.errors).toEqual({ outcome: '请选择结案方式', recoveredFen: '请填写挽回的金额（元），没有挽回填 0' });
  await tap(lawyer, '.outcome--mediated');
  await typeInto(lawyer, '#recovered', '23500.5');
  await act(lawyer, 'close');
  expect(textOf(lawyer, '.notice')).toBe('已结案');
  expect(textOf(lawyer, '.status')).toBe('已结案');
  expect(textOf(lawyer, '.closing')).toBe('调解成功，挽回 23500.5元');
  // closed: the number is masked again, and there is nothing to call
  expect(textOf(lawyer, '.contact')).toContain('联系电话 138****0001');
  expect(lawyer.querySelector('.call')).toBeFalsy();
  expect(lawyer.querySelectorAll('.act')).toHaveLength(0);

  const closed = await detailAs(PEOPLE.member, opened.caseId);
  expect(closed).toMatchObject({ status: 'closed', outcome: 'mediated', recoveredFen: 2_350_050, lawyerName: '陈明' });
  expect(closed.timeline.map((t) => t.action)).toEqual(['open', 'accept', 'assign', 'logStep', 'close']);
  await showTab(queue, 'finished');
  expect(rows(queue).map((r) => r.caseId)).toEqual([opened.caseId]);
});

test('不予受理 needs a reason the member reads; a decision on a stale version asks for a refresh', async () => {
  const declined = await openCase({ disputeType: 'other', employerName: '邻居张某', description: '邻居借了我两万块钱一直不还，想请律师帮忙。' });
  const page = await openCasePage(PEOPLE.cgOfficer, declined.caseId);
  await act(page, 'decline');
  expect(textOf(page, '.comment-error')).toBe('请填写不予受理的原因，申请人会看到');
  await typeInto(page, '#comment', '民间借贷不属于劳动争议，请向司法所咨询。');
  await act(page, 'decline');
  expect(textOf(page, '.notice')).toBe('已不予受理');
  expect(textOf(page, '.status')).toBe('不予受理');
  expect(textOf(page, '.decline-reason')).toBe('不予受理：民间借贷不属于劳动争议，请向司法所咨询。');
  expect((await detailAs(PEOPLE.member, declined.caseId)).declineReason).toBe('民间借贷不属于劳动争议，请向司法所咨询。');

  // Two officers have the same case open; the first to decide wins, the second is told to refresh.
  const contested = await openCase({ employerName: '城关镇永兴砖厂' });
  const early = await openCasePage(PEOPLE.cgOfficer, contested.caseId);
  const late = await openCasePage(PEOPLE.fedOfficer, contested.caseId);
  await act(early, 'accept');
  await typeInto(late, '#comment', '不属于本会受理范围');
  await act(late, 'decline');
  expect(textOf(late, '.conflict')).toContain('该案件已被他人处理，请刷新后查看');
  await tap(late, '.refresh');
  await waitFor(() => !late.data.conflict && late.data.c.status === '已受理，待指派律师');
  expect((await detailAs(PEOPLE.member, contested.caseId)).status).toBe('accepted');

  // 督办 while the officer has the case open: the officer is told it was supervised, not that someone
  // handled it, and accepts it after a refresh.
  const urged = await openCase({ employerName: '城关镇宏达纸箱厂' });
  const officer = await openCasePage(PEOPLE.cgOfficer, urged.caseId);
  data(await callAs(lc, PEOPLE.fedOfficer, 'cases', 'act', { caseId: urged.caseId, version: urged.version, transition: 'supervise', comment: '请今天内受理' }));
  await act(officer, 'accept');
  expect(textOf(officer, '.conflict')).toContain('该案件已被督办，请刷新后查看');
  await tap(officer, '.refresh');
  await waitFor(() => !officer.data.conflict && officer.data.c.supervised);
  expect(textOf(officer, '.timeline')).toContain('请今天内受理');
  await act(officer, 'accept');
  expect(textOf(officer, '.notice')).toBe('已受理');
});

test('转办: the 城关镇 officer passes a case to 水坪镇, whose officer then has it', async () => {
  const opened = await openCase({ employerName: '水坪镇茶叶合作社' });
  const page = await openCasePage(PEOPLE.cgOfficer, opened.caseId);
  await act(page, 'refer');
  expect(textOf(page, '.comment-error')).toBe('请填写转办的原因');
  await typeInto(page, '#comment', '用人单位在水坪镇，由水坪镇总工会就近办理。');
  await act(page, 'refer');
  expect(page.data.errors.toOrgId).toBe('请选择转给哪个工会');
  const picker = find(page, '#refer-org');
  await tap(picker, '.open-browse');
  await waitFor(() => picker.data.items.length > 0);
  await tapItem(picker, '.org-item', '示范县总工会');
  await tapItem(picker, '.org-item', '水坪镇总工会');
  await tap(picker, '.choose-level');
  await waitFor(() => page.data.toOrgId === 'org-shuiping');
  await act(page, 'refer');
  expect(page.data.error).toBe('');
  expect(textOf(page, '.notice')).toBe('已转办');
  expect(textOf(page, '.timeline')).toContain('基层工会 转办至水坪镇总工会');

  const theirs = await openQueue(PEOPLE.spOfficer);
  expect(rows(theirs).map((r) => r.caseId)).toContain(opened.caseId);
  expect(textOf(theirs, `.item--${opened.caseId}`)).toContain('水坪镇总工会');
});

test('超期: a case past its deadline is flagged by the daily timer, listed under 超期, and the federation 督办', async () => {
  const late = await openCase({ employerName: '城关镇长江运输公司' });
  const onTime = await openCase({ employerName: '城关镇准时物业公司' });
  // Opened 2 working days ago with nothing done since: its deadline has passed.
  await sdkDb(lc).collection('cases').doc(late.caseId).update({ data: { deadlineAt: new Date(Date.now() - 3_600_000) } });
  const fired = await lc.postJson<{ result: { ok: boolean; data: { flagged: number } } }>('/__localcloud/timers/cases/dailyOverdue/fire');
  expect(fired.result).toEqual({ ok: true, data: { flagged: 1 } });

  const queue = await openQueue(PEOPLE.cgOfficer);
  await showTab(queue, 'overdue');
  expect(rows(queue).map((r) => r.caseId)).toEqual([late.caseId]);
  expect(textOf(queue, `.item--${late.caseId} .flag--overdue`)).toBe('超期');
  expect(rows(queue).map((r) => r.caseId)).not.toContain(onTime.caseId);

  const fed = await openCasePage(PEOPLE.fedOfficer, late.caseId);
  expect(fed.querySelector('.flag--overdue')).toBeTruthy();
  await act(fed, 'supervise');
  expect(textOf(fed, '.comment-error')).toBe('请填写督办意见');
  await typeInto(fed, '#comment', '请城关镇总工会今天内受理并回复当事人。');
  await act(fed, 'supervise');
  expect(textOf(fed, '.notice')).toBe('已督办');
  expect(textOf(fed, '.flag--supervised')).toBe('督办');
  expect(textOf(fed, '.timeline')).toContain('总工会 督办');

  // 受理 is progress: the case leaves the overdue list.
  const officer = await openCasePage(PEOPLE.cgOfficer, late.caseId);
  await act(officer, 'accept');
  expect(officer.querySelector('.flag--overdue')).toBeFalsy();
  queue.triggerPageLifeTime?.('show');
  await waitFor(() => !queue.data.loading && rows(queue).length === 0);
  expect(textOf(queue, '.empty')).toContain('没有超期的案件');
  // 待办 puts the unaccepted first: the case opened later, still waiting, comes before the one accepted.
  await showTab(queue, 'open');
  while (queue.data.cursor) {
    const had = rows(queue).length;
    await tap(queue, '.more');
    await waitFor(() => !queue.data.loading && rows(queue).length > had);
  }
  const order = rows(queue).map((r) => r.caseId);
  expect(order.indexOf(onTime.caseId)).toBeGreaterThanOrEqual(0);
  expect(order.indexOf(late.caseId)).toBeGreaterThan(order.indexOf(onTime.caseId));
});
