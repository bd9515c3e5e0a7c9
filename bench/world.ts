// The world the actions are measured in: localcloud holding the demo world plus bulk-loaded, realistic
// records (a county-and-towns org tree, members, roles, campaigns of several seasons, applications in
// every status, legal-aid cases, the report counters that match them), grown in steps to each size.
import type { ApplicationStatus, CaseStatus } from '../typings/api';
import type { CampaignDoc } from '../cloudfunctions/_shared/data/campaigns';
import { confirmedRecord } from '../cloudfunctions/_shared/data/hardship';
import type { CounterDoc } from '../cloudfunctions/_shared/domain/figures';
import type { WorkloadDoc } from '../cloudfunctions/_shared/domain/workload';
import { functionSecrets } from '../localcloud/src/secrets';
import { PEOPLE } from '../test/functions/api';
import { sdkDb, upload } from '../test/functions/applicationsFixtures';
import { Localcloud } from '../test/harness/localcloud';
import { round, type BenchOptions } from './report';
import { ledgerShare, pastCampaign } from './world/campaigns';
import { CounterTally, WorkloadTally } from './world/counters';
import { importDocs } from './world/load';
import { grantInWechat, memberDoc, subscriptionDocs } from './world/members';
import { orgTree, type OrgTree } from './world/orgTree';
import { cloneApplication, cloneCase, pick, random, type Applicant } from './world/records';
import { DEMO_LAWYER_GRANT, makeTemplates, type ApplicationTemplates, type CaseTemplates } from './world/templates';

/** The hardship record of a member the benchmark acts as (no household: none of its actions reads one). */
const BENCH_HARDSHIP = { grade: 'severe' as const, causes: ['illness' as const], household: [], monthlyIncomePerHeadFen: 60_000 };

/** A member the benchmark may act as: approved, with a confirmed hardship record, with nothing applied to the open campaigns. */
export interface BenchMember {
  openid: string;
  memberId: string;
  name: string;
  orgId: string;
  /** an image of their own in storage (uploads/<openid>/…), for a form's images field */
  fileId: string;
}

export interface Growth {
  /** applications in the world after this step */
  applications: number;
  /** documents written per collection: new ones, and for stats and campaigns also the ones replaced with grown counts */
  added: Record<string, number>;
  seconds: number;
}

export interface World {
  readonly lc: Localcloud;
  /** applications loaded so far */
  readonly applications: number;
  /** Bulk-loads records until the world holds `applications` applications, the other collections in proportion. */
  grow(applications: number): Promise<Growth>;
  /** `n` members not handed out before, each for one submission or case (never a duplicate application). */
  takeMembers(n: number): Promise<BenchMember[]>;
  /** the demo officers and staff whose scopes hold the loaded records */
  readonly people: { grassrootsOfficer: string; federationOfficer: string; lawyer: string; staff: string };
  /** the open campaigns the submissions go to */
  readonly campaigns: { studentAid: string; summerRelief: string };
  /** an org (in the staff's scope) whose subtree holds exactly `members` approved members with subscribe
   *  quota: 10,000 (1,000 in a quick run) */
  readonly noticeAudience: { orgId: string; members: number };
  dispose(): Promise<void>;
}

export type OpenWorld = (opts: BenchOptions) => Promise<World>;

const DAY = 86_400_000;
const ORGS = 1_000;
const PAST_SEASONS = 3;
/** of the applicant members, the share in 城关镇 (the grassroots officer's scope) */
const CHENGGUAN_SHARE = 0.3;
/** of the applications, the share in this season's open campaigns */
const OPEN_SHARE = { studentAid: 0.25, summerRelief: 0.1 };
/** By the kind of the demo's open campaigns: 金秋助学 is settled in cash, 夏送清凉 with goods. */
const OPEN_MIX: Record<string, Partial<Record<ApplicationStatus, number>>> = {
  studentAid: { submitted: 35, recommended: 25, returned: 5, approved: 10, paid: 10, rejected: 8, withdrawn: 7 },
  summerRelief: { submitted: 30, recommended: 25, returned: 5, approved: 10, delivered: 15, rejected: 8, withdrawn: 7 },
};
const PAST_MIX: typeof OPEN_MIX = {
  studentAid: { paid: 75, rejected: 15, withdrawn: 10 },
  summerRelief: { delivered: 75, rejected: 15, withdrawn: 10 },
};
const CASE_MIX: Record<CaseStatus, number> = { submitted: 10, accepted: 10, assigned: 15, inProgress: 15, closed: 40, declined: 10 };
const BENCH_LAWYERS = 8;

