/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 申请审核 and the application page, the officer's side of 金秋助学/夏送清凉, through the real campaigns and
// applications functions on localcloud (demo world). Members' applications are made by calling the functions
// directly; everything the officers do goes through the pages: the grassroots officer's queue with its
// counts and dense rows, the decision bar (推荐上报, 退回补充材料 and 不予通过 with their reasons, 不予通过
// confirmed), 下一条, 批量推荐, a stale decision, paging by cursor; the federation officer's budget bar, 批量批准
// with tiers, the budget running out, 登记发放 and 登记送达 with photos.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationDetail } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { childId, PNG, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, SUMMER_RELIEF, summerReliefAnswers } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, answerModals, chooseMediaReturns, find, recordSetData, renderPage, setupMiniprogram, tap, tapItem, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;
type Row = { applicationId: string; headline: string; tierKey: string; outcome: string };

const SITES = 25;
const site = (n: number) => `城关环卫作业点${String(n).padStart(2, '0')}`;

let notice = '';
let nextChild = 1;

const pngFile = (name: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'officer-')), name);
  fs.writeFileSync(file, Buffer.concat([PNG, Buffer.alloc(4096, 1)]));
  return file;
};

/** The member's upload of an admission notice, through the harness's wx.uploadFile (a real multipart POST to
 *  the gateway; jsdom's Blob is not one Node's FormData takes). */
function uploadAsMember(file: string): Promise<string> {
  const wx = (globalThis as unknown as { wx: { uploadFile(o: Record<string, unknown>): void } }).wx;
  return new Promise((resolve, reject) =>
    wx.uploadFile({
      url: `${lc.url}/storage/upload`,
      filePath: file,
      name: 'file',
      header: { 'x-wx-openid': PEOPLE.member },
      formData: { cloudPath: `uploads/${PEOPLE.member}/notice.png` },
      success: (res: { statusCode: number; data: string }) => (res.statusCode === 200 ? resolve(JSON.parse(res.data).fileID) : reject(new Error(res.data))),
      fail: reject,
    }),
  );
}

async function applyForChild(name: string, level: string): Promise<ApplicationDetail> {
  const answers = studentAidAnswers(childId(nextChild++), [notice], { childName: name, level });
  return data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers })).application;
}

async function recommend(app: ApplicationDetail): Promise<ApplicationDetail> {
  return data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition: 'recommend' }))
    .application;
}

async function openQueue(openid: string, campaignId: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/applications/index');
  await waitFor(() => page.data.campaigns.length > 0 && page.data.loaded);
  if (page.data.campaignId !== campaignId) {
    await tap(page, `.campaign--${campaignId}`);
    await waitFor(() => page.data.campaignId === campaignId && !page.data.loading);
  }
  return page;
}

async function openApplication(openid: string, applicationId: string, from: { campaignId?: string; status?: string } = {}): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/application/index', { applicationId, ...from });
  await waitFor(() => page.data.loaded);
  expect(page.data.error).toBe('');
  return page;
}

async function act(page: Page, action: string): Promise<void> {
  await tap(page, `.act--${action}`);
  await waitFor(() => page.data.acting === '' && (page.data.notice !== '' || page.data.error !== '' || page.data.conflict || Object.keys(page.data.errors).length > 0));
}

const rows = (page: Page): Row[] => page.data.items;

beforeAll(async () => {
  notice = await uploadAsMember(pngFile('录取通知书.png'));
  for (let n = 1; n <= SITES; n += 1) {
    data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(site(n)) }));
  }
});

