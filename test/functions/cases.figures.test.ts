// The report figures for a period and org come out of the case records (hand-computed expectations).
import type { CaseDetail } from '../../typings/api';
import { shanghaiDate } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { requestKey } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const open = async (more: Record<string, unknown>) =>
  data(
    await callAs(lc, PEOPLE.member, 'cases', 'open', {
      requestKey: requestKey(), disputeType: 'wages', employerName: '城关建筑公司', amountInDisputeFen: 1_000_000, workersAffected: 1,
      description: '工资拖欠三个月，多次讨要未果。', evidence: [], contactTime: '', priorProceedings: 'none', ...more,
    }),
  ).case;
const act = async (who: string, c: CaseDetail, transition: string, more: Record<string, unknown> = {}) =>
  data(await callAs(lc, who, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;

test('cases opened, closed and declined, people helped and money recovered, for a period and org', async () => {
  const a = await act(PEOPLE.cgOfficer, await open({ workersAffected: 3 }), 'accept');
  await act(PEOPLE.cgOfficer, a, 'close', { outcome: 'mediated', recoveredFen: 3_500_000 });
  const b = await act(PEOPLE.cgOfficer, await open({ disputeType: 'injury', workersAffected: 12 }), 'accept');
  await act(PEOPLE.cgOfficer, b, 'close', { outcome: 'litigation', recoveredFen: 120_050 });
  await act(PEOPLE.cgOfficer, await open({ disputeType: 'other' }), 'decline', { comment: '不属于劳动争议' });
  await open({ disputeType: 'contract', workersAffected: 40 }); // still open: opened, not helped yet

  // a window around today, so a run across midnight in Shanghai counts the same cases
  const from = shanghaiDate(new Date(Date.now() - 86_400_000));
  const to = shanghaiDate(new Date(Date.now() + 86_400_000));
  const expected = {
    opened: 4,
    openedByType: { wages: 1, contract: 1, injury: 1, insurance: 0, dismissal: 0, other: 1 },
    closed: 2,
    closedByOutcome: { mediated: 1, arbitration: 0, litigation: 1, withdrawn: 0, other: 0 },
    declined: 1,
    peopleHelped: 15, // 3 + a group case of 12
    recoveredFen: 3_620_050,
    overdueNow: 0,
  };
  expect(data(await callAs(lc, PEOPLE.fedOfficer, 'cases', 'figures', { orgId: 'org-county', from, to }))).toEqual({ orgId: 'org-county', orgName: expect.any(String), from, to, ...expected });
  expect(data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'figures', { orgId: 'org-cg-sanitation', from, to }))).toMatchObject(expected);
  // another org's subtree, or a period before the cases: nothing
  expect(data(await callAs(lc, PEOPLE.fedOfficer, 'cases', 'figures', { orgId: 'org-shuiping', from, to }))).toMatchObject({ opened: 0, closed: 0, peopleHelped: 0, recoveredFen: 0 });
  expect(data(await callAs(lc, PEOPLE.fedOfficer, 'cases', 'figures', { orgId: 'org-county', from: '2025-01-01', to: '2025-12-31' }))).toMatchObject({ opened: 0, closed: 0 });
  // officers outside the org, and everyone else, are refused
  for (const who of [PEOPLE.spOfficer, PEOPLE.member, PEOPLE.lawyer, PEOPLE.staff]) {
    expect(await callAs(lc, who, 'cases', 'figures', { orgId: 'org-chengguan', from, to })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

test('a period must be real days, end on or after its start, and last at most 366 days', async () => {
  const figures = (from: string, to: string) => callAs(lc, PEOPLE.fedOfficer, 'cases', 'figures', { orgId: 'org-county', from, to });
  expect(await figures('2026-03-10', '2026-03-09')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { to: '结束日期不能早于开始日期' } } });
  expect(await figures('2026-02-30', '2026-03-09')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { from: '日期不对' } } });
  expect(await figures('2025-01-01', '2026-01-02')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { to: '统计期间最长366天' } } });
  expect(await figures('2026-03-09', '2026-03-09')).toMatchObject({ ok: true });
});
