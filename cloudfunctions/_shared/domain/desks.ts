// What waits at an officer's desk (access/coverage.ts says who is responsible for what), counted from the
// counters of waiting work (workload.ts): what waits under the desk's org less what waits under the nearer
// desks below it — the topmost orgs below it staffed for the stage — so a count costs the counters of a few
// orgs per officer (at most one per officer below), never the records that wait.
//
//   desk count    of                                               for an officer at org D who is
//   membership    memberships pending                              orgOfficer or federationOfficer
//   cases         cases to accept (submitted) or assign (accepted) orgOfficer or federationOfficer
//   grassroots    applications submitted: of campaigns run at or   orgOfficer; or the federationOfficer
//                 above D; for the federation, of its campaigns     nearest above a campaign's org, for
//                 where no grassroots officer is                   the unions without an officer
//   federation    applications recommended, to approve             federationOfficer nearest above the
//   payment       applications approved, to pay or deliver         campaign's org
//   assigned      open cases assigned to them                      lawyer (counted from the cases: a
//                                                                  lawyer's own few)
// and, told alongside but not added to the total, the overdue cases among them (the daily check's).
import type { Role } from '../../../typings/api';
import { LEGAL_AID_SUBJECT, MEMBERSHIP_SUBJECT, type CounterSum } from './workload';

export const DESK_KINDS = ['membership', 'grassroots', 'federation', 'payment', 'cases', 'assigned'] as const;
export type DeskKind = (typeof DESK_KINDS)[number];
export type DeskCounts = Record<DeskKind, number> & { overdue: number };

const CASE_WAITING = ['submitted', 'accepted'];

const ANY_OFFICER: readonly Role[] = ['orgOfficer', 'federationOfficer'];
const GRASSROOTS: readonly Role[] = ['orgOfficer'];

/** A stage-role grant with its org's path (root … orgId). */
export interface PlacedGrant {
  role: Role;
  orgId: string;
  orgPath: readonly string[];
}

export const zeroDesk = (): DeskCounts => ({ membership: 0, grassroots: 0, federation: 0, payment: 0, cases: 0, assigned: 0, overdue: 0 });

/** The facts desk counts need: every stage-role grant in the subtrees of the desks, and the counters. */
export class DeskFacts {
  private readonly counts = new Map<string, number>();
  /** campaign id → its org's path (from the counters' owner paths) */
  readonly campaigns = new Map<string, readonly string[]>();

  constructor(
    private readonly staff: readonly PlacedGrant[],
    counters: readonly CounterSum[] = [],
  ) {
    this.add(counters);
  }

  add(counters: readonly CounterSum[]): void {
    for (const c of counters) {
      const k = `${c.subject}|${c.status}|${c.orgId}`;
      this.counts.set(k, (this.counts.get(k) ?? 0) + c.n);
      if (c.subject !== MEMBERSHIP_SUBJECT && c.subject !== LEGAL_AID_SUBJECT && c.ownerPath.length) this.campaigns.set(c.subject, c.ownerPath);
    }
  }

  /** What waits under `orgId` (never below 0). */
  sub(subject: string, statuses: readonly string[], orgId: string): number {
    return Math.max(0, statuses.reduce((s, st) => s + (this.counts.get(`${subject}|${st}|${orgId}`) ?? 0), 0));
  }

  private staffedWith(orgId: string, roles: readonly Role[]): boolean {
    return this.staff.some((g) => g.orgId === orgId && roles.includes(g.role));
  }

  /** The topmost orgs strictly below `orgId` staffed with one of `roles`: the nearer desks whose work is theirs. */
  nearerBelow(orgId: string, roles: readonly Role[]): string[] {
    const staffed = new Map<string, readonly string[]>();
    for (const g of this.staff) if (g.orgId !== orgId && roles.includes(g.role) && g.orgPath.includes(orgId)) staffed.set(g.orgId, g.orgPath);
    return [...staffed].filter(([, path]) => !path.slice(path.indexOf(orgId) + 1, -1).some((mid) => staffed.has(mid))).map(([id]) => id);
  }

  /** The federation officers' org nearest above (or at) a campaign's org. */
  nearestFederation(ownerPath: readonly string[]): string | undefined {
    return [...ownerPath].reverse().find((id) => this.staffedWith(id, ['federationOfficer']));
  }

  /** The orgs whose counters the desks of `grants` need, beyond the grants' own: the nearer desks below
   *  them, and the campaigns they approve (known once the grants' own counters are in). */
  orgsNeeded(grants: readonly PlacedGrant[]): string[] {
    const out = new Set<string>();
    for (const g of grants) {
      for (const id of this.nearerBelow(g.orgId, ANY_OFFICER)) out.add(id);
      for (const id of this.nearerBelow(g.orgId, GRASSROOTS)) out.add(id);
      if (g.role !== 'federationOfficer') continue;
      for (const [, owner] of this.campaignsApprovedAt(g.orgId)) {
        const campaignOrg = owner.at(-1)!;
        out.add(campaignOrg);
        for (const id of this.nearerBelow(campaignOrg, GRASSROOTS)) out.add(id);
      }
    }
    return [...out];
  }

  /** The campaigns (id, owner path) whose federation desk is at `orgId`. */
  private campaignsApprovedAt(orgId: string): [string, readonly string[]][] {
    return [...this.campaigns].filter(([, owner]) => owner.includes(orgId) && this.nearestFederation(owner) === orgId);
  }

  /** What waits under `orgId` less what waits under the nearer desks below it. */
  private atDesk(subject: string, statuses: readonly string[], orgId: string, roles: readonly Role[]): number {
    const nearer = this.nearerBelow(orgId, roles).reduce((s, t) => s + this.sub(subject, statuses, t), 0);
    return Math.max(0, this.sub(subject, statuses, orgId) - nearer);
  }

  /** What waits at the desks of one officer's grants. Each record has one nearest desk, so the desks of
   *  several grants (a town and a unit under it) never count it twice. */
  countsFor(grants: readonly PlacedGrant[]): DeskCounts {
    const out = zeroDesk();
    const at = (roles: readonly Role[]) => new Map(grants.filter((g) => roles.includes(g.role)).map((g) => [g.orgId, g.orgPath]));
    for (const orgId of at(ANY_OFFICER).keys()) {
      out.membership += this.atDesk(MEMBERSHIP_SUBJECT, ['pending'], orgId, ANY_OFFICER);
      out.cases += this.atDesk(LEGAL_AID_SUBJECT, CASE_WAITING, orgId, ANY_OFFICER);
    }
    for (const [orgId, path] of at(GRASSROOTS)) {
      // a grassroots desk reviews the campaigns run at or above its org
      for (const [campaignId, owner] of this.campaigns) if (path.includes(owner.at(-1)!)) out.grassroots += this.atDesk(campaignId, ['submitted'], orgId, GRASSROOTS);
    }
    for (const orgId of at(['federationOfficer']).keys()) {
      for (const [campaignId, owner] of this.campaignsApprovedAt(orgId)) {
        const campaignOrg = owner.at(-1)!;
        out.federation += this.sub(campaignId, ['recommended'], campaignOrg);
        out.payment += this.sub(campaignId, ['approved'], campaignOrg);
        // the unions below the campaign's org without a grassroots officer of their own are this desk's too
        if (!this.staffedWith(campaignOrg, GRASSROOTS)) out.grassroots += this.atDesk(campaignId, ['submitted'], campaignOrg, GRASSROOTS);
      }
    }
    return out;
  }
}

export const deskTotal = (c: DeskCounts): number => DESK_KINDS.reduce((s, k) => s + c[k], 0);