test('the grassroots officer works the queue: counts, dense rows, the decision bar, 下一条, and a stale decision asks for a refresh', async () => {
  const [first, second, third, fourth] = [await applyForChild('王小一', 'undergraduate'), await applyForChild('王小二', 'college'), await applyForChild('王小三', 'postgraduate'), await applyForChild('王小七', 'college')];

  const queue = await openQueue(PEOPLE.cgOfficer, STUDENT_AID);
  expect(queue.data.status).toBe('submitted');
  expect(queue.data.manages).toBe(false); // no budget bar, no batch approval for a grassroots officer
  expect(queue.querySelectorAll('.budget-bar')).toHaveLength(0);
  expect(rows(queue).map((r) => r.headline)).toEqual(['王小一（本科，武汉大学）', '王小二（专科，武汉大学）', '王小三（研究生，武汉大学）', '王小七（专科，武汉大学）']);
  // each tab says how many are in it; each row who, the hardship mark, the tier, where, when and how long
  await waitFor(() => textOf(queue, '.tab--submitted') === '待基层审核 4');
  const row = textOf(queue, `.item--${first.applicationId}`);
  expect(row).toContain('王建国');
  expect(textOf(queue, `.item--${first.applicationId} .hardship`)).toBe('重困');
  expect(textOf(queue, `.item--${first.applicationId} .money`)).toBe('本科 3000元');
  expect(row).toContain('城关镇环卫所工会 · 王小一（本科，武汉大学）');
  expect(row).toMatch(/\d\d-\d\d 提交 · 今天到达/);
  await tap(queue, `.item--${first.applicationId} .row__top`);
  expect(wxLog.navigations.at(-1)).toEqual({ api: 'navigateTo', url: `/admin/application/index?applicationId=${first.applicationId}&campaignId=${STUDENT_AID}&status=submitted` });

  const detail = await openApplication(PEOPLE.cgOfficer, first.applicationId, { campaignId: STUDENT_AID, status: 'submitted' });
  expect(textOf(detail, '.status')).toBe('待基层工会审核');
  expect(textOf(detail, '.answer--school')).toBe('录取学校武汉大学');
  expect(textOf(detail, '.answer--bankCard')).not.toContain('6222021234567890128'); // masked for the grassroots officer
  expect(detail.querySelectorAll('.answer--admissionNotice .material')).toHaveLength(1);
  expect(textOf(detail, '.timeline')).toContain('本人 提交申请');
  // the bar: the forward decision primary, 退回 and 不予通过 apart, each asking its reason in the bar
  expect(textOf(detail, '.decision-bar')).toBe('推荐上报退回补充不予通过');
  await tap(detail, '.act--return');
  expect(textOf(detail, '.decision-bar')).toContain('需要补充什么');
  await tap(detail, '.confirm-reason');
  expect(textOf(detail, '.reason-error')).toBe('请填写退回补充材料的原因，申请人会看到');
  await tap(detail, '.cancel-reason');
  await act(detail, 'recommend');
  expect(textOf(detail, '.notice')).toBe('已推荐上报');
  expect(textOf(detail, '.status')).toBe('待总工会审批');
  // approval is the federation's: the bar offers the next one waiting in the queue
  await waitFor(() => detail.data.nextLooked);
  expect(detail.data.next).toBe(second.applicationId);
  wxLog.navigations.length = 0;
  await tap(detail, '.next');
  expect(wxLog.navigations).toEqual([{ api: 'redirectTo', url: `/admin/application/index?applicationId=${second.applicationId}&campaignId=${STUDENT_AID}&status=submitted` }]);

  const returning = await openApplication(PEOPLE.cgOfficer, second.applicationId, { campaignId: STUDENT_AID, status: 'submitted' });
  await tap(returning, '.act--return');
  await typeInto(returning, '#reason', '录取通知书照片不清晰，请重新拍照');
  await tap(returning, '.confirm-reason');
  await waitFor(() => returning.data.acting === '' && returning.data.notice !== '');
  expect(textOf(returning, '.notice')).toBe('已退回补充材料');
  expect(textOf(returning, '.status')).toBe('待补充材料');
  expect(textOf(returning, '.timeline')).toContain('说明：录取通知书照片不清晰，请重新拍照');
  const mine = data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: second.applicationId })).application;
  expect(mine.timeline.at(-1)).toMatchObject({ action: 'return', comment: '录取通知书照片不清晰，请重新拍照', byLabel: '基层工会' });

  // 不予通过 is asked once more; cancelling it changes nothing
  const rejecting = await openApplication(PEOPLE.cgOfficer, fourth.applicationId, { campaignId: STUDENT_AID, status: 'submitted' });
  await tap(rejecting, '.act--reject');
  await typeInto(rejecting, '#reason', '不符合困难职工子女条件');
  answerModals(false);
  await tap(rejecting, '.confirm-reason');
  expect(wxLog.modals.at(-1)).toMatchObject({ title: '确定不予通过？' });
  expect(rejecting.data.notice).toBe('');
  expect(data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: fourth.applicationId })).application.status).toBe('submitted');
  answerModals(true);
  await tap(rejecting, '.confirm-reason');
  await waitFor(() => rejecting.data.acting === '' && rejecting.data.notice !== '');
  expect(textOf(rejecting, '.status')).toBe('未通过');

  // Two officers have the third open; the first to decide wins, the second is told to refresh.
  const early = await openApplication(PEOPLE.cgOfficer, third.applicationId);
  const late = await openApplication(PEOPLE.cgOfficer, third.applicationId);
  await act(early, 'recommend');
  // opened from no queue: no 下一条, back to the list
  await waitFor(() => early.data.nextLooked);
  expect(textOf(early, '.decision-bar')).toBe('返回列表');
  await tap(late, '.act--reject');
  await typeInto(late, '#reason', '材料不全');
  await tap(late, '.confirm-reason');
  await waitFor(() => late.data.acting === '' && late.data.conflict !== '');
  expect(textOf(late, '.conflict')).toContain('该申请已被他人处理，请刷新后查看');
  await tap(late, '.refresh');
  await waitFor(() => !late.data.conflict && late.data.app.status === '待总工会审批');
  expect(late.querySelectorAll('.act')).toHaveLength(0);
  expect(data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: third.applicationId })).application.status).toBe('recommended');

  // Back on the queue: nothing of these four waits for the grassroots officer any more.
  queue.triggerPageLifeTime?.('show');
  await waitFor(() => !queue.data.loading && queue.data.items.length === 0);
  await waitFor(() => textOf(queue, '.tab--returned') === '已退回 1');
  await tap(queue, '.tab--returned');
  await waitFor(() => !queue.data.loading && queue.data.items.length === 1);
  expect(rows(queue)[0].applicationId).toBe(second.applicationId);
});

