// The world the actions are measured in: localcloud holding the demo world plus bulk-loaded, realistic
// records (a county-and-towns org tree, members, roles, campaigns of several seasons, applications in
// every status, legal-aid cases, the report counters that match them), grown in steps to each size.
import type { Localcloud } from '../test/harness/localcloud';
import type { BenchOptions } from './report';

/** A member the benchmark may act as: approved, hardship, with nothing applied to the open campaigns. */
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
  /** documents added per collection */
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
