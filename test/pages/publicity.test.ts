/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 公示 and 异议 through the pages and the real applications function on localcloud (demo world): the
// federation officer turns 公示后方可发放 on in the campaign editor, opens 公示与异议 from it and publishes the
// approved list; 登记发放 is refused during 公示; a member finds 公示 under 通知, sees the list masked and
// objects to two lines with a reason; the applicant's timeline shows 公示; the officer dismisses one objection
// and upholds the other (不予通过); the member sees both answers.
import type { ApplicationDetail } from '../../typings/api';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { callAs, CLEAR_ID_NUMBER, data, PEOPLE } from '../functions/api';
import { approvedMember, childId, draftOfKind, openCampaign, requestKey, studentAidAnswers, upload } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

const APPLICANT2 = 'o-ppub-applicant2';
const OBJECTOR = 'o-ppub-objector';
let campaignId = '';
const apps: ApplicationDetail[] = [];

async function approvedApp(openid: string, child: number): Promise<ApplicationDetail> {
  const file = await upload(lc, openid);
  const a = data(await callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [file]) })).application;
  const r = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'recommend' })).application;
  return data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: r.applicationId, version: r.version, transition: 'approve', amountFen: 300_000 })).application;
}

beforeAll(async () => {
  await approvedMember(lc, APPLICANT2, 81);
  await approvedMember(lc, OBJECTOR, 82);
  campaignId = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind({ ...builtinKind('studentAid'), kindId: 'studentAid' }, 'org-chengguan', { title: '城关镇金秋助学' }));
  apps.push(await approvedApp(PEOPLE.member, 801), await approvedApp(APPLICANT2, 802));
});

test('the officer turns 公示后方可发放 on in the editor and opens 公示与异议 from it', async () => {
  actAs(lc.url, PEOPLE.fedOfficer);
  const editor = renderPage(simulate, 'admin/campaign/index', { campaignId });
  await waitFor(() => editor.data.form !== null);
  expect(editor.querySelector('.publicity-page')).toBeFalsy();
  expect(editor.querySelector('#publicityDays')).toBeFalsy();
  await tap(editor, '.publicity');
  expect(editor.data.form.publicityDays).toBe('5');
  await typeInto(editor, '#publicityDays', '0');
  await tap(editor, '.save');
  await waitFor(() => !editor.data.saving && editor.data.error !== '');
  expect(textOf(editor, '#publicityDays')).toContain('公示天数应为1到30个工作日');
  await typeInto(editor, '#publicityDays', '5');
  await tap(editor, '.save');
  await waitFor(() => !editor.data.saving && editor.data.notice !== '');
  expect(editor.data.publicized).toBe(true);
  wxLog.navigations.length = 0;
  await tap(editor, '.publicity-page');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/admin/publicity/index?campaignId=${campaignId}` }]);

  // 活动管理 offers it too, and says so
  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  expect(textOf(list, `.campaign--${campaignId} .campaign__note`)).toContain('发放前公示5个工作日');
  expect(list.querySelector('.campaign--campaign-student-aid .publicity')).toBeFalsy();
  wxLog.navigations.length = 0;
  await tap(list, `.campaign--${campaignId} .publicity`);
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/admin/publicity/index?campaignId=${campaignId}` }]);
});

test('the officer publishes the list; 登记发放 is refused during 公示', async () => {
  actAs(lc.url, PEOPLE.fedOfficer);
  const page = renderPage(simulate, 'admin/publicity/index', { campaignId });
  await waitFor(() => page.data.loaded);
  expect(textOf(page, '.setting')).toBe('批准后公示5个工作日，期满且异议处理完毕后方可发放');
  expect(textOf(page, '.unlisted')).toBe('待公示的已批准申请：2 件');
  await tap(page, '.publish');
  await waitFor(() => !page.data.publishing && page.data.notice !== '' && page.data.items.length === 1);
  expect(textOf(page, '.notice')).toMatch(/^已发布公示：2人，公示至\d{1,2}月\d{1,2}日$/);
  expect(page.querySelector('.publish')).toBeFalsy();
  expect(textOf(page, '.publication')).toContain('王*国 · 城关镇环卫所工会本科（3000元）');
  expect(textOf(page, '.publication')).not.toMatch(CLEAR_ID_NUMBER);

  const paying = renderPage(simulate, 'admin/application/index', { applicationId: apps[0].applicationId });
  await waitFor(() => paying.data.loaded);
  expect(textOf(paying, '.hold')).toMatch(/^公示期未满，\d{1,2}月\d{1,2}日后方可发放$/);
  await typeInto(paying, '#paymentReference', 'ZF-2026-0101');
  await tap(paying, '.act--pay');
  await waitFor(() => paying.data.acting === '' && paying.data.error !== '');
  expect(textOf(paying, '.error')).toMatch(/^公示期未满，\d{1,2}月\d{1,2}日后方可发放$/);
  expect(data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: apps[0].applicationId })).application.status).toBe('approved');
});

