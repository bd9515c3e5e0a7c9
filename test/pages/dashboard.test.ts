/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 数据统计 (admin/dashboard) through the real statistics and exports functions on localcloud: a small season
// seeded through the real applications and cases functions, then the federation officer's figures for this
// year, hand-computed; drill-down to 城关镇 and back; a service tab and a campaign; a sentence and all of them
// copied; an Excel export downloaded and opened; a grassroots officer held to their own subtree.
import fs from 'node:fs';
import type { ApplicationDetail, CaseDetail } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { approvedMember, childId, requestKey, STUDENT_AID, studentAidAnswers, SUMMER_RELIEF, summerReliefAnswers, upload } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, recordSetData, renderPage, settle, setupMiniprogram, tap, tapItem, textOf, waitFor, wxLog } from '../harness/miniprogram';
import { caseForm } from '../functions/casesFixtures';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

const SECOND = 'o-dash-2'; // 城关镇环卫所工会
const THIRD = 'o-dash-3'; // 示范县第一建筑公司工会
const FOURTH = 'o-dash-4'; // 水坪镇卫生院工会
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const year = () => Number(today().slice(0, 4));

type Page = ReturnType<typeof renderPage>;

async function submit(openid: string, campaignId: string, answers: Record<string, unknown>): Promise<ApplicationDetail> {
  return data(await callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers })).application;
}

async function act(openid: string, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}): Promise<ApplicationDetail> {
  return data(await callAs(lc, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more })).application;
}

async function openCase(workersAffected: number): Promise<CaseDetail> {
  return data(
    await callAs(lc, PEOPLE.member, 'cases', 'open', caseForm({ amountInDisputeFen: 5_000_000, workersAffected, description: '工资拖欠三个月，多次讨要未果。', contactTime: '' })),
  ).case;
}

const notice = (openid: string) => upload(lc, openid).then((f) => [f]);

/** The demo 金秋助学 campaign's title (the demo names it by the year it was seeded). */
let studentAidTitle = '';

/**
 * The season, hand-counted for this year:
 *   金秋助学  A 王建国 (环卫所) 本科 approved 3000 元 and paid; B (环卫所) 专科 approved 2000 元; E (环卫所)
 *            withdrawn; C (建筑公司) 研究生 approved 5000 元 and paid; F (建筑公司) rejected; D (水坪卫生院)
 *            still submitted → received 6, approved 3, declined 1, withdrawn 1, pending 1, 2 人次 (the paid),
 *            approved 10000 元, paid 8000 元 (0.8 万元)
 *   夏送清凉  a work site of 环卫所 approved 1500 元 and delivered to 30 workers
 *   法律援助  a case of 3 workers (环卫所) accepted and closed with 35000 元 recovered; another still open
 */
beforeAll(async () => {
  studentAidTitle = data(await callAs(lc, PEOPLE.member, 'campaigns', 'get', { campaignId: STUDENT_AID })).campaign.title;
  await approvedMember(lc, SECOND, 11);
  await approvedMember(lc, THIRD, 12, true, 'org-cg-construction');
  await approvedMember(lc, FOURTH, 13, true, 'org-sp-clinic');
  const A = await submit(PEOPLE.member, STUDENT_AID, studentAidAnswers(childId(101), await notice(PEOPLE.member)));
  const B = await submit(SECOND, STUDENT_AID, studentAidAnswers(childId(102), await notice(SECOND), { level: 'college', school: '武汉职业技术学院' }));
  const C = await submit(THIRD, STUDENT_AID, studentAidAnswers(childId(103), await notice(THIRD), { level: 'postgraduate' }));
  await submit(FOURTH, STUDENT_AID, studentAidAnswers(childId(104), await notice(FOURTH)));
  const E = await submit(SECOND, STUDENT_AID, studentAidAnswers(childId(105), await notice(SECOND), { childName: '李小兰' }));
  const F = await submit(THIRD, STUDENT_AID, studentAidAnswers(childId(106), await notice(THIRD), { childName: '赵小刚' }));
  await act(SECOND, E, 'withdraw');
  await act(PEOPLE.cgOfficer, F, 'reject', { comment: '不符合条件' });
  const approved: ApplicationDetail[] = [];
  for (const [app, amountFen] of [[A, 300_000], [B, 200_000], [C, 500_000]] as const) {
    approved.push(await act(PEOPLE.fedOfficer, await act(PEOPLE.cgOfficer, app, 'recommend'), 'approve', { amountFen }));
  }
  await act(PEOPLE.fedOfficer, approved[0], 'pay', { paymentReference: 'JQZX-0001', paidOn: today() });
  await act(PEOPLE.fedOfficer, approved[2], 'pay', { paymentReference: 'JQZX-0002', paidOn: today() });

  let site = await submit(PEOPLE.member, SUMMER_RELIEF, summerReliefAnswers('城关镇环卫所'));
  site = await act(PEOPLE.fedOfficer, await act(PEOPLE.cgOfficer, site, 'recommend'), 'approve', { amountFen: 150_000 });
  await act(PEOPLE.fedOfficer, site, 'deliver', { headcount: 30, photos: [await upload(lc, PEOPLE.fedOfficer)], deliveredOn: today() });

  const helped = await openCase(3);
  const accepted = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: helped.caseId, version: helped.version, transition: 'accept' })).case;
  data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: accepted.caseId, version: accepted.version, transition: 'close', outcome: 'mediated', recoveredFen: 3_500_000 }));
  await openCase(12);
}, 60_000);

