// What the cases actions answer with. A detail that shows the member's phone in clear (to their lawyer) is
// audited each time it is shown.
import type { CaseDetail } from '../../typings/api/cases';
import type { Actor } from '../_shared/access/actor';
import { maySeePhoneInClear } from '../_shared/access/cases';
import { db } from '../_shared/cloud';
import type { AuditEntry } from '../_shared/data/audit';
import { caseDetail, type CaseDoc } from '../_shared/data/cases';
import { shownBeside, type Known } from '../_shared/data/shown';

/** The case as `actor` sees it: two round trips (file URLs and the org's name), issued together, less what
 *  is `known`, and a third, the audit entry, when it shows the phone in clear. */
export async function detailFor(doc: CaseDoc, actor: Actor, ctx: { now: Date; requestId: string }, known: Known = {}): Promise<CaseDetail> {
  const reveal: AuditEntry | null = maySeePhoneInClear(actor, doc)
    ? { at: ctx.now, actorOpenid: actor.openid, action: 'case.viewPhone', targetCollection: 'cases', targetId: doc._id, requestId: ctx.requestId, details: { version: doc.version } }
    : null;
  const [{ urls, orgName }] = await Promise.all([shownBeside(doc.evidence, doc.orgId, known), reveal && db.collection('audit').add({ data: reveal })]);
  return caseDetail(doc, actor, orgName, urls);
}
