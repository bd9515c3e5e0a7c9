// What the cases actions answer with, and what every write of a case leaves behind.
import type { CaseDetail } from '../../typings/api/cases';
import type { Actor } from '../_shared/access/actor';
import type { Tx } from '../_shared/cloud';
import type { AuditEntry } from '../_shared/data/audit';
import { caseDetail, withRank, type CaseDoc } from '../_shared/data/cases';
import { tempUrls } from '../_shared/data/files';
import { orgNames } from '../_shared/data/orgs';
import { outboxMessage } from '../_shared/data/outbox';
import type { CallContext } from '../_shared/function';
import type { WorkflowMessage } from '../_shared/workflow/machine';

/** The case as `actor` sees it: two round trips (file URLs and the org's name), issued together. */
export async function detailFor(doc: CaseDoc, actor: Actor): Promise<CaseDetail> {
  const [urls, names] = await Promise.all([tempUrls(doc.evidence), orgNames([doc.orgId])]);
  const byId = new Map(doc.evidence.map((id, i) => [id, urls[i]]));
  return caseDetail(doc, actor, names.get(doc.orgId) ?? '', byId);
}

/** Writes a case's new state (with its queue rank) with its audit entry and its messages, in `tx`. */
export async function writeCase(tx: Tx, ctx: CallContext, next: CaseDoc, audit: Pick<AuditEntry, 'action' | 'details'>, messages: WorkflowMessage[]): Promise<void> {
  const { _id, ...data } = withRank(next);
  await tx.collection('cases').doc(_id).set({ data });
  const entry: AuditEntry = { at: ctx.now, actorOpenid: ctx.openid, targetCollection: 'cases', targetId: _id, requestId: ctx.requestId, ...audit };
  await tx.collection('audit').add({ data: entry });
  for (const m of messages) await tx.collection('outbox').add({ data: outboxMessage({ topic: 'caseStatus', ...m }, ctx.now) });
}
