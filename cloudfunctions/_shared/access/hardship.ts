// Who may keep hardship records (困难职工档案), never the member themselves:
// - file a record, review it every year and end it (脱困): an org officer or federation officer over the
//   member's org (the grassroots officer files; where a union has none, the federation's officer does:
//   access/coverage.ts hardshipFiling);
// - confirm or return a filed record: a federation officer over the member's org;
// - see records: those officers, in their subtrees; the member sees their own record's status only.
// Nobody keeps their own record, whatever roles they hold.
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

export interface HardshipScope {
  memberId: string;
  orgPath: string[];
}

const KEEPERS = ['orgOfficer', 'federationOfficer'] as const;
const FEDERATION = ['federationOfficer'] as const;

export function isRecordOwner(actor: Actor, r: HardshipScope): boolean {
  return actor.memberId !== null && actor.memberId === r.memberId;
}

/** File, review and end (脱困) a record. */
export function mayKeepHardship(actor: Actor, r: HardshipScope): boolean {
  return !isRecordOwner(actor, r) && holdsRoleOver(actor, KEEPERS, r.orgPath);
}

/** Confirm or return a filed record. */
export function mayConfirmHardship(actor: Actor, r: HardshipScope): boolean {
  return !isRecordOwner(actor, r) && holdsRoleOver(actor, FEDERATION, r.orgPath);
}

/** See a record's details (the household, masked): the officers who keep or confirm it. */
export function mayViewHardship(actor: Actor, r: HardshipScope): boolean {
  return holdsRoleOver(actor, KEEPERS, r.orgPath);
}

/** The subtrees whose records the actor may list; empty means none. */
export function hardshipScopes(actor: Actor): string[] {
  return scopeRoots(actor, KEEPERS);
}