type Ledger = { reservedFen: number; paidFen: number };

class BenchWorld implements World {
  applications = 0;
  private cases = 0;
  private serial = 0;
  private taken = 0;
  private readonly applicants: Applicant[] = [];
  private readonly rnd = random(20261121);
  /** what the loaded applications reserve and settle, per campaign: all of it for past campaigns, the part
   *  not yet written for the open ones */
  private readonly ledgers = new Map<string, Ledger>();
  readonly people = { grassrootsOfficer: PEOPLE.cgOfficer, federationOfficer: PEOPLE.fedOfficer, lawyer: PEOPLE.lawyer, staff: PEOPLE.staff };
  readonly campaigns = { studentAid: 'campaign-student-aid', summerRelief: 'campaign-summer-relief' };
  readonly noticeAudience: { orgId: string; members: number };
  private lawyers: { grantId: string; openid: string; name: string }[] = [];

  constructor(
    readonly lc: Localcloud,
    private readonly opts: BenchOptions,
    private readonly now: Date,
    private readonly tree: OrgTree,
    private readonly templates: { applications: ApplicationTemplates; cases: CaseTemplates },
    private readonly tally: CounterTally,
    private readonly workload: WorkloadTally,
    private readonly open: CampaignDoc[],
    private readonly past: CampaignDoc[],
  ) {
    this.noticeAudience = { orgId: tree.audience.root._id, members: opts.quick ? 1_000 : 10_000 };
  }

  static async open(lc: Localcloud, opts: BenchOptions): Promise<BenchWorld> {
    const started = Date.now();
    // the functions' personal-data keys, so what is loaded is sealed as they seal it
    Object.assign(process.env, functionSecrets(lc.dataDir));
    const db = sdkDb(lc);
    const templates = await makeTemplates(lc);
    // the counters the real functions wrote for the templates: the loaded records' are added to them
    const readAll = async <D>(collection: string): Promise<D[]> => {
      const out: D[] = [];
      for (;;) {
        const page = ((await db.collection(collection).orderBy('_id', 'asc').skip(out.length).limit(100).get()) as unknown as { data: D[] }).data;
        out.push(...page);
        if (page.length < 100) return out;
      }
    };
    const [stored, waiting] = await Promise.all([readAll<CounterDoc>('stats'), readAll<WorkloadDoc>('workload')]);
    const open = await Promise.all(['campaign-student-aid', 'campaign-summer-relief'].map(async (id) => ((await db.collection('campaigns').doc(id).get()) as unknown as { data: CampaignDoc }).data));
    const now = new Date();
    const past = open.flatMap((c) => Array.from({ length: PAST_SEASONS }, (_, i) => pastCampaign(c, c.year - 1 - i)));
    const world = new BenchWorld(lc, opts, now, orgTree(ORGS, now), templates, new CounterTally(stored), new WorkloadTally(waiting), open, past);
    await world.loadFixed();
    opts.log(`world opened in ${Math.round((Date.now() - started) / 1000)} s: ${world.tree.docs.length} orgs, ${past.length} past campaigns, notice audience of ${world.noticeAudience.members} members`);
    return world;
  }

