// One real record per service kind of the demo's open campaigns (金秋助学, settled in cash; 夏送清凉, settled
// with goods) and status, and one real case per case status, taken there through the real functions by the
// demo people (statisticsFixtures' season): their stored documents are what the loaded records are cloned
// from, so every field is exactly what the functions write.
import type { ApplicationStatus, CaseStatus } from '../../typings/api';
import type { ApplicationDoc } from '../../cloudfunctions/_shared/data/applications';
import type { CaseDoc } from '../../cloudfunctions/_shared/data/cases';
import type { Localcloud } from '../../test/harness/localcloud';
import { PEOPLE } from '../../test/functions/api';
import { sdkDb } from '../../test/functions/applicationsFixtures';
import { season } from '../../test/functions/statisticsFixtures';

/** By service kind id, then status. */
export type ApplicationTemplates = Record<string, Partial<Record<ApplicationStatus, ApplicationDoc>>>;
export type CaseTemplates = Record<CaseStatus, CaseDoc>;

/** The demo lawyer's role grant (localcloud's demo seed). */
export const DEMO_LAWYER_GRANT = `role-${PEOPLE.lawyer}-lawyer-org-county`;

async function inTurn<T>(calls: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const call of calls) out.push(await call());
  return out;
}

export async function makeTemplates(lc: Localcloud): Promise<{ applications: ApplicationTemplates; cases: CaseTemplates }> {
  const { app, legal } = season(lc);
  const member = PEOPLE.member;
  const officer = PEOPLE.cgOfficer;
  const comment = { comment: '请补充材料' };
  const kinds = {
    studentAid: () => app.studentAid(member),
    summerRelief: () => app.summerRelief(member),
  };
  const ids: Record<string, Partial<Record<ApplicationStatus, string>>> = {};
  for (const [kind, submit] of Object.entries(kinds)) {
    const cash = kind === 'studentAid';
    const amount = cash ? 300_000 : 100_000;
    // one call at a time: each function starts one instance, however busy the machine
    const [submitted, returned, recommended, approved, settled, rejected, withdrawn] = await inTurn(Array.from({ length: 7 }, () => submit));
    await inTurn([
      () => app.act(officer, returned, 'return', comment),
      () => app.act(officer, recommended, 'recommend'),
      () => app.approved(approved, officer, amount),
      () => app.approved(settled, officer, amount).then((a) => (cash ? app.paid(a) : app.delivered(a, 30))),
      () => app.act(officer, rejected, 'reject', { comment: '不符合条件' }),
      () => app.act(member, withdrawn, 'withdraw'),
    ]);
    ids[kind] = { submitted: submitted.applicationId, returned: returned.applicationId, recommended: recommended.applicationId, approved: approved.applicationId, [cash ? 'paid' : 'delivered']: settled.applicationId, rejected: rejected.applicationId, withdrawn: withdrawn.applicationId };
  }

  const [opened, accepted, assigned, inProgress, closed, declined] = await inTurn(Array.from({ length: 6 }, (_, i) => () => legal.open(member, 1 + (i % 3))));
  const acc = (c: typeof opened) => legal.act(officer, c, 'accept');
  const assign = async (c: typeof opened) => legal.act(officer, await acc(c), 'assign', { lawyerId: DEMO_LAWYER_GRANT });
  const logged = async (c: typeof opened) => legal.act(PEOPLE.lawyer, await assign(c), 'logStep', { step: 'mediation', comment: '已组织双方调解' });
  await inTurn([
    () => acc(accepted),
    () => assign(assigned),
    () => logged(inProgress),
    () => logged(closed).then((c) => legal.act(PEOPLE.lawyer, c, 'close', { outcome: 'mediated', recoveredFen: 800_000 })),
    () => legal.act(officer, declined, 'decline', { comment: '不属于劳动争议' }),
  ]);
  const caseIds: Record<CaseStatus, string> = { submitted: opened.caseId, accepted: accepted.caseId, assigned: assigned.caseId, inProgress: inProgress.caseId, closed: closed.caseId, declined: declined.caseId };

  const db = sdkDb(lc);
  const read = async <T>(collection: string, id: string) => ((await db.collection(collection).doc(id).get()) as unknown as { data: T }).data;
  const applications: ApplicationTemplates = {};
  for (const kind of Object.keys(ids)) {
    applications[kind] = {};
    for (const [status, id] of Object.entries(ids[kind]) as [ApplicationStatus, string][]) applications[kind][status] = await read<ApplicationDoc>('applications', id);
  }
  const cases = {} as CaseTemplates;
  for (const [status, id] of Object.entries(caseIds) as [CaseStatus, string][]) cases[status] = await read<CaseDoc>('cases', id);
  return { applications, cases };
}
