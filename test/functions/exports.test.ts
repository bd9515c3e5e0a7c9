// Excel exports through localcloud: after a small 金秋助学 season (submitted, approved, paid, rejected, in
// two towns) each officer exports what they may see, the file is downloaded through its temporary URL and
// read back with exceljs — header, rows, labels, amounts, masking by role; legal-aid cases for a period;
// refusals (out of scope, bad period) upload nothing and audit nothing; every export is audited.
import type { ApplicationDetail, CaseDetail } from '../../typings/api';
import { shanghaiDate } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { approvedMember, childId, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, upload } from './applicationsFixtures';
import { byHeader, download, exportedFiles } from './exportsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const SECOND = 'o-export-2';
const SP_MEMBER = 'o-export-sp';
const today = () => shanghaiDate(new Date());

const apps: Record<'paid' | 'approved' | 'submitted' | 'rejected', ApplicationDetail> = {} as never;

async function submit(openid: string, child: number, more: Record<string, unknown> = {}): Promise<ApplicationDetail> {
  const answers = studentAidAnswers(childId(child), [await upload(lc, openid)], more);
  return data(await callAs(lc, openid, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers })).application;
}

async function act(openid: string, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}): Promise<ApplicationDetail> {
  return data(await callAs(lc, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more })).application;
}

const exportAs = (openid: string, input: Record<string, unknown>) => callAs(lc, openid, 'exports', 'create', input);

async function auditOf(action: string): Promise<{ actorOpenid: string; targetId: string; requestId: string; details: Record<string, unknown> }[]> {
  const res = (await sdkDb(lc).collection('audit').where({ action }).orderBy('at', 'asc').get()) as unknown as { data: never[] };
  return res.data;
}

beforeAll(async () => {
  await approvedMember(lc, SECOND, 1);
  await approvedMember(lc, SP_MEMBER, 2, true, 'org-sp-clinic');
  apps.paid = await submit(PEOPLE.member, 1);
  apps.approved = await submit(SECOND, 2, { childName: '李小红', level: 'postgraduate', bankCard: '6228480402564890018' });
  apps.submitted = await submit(SECOND, 3, { childName: '李小兰', level: 'college' });
  apps.rejected = await submit(SP_MEMBER, 4, { childName: '吴小军' });
  for (const k of ['paid', 'approved'] as const) apps[k] = await act(PEOPLE.cgOfficer, apps[k], 'recommend');
  apps.paid = await act(PEOPLE.fedOfficer, apps.paid, 'approve', { amountFen: 300_000 });
  apps.approved = await act(PEOPLE.fedOfficer, apps.approved, 'approve', { amountFen: 500_000 });
  apps.paid = await act(PEOPLE.fedOfficer, apps.paid, 'pay', { paymentReference: 'JQZX-2026-0001', paidOn: today() });
  apps.rejected = await act(PEOPLE.spOfficer, apps.rejected, 'reject', { comment: '不符合条件' });
});