test('a member finds 公示 under 通知, sees the list masked and objects with a reason', async () => {
  actAs(lc.url, OBJECTOR);
  const board = renderPage(simulate, 'pages/notices/index');
  await waitFor(() => board.data.loaded);
  wxLog.navigations.length = 0;
  await tap(board, '.publicity');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: '/pages/publicity/index' }]);

  const page = renderPage(simulate, 'pages/publicity/index');
  await waitFor(() => page.data.loaded);
  expect(textOf(page, '.publicity__title')).toBe('城关镇金秋助学拟发放名单');
  expect(textOf(page, '.publicity__period')).toMatch(/^公示期至\d{1,2}月\d{1,2}日$/);
  expect(textOf(page, '.publicity')).not.toMatch(CLEAR_ID_NUMBER);
  await tap(page, `.object--${apps[0].applicationId}`);
  expect(textOf(page, '.objecting__who')).toBe('对象：王*国 · 城关镇环卫所工会');
  await tap(page, '.send');
  expect(textOf(page, '.reason-error')).toBe('请写明异议的理由（5到200个字）');
  await typeInto(page, '#reason', '该职工家庭收入较高，不属于困难职工。');
  await tap(page, '.send');
  await waitFor(() => !page.data.sending && page.data.notice !== '' && page.data.mine.length === 1);
  expect(textOf(page, '.notice')).toBe('异议已提交，总工会核实后会告诉您处理结果。');
  expect(textOf(page, '.line__objected')).toBe('您已提出异议');
  await tap(page, `.object--${apps[1].applicationId}`);
  await typeInto(page, '#reason', '该职工的孩子已经工作，并未上学。');
  await tap(page, '.send');
  await waitFor(() => !page.data.sending && page.data.mine.length === 2);
  expect(page.data.mine.map((m: { status: string }) => m.status)).toEqual(['处理中', '处理中']);
});

test('the applicant’s timeline shows 公示', async () => {
  actAs(lc.url, PEOPLE.member);
  const page = renderPage(simulate, 'pages/application/index', { applicationId: apps[0].applicationId });
  await waitFor(() => page.data.app !== null && page.data.app !== undefined);
  expect(textOf(page, '.timeline')).toContain('公示');
  expect(page.data.app.timeline[0]).toMatchObject({ action: '公示', by: '总工会' });
});

test('the officer dismisses one objection and upholds the other; the member sees both answers', async () => {
  actAs(lc.url, PEOPLE.fedOfficer);
  const page = renderPage(simulate, 'admin/publicity/index', { campaignId });
  await waitFor(() => page.data.loaded);
  expect(page.data.objections.map((o: { status: string }) => o.status)).toEqual(['待处理', '待处理']);
  expect(textOf(page, '.objection')).toContain('提出人：测试会员');
  const about = (text: string) => page.data.objections.find((o: { about: string }) => o.about.includes(text)).id;
  await tap(page, `.answer--${about('王*国')}`);
  await tap(page, '.dismiss');
  expect(textOf(page, '.comment-error')).toBe('请填写处理意见，提出异议的会员和申请人会看到');
  await typeInto(page, '#comment', '经核实，该职工符合困难职工条件。');
  await tap(page, '.dismiss');
  await waitFor(() => !page.data.resolving && page.data.notice !== '');
  expect(textOf(page, '.notice')).toBe('已处理：异议不成立，申请继续办理');
  await waitFor(() => page.data.objections.filter((o: { open: boolean }) => o.open).length === 1);
  await tap(page, `.answer--${about('测')}`);
  await typeInto(page, '#comment', '经核实，申请人子女已就业，不符合条件。');
  await tap(page, '.uphold-reject');
  await waitFor(() => !page.data.resolving && page.data.notice === '已处理：异议成立，申请不予通过');
  expect(data(await callAs(lc, APPLICANT2, 'applications', 'detail', { applicationId: apps[1].applicationId })).application.status).toBe('rejected');

  actAs(lc.url, OBJECTOR);
  const mine = renderPage(simulate, 'pages/publicity/index');
  await waitFor(() => mine.data.loaded);
  expect(mine.data.mine.map((m: { status: string }) => m.status).sort()).toEqual(['异议不成立', '异议成立']);
  expect(textOf(mine, '.mine')).toContain('处理意见：');
});