test('the queue pages oldest first by cursor, 20 at a time, with small setData payloads', async () => {
  const queue = await openQueue(PEOPLE.cgOfficer, STUDENT_AID);
  const sizes = recordSetData(queue);
  await tap(queue, `.campaign--${SUMMER_RELIEF}`);
  await waitFor(() => queue.data.campaignId === SUMMER_RELIEF && !queue.data.loading && queue.data.items.length > 0);
  expect(rows(queue).map((r) => r.headline)).toEqual(Array.from({ length: 20 }, (_, i) => site(i + 1)));
  expect(queue.data.cursor).not.toBeNull();
  // The 20 rows go over in one payload of their own, a few KB, never the campaigns' forms.
  expect(Math.max(...sizes)).toBeLessThan(8_000);

  const before = sizes.length;
  await tap(queue, '.more');
  await waitFor(() => !queue.data.loading && queue.data.items.length === SITES);
  expect(rows(queue).map((r) => r.headline)).toEqual(Array.from({ length: SITES }, (_, i) => site(i + 1)));
  expect(queue.data.cursor).toBeNull();
  expect(queue.querySelectorAll('.more')).toHaveLength(0);
  // The next page appends its own rows by path; the first 20 are not sent again.
  expect(Math.max(...sizes.slice(before))).toBeLessThan(2_500);

  // An org filter outside the applicants' union empties the list; clearing it brings them back.
  const picker = find(queue, '#org');
  await tap(picker, '.open-browse');
  await waitFor(() => picker.data.items.length > 0);
  await tapItem(picker, '.org-item', '示范县总工会');
  await tapItem(picker, '.org-item', '水坪镇总工会');
  await tap(picker, '.choose-level');
  await waitFor(() => queue.data.orgId === 'org-shuiping' && !queue.data.loading);
  expect(queue.data.items).toHaveLength(0);
  await tap(queue, '.clear-org');
  await waitFor(() => queue.data.orgId === '' && !queue.data.loading && queue.data.items.length === 20);
});

