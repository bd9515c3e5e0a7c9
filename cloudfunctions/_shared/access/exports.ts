// Who may export what (Excel files of records), and which personal numbers an export shows in clear:
// - a campaign's applications: the federation officer over the campaign's org gets all of them; a
//   grassroots officer (orgOfficer) gets the applications of members of their subtrees — the applications
//   they may see one by one (access/applications.ts);
// - legal-aid cases of an org's subtree: the case officers over that org (access/cases.ts);
// - hardship records of an org's subtree: the officers who keep them over that org (access/hardship.ts),
//   the household's ID cards always masked;
// - personal numbers are exported masked, except the ID card and bank card numbers of an APPROVED
//   application for the federation officer over the campaign's org, who pays it (the rule the application's
//   detail applies to the bank card). Phones, and everything in a case export, stay masked.
import type { Actor } from './actor';
import { campaignApprovalScopes, grassrootsReviewScopes, mayDecideAsFederation, type ApplicationScope } from './applications';
import { caseOfficerScopes } from './cases';
import { hardshipScopes } from './hardship';
import type { PersonalDataKind } from '../personalData';

/** Which of a campaign's applications the actor may export: all, those of applicants under `orgRoots`, or none. */
export type ApplicationExportScope = { all: true } | { all: false; orgRoots: string[] } | null;

export function applicationExportScope(actor: Actor, campaignOrgPath: readonly string[]): ApplicationExportScope {
  if (campaignApprovalScopes(actor, campaignOrgPath).length) return { all: true };
  const roots = grassrootsReviewScopes(actor);
  return roots.length ? { all: false, orgRoots: roots } : null;
}

/** The personal numbers an export may show in clear: those the federation officer pays against. */
const CLEAR_FOR_PAYMENT: readonly PersonalDataKind[] = ['idCard', 'bankCard'];

/** Whether an application export shows the `kind` number of `app` in clear to `actor`. */
export function exportsInClear(actor: Actor, app: ApplicationScope, kind: PersonalDataKind): boolean {
  return app.status === 'approved' && CLEAR_FOR_PAYMENT.includes(kind) && mayDecideAsFederation(actor, app);
}

/** Whether the actor may export the hardship records of the org at `orgPath` and below. */
export function mayExportHardship(actor: Actor, orgPath: readonly string[]): boolean {
  return hardshipScopes(actor).some((s) => orgPath.includes(s));
}

/** Whether the actor may export the legal-aid cases of the org at `orgPath` and below. */
export function mayExportCases(actor: Actor, orgPath: readonly string[]): boolean {
  return caseOfficerScopes(actor).some((s) => orgPath.includes(s));
}
