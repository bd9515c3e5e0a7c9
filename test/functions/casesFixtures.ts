// A member's legal-aid request (法律援助) as the mini-program's form sends it: a wage dispute unless `more`
// says otherwise, with a fresh requestKey each time.
import { requestKey } from './applicationsFixtures';

export const caseForm = (more: Record<string, unknown> = {}) => ({
  requestKey: requestKey(),
  disputeType: 'wages',
  employerName: '城关建筑公司',
  amountInDisputeFen: 3_600_000,
  workersAffected: 3,
  description: '2026年8月至10月的工资一直没有发放，多次讨要未果。',
  evidence: [] as string[],
  contactTime: '工作日晚上',
  priorProceedings: 'none',
  ...more,
});