async function open(openid: string): Promise<{ page: Page; sizes: number[] }> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/dashboard/index');
  const sizes = recordSetData(page);
  await waitFor(() => page.data.loaded && !page.data.loading, 10_000);
  return { page, sizes };
}

/** Picks `value` in a native picker (its change event, delivered on a later microtask as the runtime does). */
async function pick(page: Page, selector: string, value: string): Promise<void> {
  find(page, selector).dispatchEvent('change', { detail: { value } });
  await settle();
}

/** Waits for the answer to a choice the officer made. */
async function answered(page: Page): Promise<void> {
  await waitFor(() => !page.data.loading, 10_000);
  expect(page.data.error).toBe('');
}

test('the federation officer sees this year’s figures of the county, each service, with the children charted', async () => {
  const { page, sizes } = await open(PEOPLE.fedOfficer);
  expect(page.data.error).toBe('');
  expect(textOf(page, '.trail')).toBe('示范县总工会');
  expect(textOf(page, '.period-text')).toBe(`统计时段：${year()}-01-01 至 ${year()}-12-31（北京时间）`);
  expect(page.data.cards.map((c: { title: string }) => c.title)).toEqual(['金秋助学', '夏送清凉', '法律援助']);

  const studentAid = page.data.cards[0];
  expect(studentAid.counts.map((c: { label: string; value: number }) => `${c.label}${c.value}`)).toEqual(['收到申请6', '已批准3', '未批准1', '已撤回1', '待处理1', '人次2']);
  expect(studentAid.money).toEqual([
    { label: '批准金额', value: '10000元（1万元）' },
    { label: '发放金额', value: '8000元（0.8万元）' },
  ]);
  expect(textOf(page, '.figures--studentAid .sentence__text')).toBe('金秋助学：资助困难职工子女 2 人次，发放助学金 0.8 万元');
  expect(textOf(page, '.figures--summerRelief .sentence__text')).toBe('夏送清凉：慰问职工 30 人次，发放清凉物资 0.15 万元');
  expect(textOf(page, '.figures--legalAid .sentence__text')).toBe('法律援助：办理案件 1 件次，帮助职工 3 人次，追讨欠薪 3.5 万元');
  expect(page.data.cards[2].counts.map((c: { label: string; value: number }) => `${c.label}${c.value}`)).toEqual(['收到案件2', '已受理1', '不予受理0', '已撤回0', '未办结1', '人次3']);
  expect(page.data.cards[2].money).toEqual([{ label: '追回金额', value: '35000元（3.5万元）' }, { label: '其中追讨欠薪', value: '35000元（3.5万元）' }]);

  // the chart's data: the county's children, one series per service, 人次 then 万元
  const chart = find(page, '#chart').data.chart;
  const chengguan = chart.categories.indexOf('城关镇总工会');
  const shuiping = chart.categories.indexOf('水坪镇总工会');
  expect(chart.categories).toEqual(expect.arrayContaining(['城关镇总工会', '水坪镇总工会', '县工业园区工会联合会', '县交通运输行业工会']));
  expect(chart.unit).toBe('人次');
  expect(chart.series.map((s: { name: string; data: number[] }) => [s.name, s.data[chengguan], s.data[shuiping]])).toEqual([
    ['金秋助学', 2, 0],
    ['夏送清凉', 30, 0],
    ['法律援助', 3, 0],
  ]);
  expect(textOf(page, '.child--org-chengguan')).toContain('35 人次');
  await tap(page, '.metric--money');
  const money = find(page, '#chart').data.chart;
  expect(money.unit).toBe('万元');
  expect(money.series.map((s: { data: number[] }) => s.data[chengguan])).toEqual([0.8, 0.15, 3.5]);

  // everything the page sent to its view stayed small
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.max(...sizes)).toBeLessThan(3_000);
});