test('the federation officer batch-approves with tiers, the budget bar follows, the budget runs out, payment and delivery are recorded', async () => {
  const a = await recommend(await applyForChild('王小四', 'college'));
  const b = await recommend(await applyForChild('王小五', 'undergraduate'));
  const c = await recommend(await applyForChild('王小六', 'postgraduate'));

  const queue = await openQueue(PEOPLE.fedOfficer, STUDENT_AID);
  expect(queue.data.status).toBe('recommended');
  const bar = () => textOf(queue, '.budget-bar');
  expect(bar()).toContain('预算 500000元');
  expect(bar()).toContain('剩余 500000元');
  // The first two recommended in the grassroots test, then these three, each with the tier its level names.
  const byId = new Map(rows(queue).map((r) => [r.applicationId, r]));
  expect(rows(queue)).toHaveLength(5);
  expect([a, b, c].map((x) => byId.get(x.applicationId)!.tierKey)).toEqual(['college', 'undergraduate', 'postgraduate']);

  const index = (id: string) => rows(queue).findIndex((r) => r.applicationId === id);
  await tap(queue, `.item--${a.applicationId} .pick`);
  await tap(queue, `.item--${b.applicationId} .pick`);
  await tap(queue, `.item--${b.applicationId} .tier--postgraduate`); // the officer overrides the suggestion
  expect(textOf(queue, '.batch-approve')).toBe('批量批准（已选 2 件）');
  await tap(queue, '.batch-approve');
  await waitFor(() => !queue.data.approving && queue.data.notice !== '');
  expect(textOf(queue, '.notice')).toBe('已批准 2 件');
  expect(rows(queue)[index(a.applicationId)].outcome).toBe('已批准 2000元');
  expect(rows(queue)[index(b.applicationId)].outcome).toBe('已批准 5000元');
  expect(bar()).toContain('已批准待发放 7000元');
  expect(bar()).toContain('剩余 493000元');

  // Someone else approved a lot meanwhile: 1000 元 remain, less than any tier.
  await sdkDb(lc).collection('campaigns').doc(STUDENT_AID).update({ data: { budgetFen: 800_000 } });
  const detail = await openApplication(PEOPLE.fedOfficer, c.applicationId);
  expect(detail.data.tierKey).toBe('postgraduate');
  expect(textOf(detail, '.tiers')).toContain('研究生 5000元');
  await act(detail, 'approve');
  expect(textOf(detail, '.error')).toBe('本活动剩余预算不足（剩余1000元）');
  expect(detail.data.app.status).toBe('待总工会审批');
  await tap(queue, `.item--${c.applicationId} .pick`);
  await tap(queue, '.batch-approve');
  await waitFor(() => !queue.data.approving && queue.data.notice.startsWith('已批准 0 件'));
  expect(rows(queue)[index(c.applicationId)].outcome).toBe('本活动剩余预算不足（剩余1000元）');
  expect(bar()).toContain('预算 8000元');
  expect(bar()).toContain('剩余 1000元');

  // 登记发放 on an approved one.
  const paying = await openApplication(PEOPLE.fedOfficer, a.applicationId);
  expect(paying.data.app.actions.map((x: { action: string }) => x.action)).toEqual(['pay', 'cancel']);
  expect(textOf(paying, '.answer--bankCard')).toBe('收款银行卡号6222021234567890128'); // in full, to pay it
  await act(paying, 'pay');
  expect(textOf(paying, '#paymentReference')).toContain('请填写付款凭证号');
  await typeInto(paying, '#paymentReference', 'ZF-2026-0001');
  await act(paying, 'pay');
  expect(textOf(paying, '.notice')).toBe('已登记发放');
  expect(textOf(paying, '.payment')).toBe(`已发放：凭证号 ZF-2026-0001 · ${paying.data.today}`);
  queue.triggerPageLifeTime?.('show'); // back on the queue
  await tap(queue, '.tab--paid');
  await waitFor(() => !queue.data.loading && queue.data.items.length === 1 && queue.data.ledger.paidFen > 0);
  expect(bar()).toContain('已发放 2000元');
  expect(bar()).toContain('已批准待发放 5000元');

  // Stale: an approved application paid from another phone meanwhile.
  const stale = await openApplication(PEOPLE.fedOfficer, b.applicationId);
  const fresh = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: b.applicationId })).application;
  data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: b.applicationId, version: fresh.version, transition: 'pay', paymentReference: 'ZF-2026-0002', paidOn: '2026-11-20' }));
  await typeInto(stale, '#paymentReference', 'ZF-2026-0003');
  await act(stale, 'pay');
  expect(textOf(stale, '.conflict')).toContain('请刷新');
  await tap(stale, '.refresh');
  await waitFor(() => stale.data.app.status === '已发放');
  expect(textOf(stale, '.payment')).toBe('已发放：凭证号 ZF-2026-0002 · 2026-11-20');
});