test('the federation officer exports every application; ID and bank card numbers in clear only for the approved one they pay', async () => {
  const out = data(await exportAs(PEOPLE.fedOfficer, { kind: 'applications', campaignId: STUDENT_AID }));
  expect(out).toMatchObject({ rows: 4, fileName: expect.stringMatching(/-申请名单-\d{4}-\d{2}-\d{2}\.xlsx$/), fileId: expect.stringContaining(`/exports/${PEOPLE.fedOfficer}/`) });
  const sheet = await download(out.url);
  expect(sheet.name).toBe('申请名单');
  expect(sheet.header).toEqual([
    '申请编号', '申请人', '所属工会', '服务类型', '申请事项', '状态', '提交时间', '最近办理时间',
    '子女姓名', '子女身份证号', '与会员关系', '录取学校', '专业', '学历层次', '入学年份', '家庭人口', '家庭月人均收入（元）', '家庭困难情况', '收款银行卡号', '持卡人姓名',
    '核定金额（元）', '付款凭证号', '付款日期', '已退款（元）', '计入人次',
  ]);
  const rows = sheet.rows.map((r) => byHeader(sheet, r));
  // oldest first: the order they were submitted
  expect(rows.map((r) => r['申请编号'])).toEqual([apps.paid, apps.approved, apps.submitted, apps.rejected].map((a) => a.applicationId));
  expect(rows.map((r) => r['状态'])).toEqual(['已发放', '已批准', '待基层工会审核', '未通过']);
  expect(rows[0]).toMatchObject({
    申请人: '王建国', 所属工会: '城关镇环卫所工会', 服务类型: '金秋助学', 申请事项: '王小明（本科，武汉大学）', 子女姓名: '王小明', 与会员关系: '子女', 学历层次: '本科', 入学年份: 2026,
    家庭人口: 4, '家庭月人均收入（元）': 850, '核定金额（元）': 3000, 付款凭证号: 'JQZX-2026-0001', 付款日期: today(), 计入人次: 1,
    // paid: no longer needed in clear
    收款银行卡号: '6222 **** **** 0128', 子女身份证号: expect.stringMatching(/^4203\*{10}\d{3}[\dX]$/),
  });
  expect(rows[0]['提交时间']).toMatch(new RegExp(`^${today()} \\d{2}:\\d{2}$`));
  expect(rows[1]).toMatchObject({ 申请人: '测试会员丁', 学历层次: '研究生', '核定金额（元）': 5000, 收款银行卡号: '6228480402564890018', 子女身份证号: expect.stringMatching(/^42032220070901002[\dX]$/) });
  expect(rows[2]).toMatchObject({ 收款银行卡号: '6222 **** **** 0128', 子女身份证号: expect.stringMatching(/^4203\*{10}/), '核定金额（元）': null, 计入人次: null });
  expect(rows[3]).toMatchObject({ 所属工会: '水坪镇卫生院工会', 申请人: '测试会员丂' });
  // amounts are numbers shown with two decimals
  expect(sheet.numFmts[sheet.header.indexOf('核定金额（元）')]).toBe('0.00');
  expect(sheet.numFmts[sheet.header.indexOf('家庭月人均收入（元）')]).toBe('0.00');

  const [entry] = await auditOf('export.applications');
  expect(entry).toMatchObject({ actorOpenid: PEOPLE.fedOfficer, targetId: STUDENT_AID, details: { fileId: out.fileId, rows: 4, personalData: 'clear', clearValues: 2, scope: 'campaign' } });
});

test('grassroots officers export their own subtree only, everything masked', async () => {
  const cg = data(await exportAs(PEOPLE.cgOfficer, { kind: 'applications', campaignId: STUDENT_AID }));
  expect(cg.rows).toBe(3);
  const cgSheet = await download(cg.url);
  const cgRows = cgSheet.rows.map((r) => byHeader(cgSheet, r));
  expect(cgRows.map((r) => r['申请编号'])).toEqual([apps.paid, apps.approved, apps.submitted].map((a) => a.applicationId));
  for (const r of cgRows) {
    expect(r['收款银行卡号']).toMatch(/^\d{4} \*{4} \*{4} \d{4}$/);
    expect(r['子女身份证号']).toMatch(/^4203\*{10}/);
  }

  const sp = data(await exportAs(PEOPLE.spOfficer, { kind: 'applications', campaignId: STUDENT_AID }));
  const spSheet = await download(sp.url);
  expect(spSheet.rows.map((r) => byHeader(spSheet, r)['申请编号'])).toEqual([apps.rejected.applicationId]);

  const entries = await auditOf('export.applications');
  expect(entries.slice(-2).map((e) => [e.actorOpenid, e.details.rows, e.details.personalData, e.details.scope])).toEqual([
    [PEOPLE.cgOfficer, 3, 'masked', 'org-chengguan'],
    [PEOPLE.spOfficer, 1, 'masked', 'org-shuiping'],
  ]);
});

