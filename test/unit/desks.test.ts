// Desk counts (domain/desks.ts) against the records themselves: over generated org trees with officers at
// random orgs and work waiting at random, what the counters say waits at each officer's desk is exactly the
// records whose responsible officers (access/coverage.ts deskOf) include them.
import { deskOf, type StaffGrant, type Stage } from '../../cloudfunctions/_shared/access/coverage';
import { DeskFacts, zeroDesk, type DeskKind, type PlacedGrant } from '../../cloudfunctions/_shared/domain/desks';
import { applyWorkload, sumWorkload, workloadChanges, type WorkloadRecord } from '../../cloudfunctions/_shared/domain/workload';
import { random } from '../../bench/world/records';
import type { Role } from '../../typings/api';

interface World {
  paths: string[][];
  grants: (StaffGrant & PlacedGrant)[];
  records: WorkloadRecord[];
  campaigns: { id: string; orgPath: string[] }[];
}

function world(seed: number): World {
  const rnd = random(seed);
  const paths: string[][] = [['county']];
  for (let t = 0; t < 3 + Math.floor(rnd() * 3); t++) {
    paths.push(['county', `t${t}`]);
    for (let u = 0; u < 1 + Math.floor(rnd() * 4); u++) {
      paths.push(['county', `t${t}`, `t${t}u${u}`]);
      if (rnd() < 0.3) paths.push(['county', `t${t}`, `t${t}u${u}`, `t${t}u${u}s`]);
    }
  }
  const grants: World['grants'] = [{ openid: 'o-fed', role: 'federationOfficer', orgId: 'county', orgPath: ['county'] }];
  const grant = (openid: string, role: Role, orgPath: string[]) => grants.push({ openid, role, orgId: orgPath.at(-1)!, orgPath });
  for (const path of paths.slice(1)) {
    if (rnd() < 0.4) grant(`o-${path.at(-1)}`, 'orgOfficer', path);
    if (rnd() < 0.15) grant(`o-${path.at(-1)}-2`, 'orgOfficer', path);
    if (path.length === 2 && rnd() < 0.3) grant(`o-${path.at(-1)}-fed`, 'federationOfficer', path);
  }
  // an officer with two grants: a town and a unit elsewhere
  if (rnd() < 0.5) grant('o-fed', 'orgOfficer', paths[Math.floor(rnd() * paths.length)]);
  const campaigns = [{ id: 'c-county', orgPath: ['county'] }, { id: 'c-town', orgPath: ['county', 't1'] }];
  const records: WorkloadRecord[] = [];
  const units = paths.filter((p) => p.length >= 3);
  for (let i = 0; i < 300; i++) {
    const orgPath = units[Math.floor(rnd() * units.length)];
    const r = rnd();
    if (r < 0.2) records.push({ kind: 'member', record: { _id: `m${i}`, status: rnd() < 0.7 ? 'pending' : 'approved', orgPath } });
    else if (r < 0.45) records.push({ kind: 'case', record: { _id: `k${i}`, status: (['submitted', 'accepted', 'assigned', 'closed'] as const)[Math.floor(rnd() * 4)], orgPath } });
    else {
      const c = campaigns[orgPath.includes('t1') && rnd() < 0.5 ? 1 : 0];
      const status = (['submitted', 'recommended', 'approved', 'paid', 'returned'] as const)[Math.floor(rnd() * 5)];
      records.push({ kind: 'application', record: { _id: `a${i}`, campaignId: c.id, status, applicantOrgPath: orgPath, campaignOrgPath: c.orgPath } });
    }
  }
  return { paths, grants, records, campaigns };
}

/** Where a record waits: its stage and the kind of desk count it makes; null when it waits for no officer. */
function waiting(r: WorkloadRecord): { stage: Stage; kind: DeskKind; facts: { orgPath: string[]; campaignOrgPath?: string[] } } | null {
  if (r.kind === 'member') return r.record.status === 'pending' ? { stage: 'membership', kind: 'membership', facts: { orgPath: [...r.record.orgPath] } } : null;
  if (r.kind === 'case') return ['submitted', 'accepted'].includes(r.record.status) ? { stage: 'legalAid', kind: 'cases', facts: { orgPath: [...r.record.orgPath] } } : null;
  const facts = { orgPath: [...r.record.applicantOrgPath], campaignOrgPath: [...r.record.campaignOrgPath] };
  if (r.record.status === 'submitted') return { stage: 'grassrootsReview', kind: 'grassroots', facts };
  if (r.record.status === 'recommended') return { stage: 'federationReview', kind: 'federation', facts };
  if (r.record.status === 'approved') return { stage: 'federationReview', kind: 'payment', facts };
  return null;
}

test.each(Array.from({ length: 40 }, (_, i) => 7000 + i))('world %i: every officer’s desk counts are the records they are responsible for', (seed) => {
  const { grants, records } = world(seed);
  const docs = workloadChanges(records.map((after) => ({ before: null, after }))).map((c) => applyWorkload(null, c));
  const facts = new DeskFacts(grants, sumWorkload(docs));
  for (const openid of new Set(grants.map((g) => g.openid))) {
    const expected = zeroDesk();
    for (const r of records) {
      const w = waiting(r);
      if (w && deskOf(w.stage, w.facts, grants)?.officers.some((g) => g.openid === openid)) expected[w.kind] += 1;
    }
    expect({ openid, counts: facts.countsFor(grants.filter((g) => g.openid === openid)) }).toEqual({ openid, counts: expected });
    for (const k of Object.keys(expected) as DeskKind[]) seen[k] += expected[k];
  }
});

// every kind of desk count met something to count in these worlds
const seen = zeroDesk();
afterAll(() => expect((['membership', 'grassroots', 'federation', 'payment', 'cases'] as const).every((k) => seen[k] > 0)).toBe(true));

test('the orgs a desk count reads: the grant’s own, the nearer desks below, the campaigns it approves', () => {
  const grants: PlacedGrant[] = [
    { role: 'federationOfficer', orgId: 'county', orgPath: ['county'] },
    { role: 'orgOfficer', orgId: 't1', orgPath: ['county', 't1'] },
    { role: 'orgOfficer', orgId: 't1u1', orgPath: ['county', 't1', 't1u1'] },
    { role: 'orgOfficer', orgId: 't2u1', orgPath: ['county', 't2', 't2u1'] },
  ];
  const facts = new DeskFacts(grants, [{ subject: 'c-town', status: 'submitted', orgId: 'county', ownerPath: ['county', 't2'], n: 3 }]);
  expect(facts.orgsNeeded([grants[0]]).sort()).toEqual(['t1', 't2', 't2u1']);
});