test('夏送清凉: approved with an amount, delivered with headcount and photos', async () => {
  const queue = await openQueue(PEOPLE.cgOfficer, SUMMER_RELIEF);
  const first = rows(queue)[0];
  const detail = await openApplication(PEOPLE.cgOfficer, first.applicationId);
  await act(detail, 'recommend');

  const fed = await openApplication(PEOPLE.fedOfficer, first.applicationId);
  expect(fed.querySelectorAll('.tiers')).toHaveLength(0);
  await act(fed, 'approve');
  expect(textOf(fed, '.amount-error')).toBe('请填写核定金额（元）');
  await typeInto(fed, '#amount', '1500.5');
  await act(fed, 'approve');
  expect(textOf(fed, '.notice')).toBe('已批准');
  expect(textOf(fed, '.amount')).toBe('核定金额 1500.5元');

  const photo = pngFile('送达.png');
  await act(fed, 'deliver');
  expect(fed.data.errors).toEqual({ headcount: '请填写实际慰问人数', photos: '请上传送达照片' });
  chooseMediaReturns([photo]);
  await tap(fed, '.add-photos');
  await waitFor(() => fed.data.photos.length === 1 && fed.data.photos[0].fileId !== '');
  expect(fed.data.photos[0].fileId).toMatch(new RegExp(`/uploads/${PEOPLE.fedOfficer}/delivery/`));
  await typeInto(fed, '#headcount', '30');
  await act(fed, 'deliver');
  expect(textOf(fed, '.notice')).toBe('已登记送达');
  expect(textOf(fed, '.delivery')).toBe(`${fed.data.today} 送达，慰问 30 人`);
  expect(fed.data.app.deliveryPhotos).toHaveLength(1);
});

test('审核 opens 申请审核 for both officers and 活动管理 for the federation officer', async () => {
  const entriesOf = async (openid: string) => {
    actAs(lc.url, openid);
    const page = renderPage(simulate, 'pages/workbench/index');
    await waitFor(() => page.data.loaded);
    return page.data.entries.map((e: { title: string; url: string }) => `${e.title} ${e.url}`);
  };
  expect(await entriesOf(PEOPLE.cgOfficer)).toEqual(['入会审核 /admin/membership/index', '申请审核 /admin/applications/index', '法律援助 /admin/cases/index', '困难职工档案 /admin/hardship/index', '超时未办 /admin/waiting/index', '数据统计 /admin/dashboard/index']);
  expect(await entriesOf(PEOPLE.fedOfficer)).toEqual([
    '入会审核 /admin/membership/index',
    '申请审核 /admin/applications/index',
    '法律援助 /admin/cases/index',
    '困难职工档案 /admin/hardship/index',
    '超时未办 /admin/waiting/index',
    '数据统计 /admin/dashboard/index',
    '活动管理 /admin/campaigns/index',
  ]);
});

test('someone without an officer role sees no queue', async () => {
  actAs(lc.url, PEOPLE.lawyer);
  const page = renderPage(simulate, 'admin/applications/index');
  await waitFor(() => page.data.loaded);
  expect(textOf(page, '.error')).not.toBe('');
  expect(page.querySelectorAll('.item')).toHaveLength(0);
});

test('batch recommend at the grassroots stage: pick, recommend, each its outcome, counts follow', async () => {
  const apps = [await applyForChild('王小八', 'college'), await applyForChild('王小九', 'college'), await applyForChild('王小十', 'college')];
  const queue = await openQueue(PEOPLE.cgOfficer, STUDENT_AID);
  await tap(queue, '.tab--submitted');
  await waitFor(() => !queue.data.loading && queue.data.items.length === 3 && queue.data.batch === 'recommend');
  await tap(queue, '.batch-recommend');
  expect(textOf(queue, '.error')).toBe('请先勾选要推荐的申请');
  for (const a of apps.slice(0, 2)) await tap(queue, `.item--${a.applicationId} .pick`);
  expect(textOf(queue, '.batch-recommend')).toBe('批量推荐（已选 2 件）');
  await tap(queue, '.batch-recommend');
  await waitFor(() => !queue.data.recommending && queue.data.notice !== '');
  expect(textOf(queue, '.notice')).toBe('已推荐 2 件');
  expect(textOf(queue, `.item--${apps[0].applicationId} .outcome`)).toBe('已推荐上报');
  await waitFor(() => textOf(queue, '.tab--submitted') === '待基层审核 1');
  for (const a of apps.slice(0, 2)) expect(data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: a.applicationId })).application.status).toBe('recommended');
  await recommend(apps[2]);
});