test('drill down to 城关镇 and a grassroots union, then back up by the breadcrumb', async () => {
  const { page } = await open(PEOPLE.fedOfficer);
  await tapItem(page, '.child', '城关镇总工会');
  await answered(page);
  expect(textOf(page, '.trail')).toBe('示范县总工会 › 城关镇总工会');
  expect(page.data.cards[0].counts.map((c: { value: number }) => c.value)).toEqual([5, 3, 1, 1, 0, 2]); // D is 水坪镇's
  const chart = find(page, '#chart').data.chart;
  expect(chart.categories).toEqual(expect.arrayContaining(['城关镇环卫所工会', '示范县第一建筑公司工会']));
  const at = (name: string) => chart.series[0].data[chart.categories.indexOf(name)];
  expect([at('城关镇环卫所工会'), at('示范县第一建筑公司工会')]).toEqual([1, 1]); // the children paid

  await tapItem(page, '.child', '示范县第一建筑公司工会');
  await answered(page);
  expect(textOf(page, '.trail')).toBe('示范县总工会 › 城关镇总工会 › 示范县第一建筑公司工会');
  expect(textOf(page, '.figures--studentAid .sentence__text')).toBe('金秋助学：资助困难职工子女 1 人次，发放助学金 0.5 万元');
  expect(page.data.chart).toBeNull(); // a grassroots union has no children to chart

  await tap(page, '.up');
  await answered(page);
  expect(textOf(page, '.trail')).toBe('示范县总工会 › 城关镇总工会');
  await tapItem(page, '.trail__org', '示范县总工会');
  await answered(page);
  expect(textOf(page, '.trail')).toBe('示范县总工会');
  expect(page.data.cards[0].counts[0].value).toBe(6);
});

test('a service tab lists its campaigns; a campaign’s figures; copy one sentence and all of them', async () => {
  const { page } = await open(PEOPLE.fedOfficer);
  await tap(page, '.service--studentAid');
  await answered(page);
  expect(page.data.campaigns).toEqual([{ campaignId: STUDENT_AID, title: studentAidTitle }]);
  expect(textOf(page, '.campaigns')).toContain('全部活动');
  await tap(page, `.campaign--${STUDENT_AID}`);
  await answered(page);
  expect(page.data.cards).toHaveLength(1);
  expect(page.data.cards[0].counts.map((c: { value: number }) => c.value)).toEqual([6, 3, 1, 1, 1, 2]);
  expect(textOf(page, '.exports')).toContain('导出申请明细');

  await tap(page, '.figures .copy'); // the campaign's own sentence, named by its title
  expect(wxLog.clipboard.at(-1)).toBe(`${studentAidTitle}：资助困难职工子女 2 人次，发放助学金 0.8 万元`);

  await tap(page, '.service--all');
  await answered(page);
  await tap(page, '.copy-all');
  expect(wxLog.clipboard.at(-1)).toBe(
    ['金秋助学：资助困难职工子女 2 人次，发放助学金 0.8 万元', '夏送清凉：慰问职工 30 人次，发放清凉物资 0.15 万元', '法律援助：办理案件 1 件次，帮助职工 3 人次，追讨欠薪 3.5 万元'].join('\n'),
  );
});

