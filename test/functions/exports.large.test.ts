// A 50,000-row export: one real 金秋助学 application is submitted through the function, its stored document
// is cloned 50,000 times (other ids, keys, applicants, orgs, statuses and times; the sealed numbers stay
// sealed under this data dir's keys) and bulk-loaded through localcloud's import route. The federation
// officer's export then either completes — every row read back from the downloaded file — or is refused
// with TOO_LARGE and nothing stored or audited: never a partial file.
import { EJSON } from 'bson';
import type { ApplicationStatus } from '../../typings/api/applications';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { childId, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, upload } from './applicationsFixtures';
import { byHeader, download, exportedFiles } from './exportsFixtures';

const lc = useLocalcloud({ demo: true });

const ROWS = 50_000;
const ORGS: [string, string[]][] = [
  ['org-cg-sanitation', ['org-county', 'org-chengguan', 'org-cg-sanitation']],
  ['org-cg-construction', ['org-county', 'org-chengguan', 'org-cg-construction']],
  ['org-sp-clinic', ['org-county', 'org-shuiping', 'org-sp-clinic']],
];
const STATUSES: ApplicationStatus[] = ['submitted', 'recommended', 'approved', 'paid', 'rejected', 'withdrawn'];

jest.setTimeout(240_000);

let realId = '';

beforeAll(async () => {
  const answers = studentAidAnswers(childId(1), [await upload(lc, PEOPLE.member)]);
  realId = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers })).application.applicationId;
  const res = (await sdkDb(lc).collection('applications').doc(realId).get()) as unknown as { data: Record<string, unknown> & { createdAt: Date } };
  const real = res.data;
  const t0 = new Date(real.createdAt).getTime() - ROWS * 1000;
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const [orgId, orgPath] = ORGS[i % ORGS.length];
    const status = STATUSES[i % STATUSES.length];
    const at = new Date(t0 + i * 1000);
    const granted = status === 'approved' || status === 'paid';
    lines.push(
      EJSON.stringify(
        {
          ...real,
          _id: `bulk-${String(i).padStart(6, '0')}`,
          requestKey: `bulk-key-${i}`,
          duplicateKey: `${STUDENT_AID}:bulk:${i}`,
          applicantOpenid: `o-bulk-${i % 5000}`,
          applicantMemberId: `m-bulk-${i % 5000}`,
          applicantName: `批量会员${i % 5000}`,
          applicantOrgId: orgId,
          applicantOrgPath: orgPath,
          status,
          amountFen: granted ? 300_000 : null,
          payment: status === 'paid' ? { reference: `JQZX-${i}`, paidOn: '2026-11-01' } : null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
        { relaxed: false },
      ),
    );
  }
  // Building the lines kept the event loop busy past the server's keep-alive timeout: let fetch see the idle
  // connection closed, or it would send on it (EPIPE).
  await new Promise((r) => setTimeout(r, 100));
  const t = Date.now();
  const imported = await fetch(`${lc.url}/__localcloud/database/applications/import`, { method: 'POST', body: lines.join('\n') });
  expect(await imported.json()).toEqual({ inserted: ROWS });
  console.log(`bulk-loaded ${ROWS} applications in ${Date.now() - t} ms`);
});

test(`the federation officer's export of ${ROWS + 1} applications completes whole, or is refused with nothing stored`, async () => {
  const before = exportedFiles(lc);
  const t = Date.now();
  const res = await callAs(lc, PEOPLE.fedOfficer, 'exports', 'create', { kind: 'applications', campaignId: STUDENT_AID });
  const took = Date.now() - t;
  console.log(`export of ${ROWS + 1} rows: ${res.ok ? `completed, ${res.data.rows} rows` : res.error.code} in ${took} ms`);
  const audit = (await sdkDb(lc).collection('audit').where({ action: 'export.applications' }).get()) as unknown as { data: { details: Record<string, unknown> }[] };
  if (!res.ok) {
    expect(res.error).toEqual({ code: 'TOO_LARGE', message: '数据量过大，请缩短期间或按单位分别导出' });
    expect(exportedFiles(lc)).toEqual(before);
    expect(audit.data).toEqual([]);
    return;
  }
  const approvedCount = Array.from({ length: ROWS }, (_, i) => STATUSES[i % STATUSES.length]).filter((s) => s === 'approved').length;
  expect(res.data.rows).toBe(ROWS + 1);
  expect(exportedFiles(lc)).toHaveLength(before.length + 1);
  expect(audit.data).toEqual([expect.objectContaining({ details: expect.objectContaining({ rows: ROWS + 1, personalData: 'clear', clearValues: 2 * approvedCount }) })]);
  const sheet = await download(res.data.url);
  expect(sheet.rows).toHaveLength(ROWS + 1);
  const rows = sheet.rows.map((r) => byHeader(sheet, r));
  // oldest first, every id once, the real one last
  expect(rows[0]['申请编号']).toBe('bulk-000000');
  expect(rows[ROWS]['申请编号']).toBe(realId);
  expect(new Set(rows.map((r) => r['申请编号'])).size).toBe(ROWS + 1);
  expect(rows[2]).toMatchObject({ 状态: '已批准', 所属工会: '水坪镇卫生院工会', 收款银行卡号: '6222021234567890128', '核定金额（元）': 3000 });
  expect(rows[3]).toMatchObject({ 状态: '已发放', 收款银行卡号: '6222 **** **** 0128', 付款凭证号: 'JQZX-3' });
});