  /** The org tree, past campaigns, the bench lawyers and the notice audience: loaded once. */
  private async loadFixed(): Promise<void> {
    const { lc, now, tree } = this;
    await importDocs(lc, 'orgs', tree.docs);
    await importDocs(lc, 'campaigns', this.past);
    const lawyerMembers = Array.from({ length: BENCH_LAWYERS }, (_, i) => memberDoc(this.serial++, `o-bench-lawyer-${i}`, tree.elsewhere[i], new Date(now.getTime() - 400 * DAY), now));
    await importDocs(lc, 'members', lawyerMembers);
    const roles = lawyerMembers.map((m) => ({ _id: `role-${m.openid}-lawyer-org-county`, openid: m.openid, memberId: m._id, memberName: m.name, role: 'lawyer', orgId: 'org-county', orgPath: ['org-county'], grantedBy: PEOPLE.admin, grantedAt: m.createdAt }));
    await importDocs(lc, 'roles', roles);
    this.lawyers = [{ grantId: DEMO_LAWYER_GRANT, openid: PEOPLE.lawyer, name: '陈明' }, ...roles.map((r) => ({ grantId: r._id, openid: r.openid, name: r.memberName }))];
    const units = tree.audience.units;
    const audience: string[] = [];
    const joined = now.getTime() - 300 * DAY;
    // the sends each audience member accepted, in our data and in WeChat alike: one notice per size measured
    const quota = this.opts.sizes.length;
    await importDocs(lc, 'members', (function* (world: BenchWorld) {
      for (let i = 0; i < world.noticeAudience.members; i++) {
        const openid = `o-bench-audience-${i}`;
        audience.push(openid);
        yield memberDoc(world.serial++, openid, units[i % units.length], new Date(joined + i * 1000), now);
      }
    })(this));
    await importDocs(lc, 'subscriptions', (function* () {
      for (const openid of audience) yield* subscriptionDocs(openid, quota, now);
    })());
    await grantInWechat(lc, audience, quota);
  }

  private addLedger(campaignId: string, share: Ledger): void {
    const l = this.ledgers.get(campaignId) ?? { reservedFen: 0, paidFen: 0 };
    l.reservedFen += share.reservedFen;
    l.paidFen += share.paidFen;
    this.ledgers.set(campaignId, l);
  }

