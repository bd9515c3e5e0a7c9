// The pure rules of deltas and folding (domain/deltas.ts): a step's delta, a batch's sums per counter, what
// a fold increments, and a counter as it stood before a batch half applied to it.
import { asBeforeBatch, deltaOf, STATS_FOLDING, sumDeltas, unfolded, WORKLOAD_FOLDING } from '../../cloudfunctions/_shared/domain/deltas';
import { applyChange, counterChanges, counterFlows, type CountedApplication } from '../../cloudfunctions/_shared/domain/figures';
import { workloadChanges, workloadFlows, type WorkloadRecord } from '../../cloudfunctions/_shared/domain/workload';

const PATH = ['org-county', 'org-chengguan', 'org-cg-sanitation'];
const AT = new Date('2026-06-30T02:00:00Z');

const application = (id: string, orgPath = PATH): CountedApplication =>
  ({
    _id: id, status: 'submitted', campaignId: 'c1', campaignKind: 'studentAid', campaignTitle: '2026年金秋助学',
    terms: { kindLabel: '金秋助学', sentence: '{title}', people: 1, countsFen: true }, applicantOrgPath: orgPath,
    amountFen: null, delivery: null, refunds: [], history: [], createdAt: AT,
  }) as unknown as CountedApplication;
const submitted = (id: string, orgPath = PATH) => [{ before: null, after: { collection: 'applications' as const, record: application(id, orgPath) } }];
const submitStats = (id: string, orgPath = PATH) => counterFlows(submitted(id, orgPath));
const waiting = (id: string, status: 'submitted' | 'recommended'): WorkloadRecord => ({ kind: 'application', record: { _id: id, campaignId: 'c1', status, applicantOrgPath: PATH, campaignOrgPath: ['org-county'] } });

test('a delta is packed: one flow per campaign, path and day, one per subject and path; it names every org whose counters it changes', () => {
  const d = deltaOf(submitStats('a1', ['org-county', 'org-shuiping']), workloadFlows([{ before: null, after: waiting('a2', 'submitted') }]), AT)!;
  expect(new Set(d.orgIds)).toEqual(new Set(['org-county', 'org-shuiping', 'org-chengguan', 'org-cg-sanitation']));
  expect(d.stats).toEqual([{ key: { service: 'studentAid', campaignId: 'c1', title: '2026年金秋助学', kindLabel: '金秋助学', sentence: '{title}' }, orgPath: ['org-county', 'org-shuiping'], day: '2026-06-30', add: { received: 1, pending: 1 } }]);
  expect(d.workload).toEqual([{ subject: 'c1', ownerPath: ['org-county'], orgPath: PATH, add: { submitted: 1 } }]);
  expect(d.at).toBe(AT);
  expect(deltaOf([], [], AT)).toBeNull();
});

test('flows expand to the same counter changes the step makes', () => {
  expect(sumDeltas([{ stats: submitStats('a1'), workload: [] }]).stats).toEqual(counterChanges(submitted('a1')));
  const steps = [{ before: waiting('a1', 'submitted'), after: waiting('a1', 'recommended') }];
  expect(sumDeltas([{ stats: [], workload: workloadFlows(steps) }]).workload).toEqual(workloadChanges(steps));
});

test("a batch sums its deltas' changes per counter document, dropping what cancels out", () => {
  const moved = workloadFlows([{ before: waiting('a1', 'submitted'), after: waiting('a1', 'recommended') }]);
  const sums = sumDeltas([
    { stats: submitStats('a1'), workload: workloadFlows([{ before: null, after: waiting('a1', 'submitted') }]) },
    { stats: submitStats('a2'), workload: moved },
  ]);
  expect(sums.stats.find((c) => c.key._id === 'c1|org-county|2026-06-30')!.add).toEqual({ received: 2, pending: 2 });
  expect(sums.stats).toHaveLength(6); // three orgs, a day and a month each
  // submitted +1 then −1 cancels: only the recommendation is left
  expect(sums.workload.map((c) => c.add)).toEqual([0, 1, 2].map(() => ({ recommended: 1 })));
});

test('a fold increments the counts it changes and, for waiting work, how many of them wait', () => {
  const [county] = workloadChanges([{ before: waiting('a1', 'submitted'), after: waiting('a1', 'recommended') }]);
  expect(WORKLOAD_FOLDING.increments(county)).toEqual({ 'counts.submitted': -1, 'counts.recommended': 1 });
  const [created] = workloadChanges([{ before: null, after: waiting('a2', 'submitted') }]);
  expect(WORKLOAD_FOLDING.increments(created)).toEqual({ 'counts.submitted': 1, waiting: 1 });
  expect(STATS_FOLDING.increments(counterChanges(submitted('a1'))[0])).toEqual({ received: 1, pending: 1 });
});

test('a counter before the open batch: less what that batch added, where the batch reached it', () => {
  const [change] = counterChanges(submitted('a1'));
  const doc = { ...applyChange(null, { key: change.key, add: { received: 5, pending: 2 } }), seq: 7, lastAdd: { received: 2, pending: 1 } };
  expect(asBeforeBatch(STATS_FOLDING, doc, 7)).toMatchObject({ received: 3, pending: 1 });
  // an earlier batch's mark, or no batch open: as stored
  expect(asBeforeBatch(STATS_FOLDING, doc, 8)).toMatchObject({ received: 5, pending: 2 });
  expect(asBeforeBatch(STATS_FOLDING, doc, null)).toMatchObject({ received: 5, pending: 2 });
  const w = { _id: 'c1|org-county', subject: 'c1', orgId: 'org-county', orgPath: ['org-county'], ownerPath: ['org-county'], counts: { submitted: 3, recommended: 1 }, waiting: 4, seq: 7, lastAdd: { submitted: -1, recommended: 1 } };
  expect(asBeforeBatch(WORKLOAD_FOLDING, w, 7)).toMatchObject({ counts: { submitted: 4, recommended: 0 }, waiting: 4 });
});

test('a reader adds every stored delta but those of a batch applied and being removed', () => {
  expect(unfolded({ _id: 'd1' }, { seq: 3, open: null, removing: new Set() })).toBe(true);
  expect(unfolded({ _id: 'd1' }, { seq: 3, open: 4, removing: new Set() })).toBe(true);
  expect(unfolded({ _id: 'd1' }, { seq: 3, open: null, removing: new Set(['d1', 'd2']) })).toBe(false);
});
