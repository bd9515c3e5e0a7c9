// What the cases actions answer with. A detail that shows the member's phone in clear (to their lawyer) is
// audited each time it is shown.
import type { CaseDetail } from '../../typings/api/cases';
import type { Actor } from '../_shared/access/actor';
import { maySeePhoneInClear } from '../_shared/access/cases';
import { db } from '../_shared/cloud';
import type { AuditEntry } from '../_shared/data/audit';
import { caseDetail, type CaseDoc } from '../_shared/data/cases';
import { tempUrls } from '../_shared/data/files';
import { orgNames } from '../_shared/data/orgs';

/** The case as `actor` sees it: two round trips (file URLs and the org's name), issued together, and a
 *  third, the audit entry, when it shows the phone in clear. */
export async function detailFor(doc: CaseDoc, actor: Actor, ctx: { now: Date; requestId: string }): Promise<CaseDetail> {
  const reveal: AuditEntry | null = maySeePhoneInClear(actor, doc)
    ? { at: ctx.now, actorOpenid: actor.openid, action: 'case.viewPhone', targetCollection: 'cases', targetId: doc._id, requestId: ctx.requestId, details: { version: doc.version } }
    : null;
  const [urls, names] = await Promise.all([tempUrls(doc.evidence), orgNames([doc.orgId]), reveal && db.collection('audit').add({ data: reveal })]);
  const byId = new Map(doc.evidence.map((id, i) => [id, urls[i]]));
  return caseDetail(doc, actor, names.get(doc.orgId) ?? '', byId);
}