  async grow(target: number): Promise<Growth> {
    const started = Date.now();
    const { lc, now, rnd, tree, opts } = this;
    const added: Record<string, number> = {};
    const step = async (collection: string, docs: Iterable<object>, replace = false) => {
      const t = Date.now();
      const n = await importDocs(lc, collection, docs, replace);
      added[collection] = (added[collection] ?? 0) + n;
      opts.log(`  ${collection}: ${n} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    // applicant members: one per two applications
    const members = Math.ceil(target / 2) - this.applicants.length;
    await step('members', (function* (world: BenchWorld) {
      for (let i = 0; i < members; i++) {
        const n = world.serial++;
        const openid = `o-bench-m-${n}`;
        const units = rnd() < CHENGGUAN_SHARE ? tree.chengguan : tree.elsewhere;
        const org = units[Math.floor(rnd() * units.length)];
        world.applicants.push({ serial: n, openid, orgId: org._id, orgPath: org.path });
        yield memberDoc(n, openid, org, new Date(now.getTime() - (30 + rnd() * 1500) * DAY), now);
      }
    })(this));
    // applications: this season's open campaigns and past seasons'
    const from = this.applications;
    await step('applications', (function* (world: BenchWorld) {
      const [openAid, openRelief] = world.open;
      for (let k = from; k < target; k++) {
        const who = world.applicants[Math.floor(k / 2)];
        const r = rnd();
        const campaign = r < OPEN_SHARE.studentAid ? openAid : r < OPEN_SHARE.studentAid + OPEN_SHARE.summerRelief ? openRelief : world.past[Math.floor(rnd() * world.past.length)];
        const isOpen = campaign.status === 'open';
        const status = pick(rnd(), (isOpen ? OPEN_MIX : PAST_MIX)[campaign.kind.kindId]);
        const opensAt = new Date(campaign.opensAt).getTime();
        const window = isOpen
          ? { from: opensAt, to: now.getTime() - 3_600_000, decidedBy: now.getTime() - 60_000 }
          : { from: opensAt, to: new Date(campaign.closesAt).getTime() - DAY, decidedBy: new Date(campaign.closesAt).getTime() + 30 * DAY };
        const doc = cloneApplication(world.templates.applications, campaign, status, who, k, window, rnd);
        world.tally.count({ collection: 'applications', record: doc });
        world.workload.count({ kind: 'application', record: doc });
        world.addLedger(campaign._id, ledgerShare(doc));
        yield doc;
      }
    })(this));
    this.applications = target;
    // legal-aid cases: one per ten applications
    const cases = Math.floor(target / 10);
    await step('cases', (function* (world: BenchWorld) {
      for (let j = world.cases; j < cases; j++) {
        const who = world.applicants[Math.floor(rnd() * world.applicants.length)];
        const status = pick(rnd(), CASE_MIX);
        const finished = status === 'closed' || status === 'declined';
        const window = finished ? { from: now.getTime() - 730 * DAY, to: now.getTime() - 60 * DAY } : { from: now.getTime() - 40 * DAY, to: now.getTime() - DAY };
        const lawyer = world.lawyers[rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * (world.lawyers.length - 1))];
        const doc = cloneCase(world.templates.cases, status, who, j, lawyer, window, now, rnd);
        world.tally.count({ collection: 'cases', record: doc });
        world.workload.count({ kind: 'case', record: doc });
        yield doc;
      }
      world.cases = cases;
    })(this));
    await step('stats', this.tally.takeChanged(), true);
    await step('workload', this.workload.takeChanged(), true);
    await step('campaigns', await this.campaignLedgers(), true);
    return { applications: target, added, seconds: round((Date.now() - started) / 1000, 1) };
  }

  /** The campaigns with their ledgers holding what the loaded applications reserve and settle. */
  private async campaignLedgers(): Promise<CampaignDoc[]> {
    const db = sdkDb(this.lc);
    const ledger = (id: string) => this.ledgers.get(id) ?? { reservedFen: 0, paidFen: 0 };
    const past = this.past.map((c) => {
      const l = ledger(c._id);
      return { ...c, ...l, budgetFen: Math.max(c.budgetFen, l.reservedFen + l.paidFen) };
    });
    const open = await Promise.all(
      this.open.map(async (c) => {
        const doc = ((await db.collection('campaigns').doc(c._id).get()) as unknown as { data: CampaignDoc }).data;
        const l = ledger(c._id);
        this.ledgers.delete(c._id); // written now: the next step adds only its own
        // the budget grows with what was loaded, so what remains for the benchmark's approvals stays the same
        return { ...doc, reservedFen: doc.reservedFen + l.reservedFen, paidFen: doc.paidFen + l.paidFen, budgetFen: doc.budgetFen + l.reservedFen + l.paidFen, version: doc.version + 1, updatedAt: this.now };
      }),
    );
    return [...past, ...open];
  }

  async takeMembers(n: number): Promise<BenchMember[]> {
    const { now, tree } = this;
    const docs = Array.from({ length: n }, () => {
      const openid = `o-bench-taken-${this.taken++}`;
      return memberDoc(this.serial++, openid, tree.chengguan[Math.floor(this.rnd() * tree.chengguan.length)], new Date(now.getTime() - 200 * DAY), now);
    });
    await importDocs(this.lc, 'members', docs);
    // the benchmark applies to hardship-only campaigns: each taken member has a confirmed hardship record
    await importDocs(this.lc, 'hardshipRecords', docs.map((m) => confirmedRecord(m, BENCH_HARDSHIP, { openid: 'o-demo-org-officer', name: '张伟' }, now)));
    const out: BenchMember[] = [];
    for (let i = 0; i < docs.length; i += 16) {
      const batch = docs.slice(i, i + 16);
      const files = await Promise.all(batch.map((m) => upload(this.lc, m.openid)));
      batch.forEach((m, j) => out.push({ openid: m.openid, memberId: m._id, name: m.name, orgId: m.orgId, fileId: files[j] }));
    }
    return out;
  }

  dispose(): Promise<void> {
    return this.lc.dispose();
  }
}

export const openWorld: OpenWorld = async (opts) => {
  const lc = await new Localcloud({ demo: true, nodeArgs: ['--max-old-space-size=16384'] }).start();
  try {
    return await BenchWorld.open(lc, opts);
  } catch (e) {
    await lc.dispose();
    throw e;
  }
};