test('a custom period: to today, one that ends before it starts, last year with nothing in it; a month', async () => {
  const { page } = await open(PEOPLE.fedOfficer);
  await tap(page, '.period--custom'); // from 1 January to today
  await answered(page);
  expect(textOf(page, '.period-text')).toBe(`统计时段：${year()}-01-01 至 ${today()}（北京时间）`);
  expect(page.data.cards[0].counts[0].value).toBe(6);

  await pick(page, '.to', `${year() - 1}-12-31`);
  await waitFor(() => !page.data.loading, 10_000);
  expect(textOf(page, '.error')).toContain('结束日期不能早于开始日期');
  expect(page.data.cards).toEqual([]);

  await pick(page, '.from', `${year() - 1}-01-01`);
  await answered(page);
  expect(textOf(page, '.period-text')).toBe(`统计时段：${year() - 1}-01-01 至 ${year() - 1}-12-31（北京时间）`);
  // no service ran: legal aid's row alone, all zero
  expect(page.data.cards.map((c: { title: string; counts: { value: number }[] }) => [c.title, c.counts.every((n) => n.value === 0)])).toEqual([['法律援助', true]]);

  await tap(page, '.period--month');
  await answered(page);
  expect(page.data.cards[0].counts[0].value).toBe(6);
});

test('a grassroots officer sees only their own subtree', async () => {
  const { page } = await open(PEOPLE.cgOfficer);
  expect(page.data.error).toBe('');
  expect(textOf(page, '.trail')).toBe('城关镇总工会');
  expect(page.querySelectorAll('.up')).toHaveLength(0);
  expect(page.data.cards[0].counts[0].value).toBe(5);
  expect(page.data.children.map((c: { orgName: string }) => c.orgName).sort()).toEqual(['城关镇快递物流行业联合工会', '城关镇环卫所工会', '示范县第一建筑公司工会'].sort());
  expect(textOf(page)).not.toContain('水坪');

  const sp = await open(PEOPLE.spOfficer);
  expect(textOf(sp.page, '.trail')).toBe('水坪镇总工会');
  expect(sp.page.data.cards[0].counts.map((c: { value: number }) => c.value)).toEqual([1, 0, 0, 0, 1, 0]);
});

test('someone without an officer role is told the page is not for them', async () => {
  const { page } = await open(PEOPLE.member);
  expect(textOf(page, '.error')).toBe('数据统计只对基层工会和总工会的干部开放');
  expect(page.data.cards).toEqual([]);
});

test('导出申请明细 downloads the campaign’s .xlsx and opens it', async () => {
  const { page } = await open(PEOPLE.fedOfficer);
  await tap(page, '.service--studentAid');
  await answered(page);
  await tap(page, `.campaign--${STUDENT_AID}`);
  await answered(page);
  const opened = wxLog.documents.length;
  await tap(page, '.export-applications');
  await waitFor(() => !page.data.exporting, 20_000);
  expect(page.data.exportError).toBe('');
  expect(textOf(page, '.export-note')).toBe(`已打开：${studentAidTitle}-申请名单-${today()}.xlsx（6 行）。可点右上角转发或保存。`);
  expect(wxLog.documents.slice(opened)).toEqual([{ filePath: expect.any(String), fileType: 'xlsx', showMenu: true }]);
  const file = wxLog.documents.at(-1)!.filePath;
  expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK'); // an .xlsx is a zip
});

test('导出法律援助案件 exports the cases the county opened this year', async () => {
  const { page } = await open(PEOPLE.fedOfficer);
  await tap(page, '.service--legalAid');
  await answered(page);
  expect(page.querySelectorAll('.export-applications')).toHaveLength(0);
  const opened = wxLog.documents.length;
  await tap(page, '.export-cases');
  await waitFor(() => !page.data.exporting, 20_000);
  expect(page.data.exportError).toBe('');
  expect(textOf(page, '.export-note')).toBe(`已打开：示范县总工会-法律援助案件-${year()}-01-01至${year()}-12-31.xlsx（2 行）。可点右上角转发或保存。`);
  expect(wxLog.documents.slice(opened)).toEqual([{ filePath: expect.any(String), fileType: 'xlsx', showMenu: true }]);
  expect(fs.readFileSync(wxLog.documents.at(-1)!.filePath).subarray(0, 2).toString('latin1')).toBe('PK');
});
