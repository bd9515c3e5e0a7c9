/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 困难职工档案 through the pages and the real hardship function on localcloud (demo world): a member asks for a
// record on 我的 → 困难职工档案; the 城关镇 officer finds it under 审核 → 困难职工档案 (待办理), files it with the
// household on the record's page; 刘芳 confirms it there; the member then sees 在档 with the grade, and may
// apply to 金秋助学. A household member's ID number is typed in clear and only ever shown masked.
import { callAs, data, idCard, PEOPLE } from '../functions/api';
import { approvedMember, childId, requestKey, STUDENT_AID, studentAidAnswers, upload } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, renderPage, setupMiniprogram, tap, tapItem, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

const MEMBER = 'o-hp-member';
const SPOUSE = idCard('42032219790404066');

type Page = ReturnType<typeof renderPage>;

async function recordPage(openid: string, recordId: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/hardship-record/index', { recordId });
  await waitFor(() => page.data.loaded);
  return page;
}

test('asked on the member’s page, filed by the grassroots officer, confirmed by the federation: the member qualifies', async () => {
  const memberId = await approvedMember(lc, MEMBER, 870, false);
  actAs(lc.url, MEMBER);
  const mine = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => mine.data.loaded);
  await tap(mine, '.hardship');
  expect(wxLog.navigations.map((n) => n.url)).toContain('/pages/hardship/index');

  const asking = renderPage(simulate, 'pages/hardship/index');
  await waitFor(() => asking.data.loaded);
  expect(textOf(asking, '.intro')).toContain('困难职工档案由工会核实建立');
  await tap(asking, '.submit');
  expect(textOf(asking, '.note-error')).toBe('请简要说明家庭困难情况（至少4个字）');
  await typeInto(asking, '#note', '爱人长期患病，孩子上高中，家里入不敷出。');
  await tap(asking, '.submit');
  await waitFor(() => asking.data.done || asking.data.message !== '');
  expect(textOf(asking, '.status')).toBe('待建档');
  expect(asking.querySelector('.submit')).toBeFalsy();

  // the grassroots officer: 审核 → 困难职工档案 lists it under 待办理
  actAs(lc.url, PEOPLE.cgOfficer);
  const list = renderPage(simulate, 'admin/hardship/index');
  await waitFor(() => list.data.loaded && !list.data.loading);
  wxLog.navigations.length = 0;
  await tapItem(list, '.record', '测试会员');
  const recordId = `hardship-${memberId}`;
  expect(wxLog.navigations.map((n) => n.url)).toEqual([`/admin/hardship-record/index?recordId=${encodeURIComponent(recordId)}`]);

  const filing = await recordPage(PEOPLE.cgOfficer, recordId);
  expect(textOf(filing, '.request')).toContain('爱人长期患病');
  await tap(filing, '.file');
  expect(textOf(filing, '.error--grade')).toBe('请选择困难类别');
  expect(textOf(filing, '.error--household')).toBe('请填写家庭成员');
  await tap(filing, '.grade--extreme');
  await tap(filing, '.cause--illness');
  await tap(filing, '.cause--schooling');
  await typeInto(filing, '#income', '560');
  await typeInto(filing, '.household--0 .h-name', '孙秀梅');
  await typeInto(filing, '.household--0 .h-relation', '配偶');
  await typeInto(filing, '.household--0 .h-idCard', SPOUSE);
  await tap(filing, '.file');
  await waitFor(() => filing.data.notice !== '' || filing.data.error !== '');
  expect(filing.data.error).toBe('');
  expect(textOf(filing, '.notice')).toBe('已建档，等待总工会确认');
  expect(textOf(filing, '.row--status')).toContain('待总工会确认');
  expect(textOf(filing, '.member')).toContain(`${SPOUSE.slice(0, 4)}**********${SPOUSE.slice(-4)}`);
  expect(textOf(filing)).not.toContain(SPOUSE);
  // the grassroots officer does not confirm their own filing
  expect(filing.querySelector('.confirm')).toBeFalsy();

  // the federation officer confirms it
  const confirming = await recordPage(PEOPLE.fedOfficer, recordId);
  expect(textOf(confirming, '.row--grade')).toContain('特困');
  await tap(confirming, '.confirm');
  await waitFor(() => confirming.data.notice !== '' || confirming.data.error !== '');
  expect(textOf(confirming, '.notice')).toBe('已确认建档');
  expect(textOf(confirming, '.row--status')).toContain('在档');
  expect(find(confirming, '.exit')).toBeTruthy();

  // the member sees 在档 with the grade and the review day, and may now apply to 金秋助学
  actAs(lc.url, MEMBER);
  const status = renderPage(simulate, 'pages/hardship/index');
  await waitFor(() => status.data.loaded);
  expect(textOf(status, '.status')).toBe('在档');
  expect(textOf(status, '.grade')).toContain('特困');
  expect(textOf(status, '.review-day')).toMatch(/下次复核：\d{4}-\d{2}-\d{2}/);
  const notice = await upload(lc, MEMBER);
  data(await callAs(lc, MEMBER, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(870), [notice]) }));
});

test('an officer files a record nobody asked for, by the member’s ID card; a wrong household ID card is shown at its field', async () => {
  await approvedMember(lc, 'o-hp-other', 871, false);
  actAs(lc.url, PEOPLE.cgOfficer);
  const page = renderPage(simulate, 'admin/hardship-record/index');
  await waitFor(() => page.data.loaded);
  await typeInto(page, '#idCard', idCard('42032219800101871'));
  await tap(page, '.grade--severe');
  await tap(page, '.cause--unemployment');
  await typeInto(page, '#income', '700');
  await typeInto(page, '.household--0 .h-name', '钱小红');
  await typeInto(page, '.household--0 .h-relation', '子女');
  const child = idCard('42032220100101000');
  // the check digit changed: no valid ID card
  await typeInto(page, '.household--0 .h-idCard', child.slice(0, 17) + (child[17] === '1' ? '2' : '1'));
  await tap(page, '.file');
  await waitFor(() => page.data.error !== '' || page.data.notice !== '');
  expect(textOf(page, '.household--0 .h-error')).toBe('校验位不对，请核对身份证号');
  await typeInto(page, '.household--0 .h-idCard', child);
  await tap(page, '.file');
  await waitFor(() => page.data.notice !== '');
  expect(textOf(page, '.row--status')).toContain('待总工会确认');
});

test('数据统计 shows the org’s hardship records on its 全部 tab: 在档户数, 新建档 and 脱困 of the period', async () => {
  actAs(lc.url, PEOPLE.fedOfficer);
  const dashboard = renderPage(simulate, 'admin/dashboard/index');
  await waitFor(() => dashboard.data.loaded && !dashboard.data.loading && dashboard.data.hardship !== null, 10000);
  // 王建国 (the demo's) and the member confirmed above; the record filed by ID card waits for confirmation
  expect(dashboard.data.hardship).toEqual({
    counts: [
      { label: '在档户数', value: '2' },
      { label: '新建档', value: '2' },
      { label: '脱困', value: '0' },
      { label: '帮扶人次', value: '0' },
    ],
    money: [{ label: '帮扶金额', value: '0万元' }],
  });
  expect(textOf(dashboard, '.hardship-figures')).toContain('困难职工档案');
  expect(textOf(dashboard, '.hardship-figures .money')).toBe('帮扶金额：0万元');
  wxLog.documents.length = 0;
  await tap(dashboard, '.export-hardship');
  await waitFor(() => !dashboard.data.exporting, 10000);
  expect(dashboard.data.exportError).toBe('');
  expect(wxLog.documents).toHaveLength(1);
});