test('legal-aid cases opened in a period, for the officers over the org', async () => {
  const open = async (more: Record<string, unknown>) =>
    data(
      await callAs(lc, PEOPLE.member, 'cases', 'open', caseForm({ amountInDisputeFen: 1_234_550, description: '工资拖欠三个月，多次讨要未果。', contactTime: '', ...more })),
    ).case;
  const actCase = async (c: CaseDetail, transition: string, more: Record<string, unknown> = {}) =>
    data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
  const closed = await actCase(await actCase(await open({}), 'accept'), 'close', { outcome: 'mediated', recoveredFen: 1_000_000 });
  const fresh = await open({ disputeType: 'injury', employerName: '城关环卫公司', workersAffected: 1 });

  const period = { from: shanghaiDate(new Date(Date.now() - 86_400_000)), to: shanghaiDate(new Date(Date.now() + 86_400_000)) };
  const out = data(await exportAs(PEOPLE.cgOfficer, { kind: 'cases', orgId: 'org-chengguan', period }));
  expect(out).toMatchObject({ rows: 2, fileName: `城关镇总工会-法律援助案件-${period.from}至${period.to}.xlsx` });
  const sheet = await download(out.url);
  expect(sheet.header).toEqual([
    '案件编号', '当事人', '代为申请', '联系电话', '承办工会', '纠纷类型', '用人单位', '涉及金额（元）', '涉及人数', '仲裁诉讼情况', '状态',
    '承办律师', '申请时间', '办结时间', '办理结果', '追回金额（元）', '超期', '督办',
  ]);
  const rows = sheet.rows.map((r) => byHeader(sheet, r));
  expect(rows.map((r) => r['案件编号'])).toEqual([closed.caseId, fresh.caseId]);
  expect(rows[0]).toMatchObject({
    当事人: '王建国', 代为申请: '否', 联系电话: '138****0001', 承办工会: '城关镇环卫所工会', 纠纷类型: '欠薪', 用人单位: '城关建筑公司',
    '涉及金额（元）': 12345.5, 涉及人数: 3, 仲裁诉讼情况: '未经仲裁或诉讼', 状态: '已结案', 办理结果: '调解成功', '追回金额（元）': 10000, 超期: '否', 督办: '否',
  });
  expect(rows[0]['办结时间']).toMatch(new RegExp(`^${today()} \\d{2}:\\d{2}$`));
  expect(rows[1]).toMatchObject({ 纠纷类型: '工伤', 状态: '待受理', 办结时间: null, 办理结果: null, '追回金额（元）': null });
  expect(sheet.numFmts[sheet.header.indexOf('涉及金额（元）')]).toBe('0.00');

  // a quarter long past has none; the month of the cases has both
  const [year, month] = today().split('-').map(Number);
  expect(data(await exportAs(PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { year: 2025, quarter: 1 } })).rows).toBe(0);
  const monthly = data(await exportAs(PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { year, month } }));
  expect(monthly.rows).toBeGreaterThanOrEqual(1); // both, unless today is the 1st and one was opened before midnight Shanghai time
  const entries = await auditOf('export.cases');
  expect(entries.map((e) => [e.actorOpenid, e.targetId, e.details.rows, e.details.personalData])).toEqual([
    [PEOPLE.cgOfficer, 'org-chengguan', 2, 'masked'],
    [PEOPLE.fedOfficer, 'org-county', 0, 'masked'],
    [PEOPLE.fedOfficer, 'org-county', monthly.rows, 'masked'],
  ]);
});

test.each([
  ['a member exports a campaign', PEOPLE.member, { kind: 'applications', campaignId: STUDENT_AID }, 'FORBIDDEN'],
  ['a lawyer exports a campaign', PEOPLE.lawyer, { kind: 'applications', campaignId: STUDENT_AID }, 'FORBIDDEN'],
  ['an officer exports another town’s cases', PEOPLE.spOfficer, { kind: 'cases', orgId: 'org-chengguan', period: { year: 2026 } }, 'FORBIDDEN'],
  ['a member exports cases', PEOPLE.member, { kind: 'cases', orgId: 'org-cg-sanitation', period: { year: 2026 } }, 'FORBIDDEN'],
  ['an unknown campaign', PEOPLE.fedOfficer, { kind: 'applications', campaignId: 'campaign-nope' }, 'NOT_FOUND'],
  ['a period that ends before it starts', PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { from: '2026-11-10', to: '2026-11-01' } }, 'VALIDATION_FAILED'],
  ['a day that does not exist', PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { from: '2026-02-30', to: '2026-03-01' } }, 'VALIDATION_FAILED'],
  ['a 13th month', PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { year: 2026, month: 13 } }, 'VALIDATION_FAILED'],
  ['a period over a year', PEOPLE.fedOfficer, { kind: 'cases', orgId: 'org-county', period: { from: '2025-01-01', to: '2026-06-30' } }, 'VALIDATION_FAILED'],
  ['an unknown kind', PEOPLE.fedOfficer, { kind: 'members', orgId: 'org-county' }, 'VALIDATION_FAILED'],
])('%s: refused, nothing uploaded, nothing audited', async (_name, who, input, code) => {
  const files = exportedFiles(lc);
  const audit = [...(await auditOf('export.applications')), ...(await auditOf('export.cases'))].length;
  const res = await exportAs(who, input);
  expect(res).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  if (code === 'VALIDATION_FAILED' && 'period' in input) expect(res.ok ? null : res.error.message).toMatch(/日期|期间|格式|填写/);
  expect(exportedFiles(lc)).toEqual(files);
  expect([...(await auditOf('export.applications')), ...(await auditOf('export.cases'))]).toHaveLength(audit);
});

test('every stored export is one the audit names', async () => {
  const audited = [...(await auditOf('export.applications')), ...(await auditOf('export.cases'))].map((e) => String(e.details.fileId).replace(/^cloud:\/\/[^/]+\//, ''));
  expect(exportedFiles(lc)).toEqual(audited.sort());
});
