// The counters of waiting work as pure rules (domain/workload.ts): what a record counts, what a step changes,
// and the sums read back.
import { applyWorkload, sumWorkload, workloadChanges, workloadId, type WorkloadRecord } from '../../cloudfunctions/_shared/domain/workload';

const PATH = ['org-county', 'org-chengguan', 'org-cg-sanitation'];
const app = (status: 'submitted' | 'recommended' | 'approved' | 'paid'): WorkloadRecord => ({
  kind: 'application',
  record: { _id: 'app-1', campaignId: 'c1', status, applicantOrgPath: PATH, campaignOrgPath: ['org-county'] },
});

test('a new application counts once at its status under every org of its path', () => {
  const changes = workloadChanges([{ before: null, after: app('submitted') }]);
  expect(changes.map((c) => [c.key._id, c.add])).toEqual(PATH.map((orgId) => [workloadId('c1', orgId), { submitted: 1 }]));
  expect(changes[1].key).toEqual({ _id: workloadId('c1', 'org-chengguan'), subject: 'c1', orgId: 'org-chengguan', orgPath: ['org-county', 'org-chengguan'], ownerPath: ['org-county'] });
});

test('a step moves the count from the old status to the new in one document per org; a step that keeps the status changes nothing', () => {
  const moved = workloadChanges([{ before: app('submitted'), after: app('recommended') }]);
  expect(moved.map((c) => c.add)).toEqual([0, 1, 2].map(() => ({ submitted: -1, recommended: 1 })));
  expect(workloadChanges([{ before: app('approved'), after: app('approved') }])).toEqual([]);
});

test('a 转办 moves a case from one org path to the other, the county keeping it', () => {
  const c = (orgPath: string[]): WorkloadRecord => ({ kind: 'case', record: { _id: 'case-1', status: 'submitted', orgPath } });
  const changes = workloadChanges([{ before: c(PATH), after: c(['org-county', 'org-shuiping']) }]);
  expect(Object.fromEntries(changes.map((x) => [x.key.orgId, x.add.submitted]))).toEqual({ 'org-chengguan': -1, 'org-cg-sanitation': -1, 'org-shuiping': 1 });
});

test('a membership counts only while pending', () => {
  const m = (status: 'pending' | 'approved'): WorkloadRecord => ({ kind: 'member', record: { _id: 'member-1', status, orgPath: PATH } });
  expect(workloadChanges([{ before: null, after: m('pending') }]).map((c) => [c.key.subject, c.add])).toEqual(PATH.map(() => ['membership', { pending: 1 }]));
  expect(workloadChanges([{ before: m('pending'), after: m('approved') }]).every((c) => c.add.pending === -1)).toBe(true);
  expect(workloadChanges([{ before: null, after: m('approved') }])).toEqual([]);
});

test('a document keeps its counts by status and how many of them wait for an officer', () => {
  const [county] = workloadChanges([{ before: null, after: app('submitted') }]);
  const created = applyWorkload(null, county);
  expect(created).toEqual({ ...county.key, counts: { submitted: 1 }, waiting: 1 });
  const [moved] = workloadChanges([{ before: app('approved'), after: app('paid') }]);
  expect(applyWorkload({ ...created, counts: { submitted: 1, approved: 2 }, waiting: 3 }, moved)).toMatchObject({ counts: { submitted: 1, approved: 1, paid: 1 }, waiting: 2 });
});

test('sums add the documents of each (subject, status, org) — a counter and the unfolded changes to it — and never read below 0', () => {
  const doc = (orgId: string, counts: Record<string, number>) => ({ subject: 'c1', orgId, ownerPath: ['org-county'], counts });
  expect(sumWorkload([doc('org-county', { submitted: 2, recommended: -1 }), doc('org-county', { submitted: 3 }), doc('org-chengguan', { submitted: 1 })])).toEqual([
    { subject: 'c1', status: 'submitted', orgId: 'org-county', ownerPath: ['org-county'], n: 5 },
    { subject: 'c1', status: 'recommended', orgId: 'org-county', ownerPath: ['org-county'], n: 0 },
    { subject: 'c1', status: 'submitted', orgId: 'org-chengguan', ownerPath: ['org-county'], n: 1 },
  ]);
});
