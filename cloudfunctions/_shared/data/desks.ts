// What waits at the desks of some officers (domain/desks.ts), read for the workbench and the reminder run:
// their grants, every stage-role grant in the subtrees of those grants, the counters of waiting work at the
// grants' orgs and then at the nearer desks and campaigns those need, the open cases of the lawyers among
// them and the overdue cases under the desks. The reads grow with the officers and their subtrees' officers,
// never with the records that wait.
import type { Role } from '../../../typings/api';
import { STAGE_ROLES } from '../access/coverage';
import { _, db, rows } from '../cloud';
import { DeskFacts, zeroDesk, type DeskCounts, type PlacedGrant } from '../domain/desks';
import { workloadAt } from './workload';

const PAGE = 1000; // the server SDK's largest page

interface GrantDoc extends PlacedGrant {
  _id: string;
  openid: string;
}

/** Every grant matching `where`, paged by _id. */
async function allGrants(where: object): Promise<GrantDoc[]> {
  const out: GrantDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<GrantDoc>(
      db.collection('roles').where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ openid: true, role: true, orgId: true, orgPath: true }),
    );
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

/** Open cases matching `where` (lawyers' own, or overdue ones under some orgs): a few per desk. */
async function openCases(where: object): Promise<{ _id: string; lawyerOpenid: string | null; orgPath: string[]; overdue: boolean }[]> {
  return rows(db.collection('cases').where(where).field({ lawyerOpenid: true, orgPath: true, overdue: true }).limit(PAGE));
}

export async function deskCountsOf(openids: readonly string[]): Promise<Map<string, DeskCounts>> {
  const out = new Map(openids.map((o) => [o, zeroDesk()]));
  if (!openids.length) return out;
  const grants = await allGrants({ openid: _.in([...new Set(openids)]) });
  const stage = grants.filter((g) => STAGE_ROLES.includes(g.role));
  const lawyers = [...new Set(grants.filter((g) => g.role === ('lawyer' satisfies Role)).map((g) => g.openid))];
  const deskOrgs = [...new Set(stage.map((g) => g.orgId))];
  const [staff, own, assigned, overdue] = await Promise.all([
    deskOrgs.length ? allGrants({ orgPath: _.in(deskOrgs), role: _.in([...STAGE_ROLES]) }) : [],
    workloadAt({ orgIds: deskOrgs, waitingOnly: true }),
    lawyers.length ? openCases({ lawyerOpenid: _.in(lawyers), queueRank: _.lte(2) }) : [],
    deskOrgs.length ? openCases({ orgPath: _.in(deskOrgs), overdue: true }) : [],
  ]);
  const facts = new DeskFacts(staff, own);
  const more = facts.orgsNeeded(stage).filter((id) => !deskOrgs.includes(id));
  facts.add(await workloadAt({ orgIds: more, waitingOnly: true }));
  for (const openid of openids) {
    const mine = stage.filter((g) => g.openid === openid);
    const counts = facts.countsFor(mine);
    const theirs = assigned.filter((c) => c.lawyerOpenid === openid);
    counts.assigned = theirs.length;
    const late = new Set([...theirs, ...overdue.filter((c) => mine.some((g) => c.orgPath.includes(g.orgId)))].filter((c) => c.overdue).map((c) => c._id));
    counts.overdue = late.size;
    out.set(openid, counts);
  }
  return out;
}
