// What a review-reminder run costs (reviews.remind, fired as its timer does) as the items waiting grow and
// the officers told stay the same: a fresh localcloud (demo world) with grassroots unions under 城关镇, an
// officer over each, applications submitted in them (loaded in bulk with the counters of waiting work that
// match them, domain/workload.ts) and a signal for each officer, as the steps leave them. Each run tells the
// same officers; the table shows what it read and wrote at each number of items.
import { randomUUID } from 'node:crypto';
import { pathFor } from '../cloudfunctions/_shared/domain/orgTree';
import type { WorkloadDoc, WorkloadRecord } from '../cloudfunctions/_shared/domain/workload';
import { sdkDb } from '../test/functions/applicationsFixtures';
import { Localcloud, type InvocationCost } from '../test/harness/localcloud';

import { round, type BenchOptions, type Section } from './report';
import { WorkloadTally } from './world/counters';
import { importDocs } from './world/load';

const CAMPAIGN = { _id: 'campaign-student-aid', orgPath: ['org-county'] };
const TOWN = ['org-county', 'org-chengguan'];

export interface ReminderRun {
  waiting: number;
  officers: number;
  told: number;
  cost: InvocationCost;
}

async function fireRemind(lc: Localcloud): Promise<{ told: number; cost: InvocationCost }> {
  const res = await fetch(`${lc.url}/__localcloud/timers/reviews/remind/fire`, { method: 'POST' });
  const body = (await res.json()) as { result?: { ok: boolean; data?: { told: number } } };
  if (!body.result?.ok) throw new Error(`reviews.remind failed: ${JSON.stringify(body)}`);
  return { told: body.result.data!.told, cost: await lc.cost(res.headers.get('x-localcloud-invocation')) };
}

export async function measureReminders(opts: BenchOptions): Promise<Section> {
  const officers = opts.quick ? 10 : 50;
  const sizes = opts.quick ? [10, 1_000, 2_000] : [10, 1_000, 10_000];
  const lc = await new Localcloud({ demo: true }).start();
  const runs: ReminderRun[] = [];
  try {
    const db = sdkDb(lc);
    const now = new Date();
    const units = Array.from({ length: officers }, (_, i) => {
      const _id = `org-bench-rem-${i}`;
      return { _id, name: `提醒测试${i}号工会`, kind: 'grassroots', parentId: 'org-chengguan', path: pathFor(TOWN, _id), createdAt: now };
    });
    await importDocs(lc, 'orgs', units);
    const openids = units.map((u) => `o-bench-rem-officer-${u._id}`);
    await importDocs(lc, 'roles', units.map((u, i) => ({ _id: `role-${openids[i]}`, openid: openids[i], memberId: `member-${openids[i]}`, memberName: `干部${i}`, role: 'orgOfficer', orgId: u._id, orgPath: u.path, grantedBy: 'bench', grantedAt: now })));
    const stored = ((await db.collection('workload').limit(1000).get()) as unknown as { data: WorkloadDoc[] }).data;
    const tally = new WorkloadTally(stored);
    let loaded = 0;
    for (const size of sizes) {
      const apps = Array.from({ length: size - loaded }, (_, k) => {
        const unit = units[(loaded + k) % units.length];
        const at = new Date(now.getTime() - (loaded + k) * 1000);
        const _id = `app-bench-rem-${loaded + k}-${randomUUID().slice(0, 8)}`;
        return {
          _id,
          duplicateKey: `bench-rem:${_id}`,
          campaignId: CAMPAIGN._id,
          status: 'submitted' as const,
          applicantOrgPath: unit.path,
          campaignOrgPath: CAMPAIGN.orgPath,
          applicantOrgId: unit._id,
          applicantName: `申请人${loaded + k}`,
          createdAt: at,
          updatedAt: at,
        };
      });
      for (const a of apps) tally.count({ kind: 'application', record: a } satisfies WorkloadRecord);
      await importDocs(lc, 'applications', apps);
      await importDocs(lc, 'workload', tally.takeChanged(), true);
      loaded = size;
      // each officer signalled as an arrival at their desk leaves it, and none told within the interval
      const runAt = new Date();
      await importDocs(lc, 'reminderSignals', openids.map((openid) => ({ _id: `${openid}|grassrootsReview`, openid, reason: 'grassrootsReview', at: runAt, dueAt: runAt })), true);
      await importDocs(lc, 'reminders', openids.map((openid) => ({ _id: openid, sentAt: new Date(runAt.getTime() - 7 * 86_400_000 + loaded) })), true);
      const { told, cost } = await fireRemind(lc);
      if (told !== officers) throw new Error(`the run told ${told} of ${officers} officers`);
      runs.push({ waiting: size, officers, told, cost });
      opts.log(`reminders: ${size} waiting, ${told} told: ${cost.total} round trips, ${cost.docsExamined} documents examined, ${cost.durationMs} ms`);
    }
  } finally {
    await lc.dispose();
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  return {
    name: 'reminders',
    tables: [
      {
        title: `Review reminders: one run of reviews.remind telling ${first.officers} officers, as the items waiting grow`,
        columns: ['items waiting', 'officers told', 'round trips', 'docs examined', 'unindexed', 'server ms'],
        rows: runs.map((r) => [r.waiting, r.told, r.cost.total, r.cost.docsExamined, r.cost.unindexedQueries, r.cost.durationMs]),
        notes: [
          `from ${first.waiting} to ${last.waiting} items: round trips ${first.cost.total} → ${last.cost.total}, documents examined ${first.cost.docsExamined} → ${last.cost.docsExamined}: the officers' signals, grants and last digests and the counters of waiting work of their orgs — one document per subject and org whatever the number of items, so nothing grows`,
          `documents examined per officer told: ${round(last.cost.docsExamined / last.told, 1)}`,
        ],
      },
    ],
    data: { runs },
  };
}
