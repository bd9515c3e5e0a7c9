// Who may see and act on legal-aid cases:
// - the member sees their own cases, adds evidence and messages, and rates a closed case;
// - officers (基层工会 orgOfficer, 总工会 federationOfficer) see and handle the cases of their subtree:
//   accept, decline, refer, assign, log steps, close; they may open a case on someone's behalf there;
// - the federation officer over a case's org also supervises it (督办);
// - a lawyer sees and works only the cases assigned to them, and sees the member's phone in clear while
//   the case is open and theirs (every look audited), to call them back; masked again once it is closed or
//   given to another lawyer.
// Nobody handles their own case, whatever roles they hold.
import { OPEN_CASE_STATUSES, type CasePart, type CaseStatus } from '../../../typings/api/cases';
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

/** The facts about a case that decide who may act on it. */
export interface CaseScope {
  status: CaseStatus;
  /** the member whose case it is; null for a case opened on someone's behalf */
  memberId: string | null;
  /** path of the org handling the case */
  orgPath: string[];
  /** the assigned lawyer, once assigned */
  lawyerOpenid: string | null;
}

export const CASE_OFFICER_ROLES = ['orgOfficer', 'federationOfficer'] as const;
const FEDERATION = ['federationOfficer'] as const;

export function isCaseMember(actor: Actor, c: CaseScope): boolean {
  return actor.memberId !== null && actor.memberId === c.memberId;
}

export function isCaseOfficer(actor: Actor, c: CaseScope): boolean {
  return !isCaseMember(actor, c) && holdsRoleOver(actor, CASE_OFFICER_ROLES, c.orgPath);
}

export function isCaseFederation(actor: Actor, c: CaseScope): boolean {
  return !isCaseMember(actor, c) && holdsRoleOver(actor, FEDERATION, c.orgPath);
}

export function isAssignedLawyer(actor: Actor, c: CaseScope): boolean {
  return !isCaseMember(actor, c) && c.lawyerOpenid !== null && c.lawyerOpenid === actor.openid && actor.grants.some((g) => g.role === 'lawyer');
}

/** The member's phone in clear: the lawyer of an open case assigned to them. */
export function maySeePhoneInClear(actor: Actor, c: CaseScope): boolean {
  return OPEN_CASE_STATUSES.includes(c.status) && isAssignedLawyer(actor, c);
}

/** Logging steps and closing: the assigned lawyer or an officer over the case. */
export function mayWorkCase(actor: Actor, c: CaseScope): boolean {
  return isAssignedLawyer(actor, c) || isCaseOfficer(actor, c);
}

/** Reading a case, adding messages and evidence: the member, the officers over it and its lawyer. */
export function mayViewCase(actor: Actor, c: CaseScope): boolean {
  return isCaseMember(actor, c) || mayWorkCase(actor, c);
}

/** The part the actor plays in the case, for its timeline. */
export function casePartOf(actor: Actor, c: CaseScope): CasePart {
  if (isCaseMember(actor, c)) return 'member';
  if (isAssignedLawyer(actor, c)) return 'lawyer';
  return holdsRoleOver(actor, FEDERATION, c.orgPath) ? 'federation' : 'grassroots';
}

/** Opening a case on someone's behalf for the org at `orgPath`. */
export function mayOpenOnBehalf(actor: Actor, orgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, CASE_OFFICER_ROLES, orgPath);
}

/** The org subtrees whose cases the actor handles as an officer. */
export function caseOfficerScopes(actor: Actor): string[] {
  return scopeRoots(actor, CASE_OFFICER_ROLES);
}

export function isLawyer(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'lawyer');
}

/** Referring (转办) to the org at `targetPath`: any org of the same federation (tree) as one the officer
 *  handles cases in. */
export function mayReferTo(actor: Actor, targetPath: readonly string[]): boolean {
  return actor.grants.some((g) => (CASE_OFFICER_ROLES as readonly string[]).includes(g.role) && g.orgPath[0] === targetPath[0]);
}
