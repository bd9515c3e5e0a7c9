// What the actions answer with, and what every write of an application leaves behind.
import type { ApplicationDetail } from '../../typings/api/applications';
import type { Actor } from '../_shared/access/actor';
import type { Tx } from '../_shared/cloud';
import { applicationDetail, detailFileIds, type ApplicationDoc } from '../_shared/data/applications';
import type { AuditEntry } from '../_shared/data/audit';
import type { CampaignDoc } from '../_shared/data/campaigns';
import { orgNames } from '../_shared/data/orgs';
import { outboxMessage } from '../_shared/data/outbox';
import { tempUrls } from '../_shared/data/files';
import type { CallContext } from '../_shared/function';
import { applicationMachine } from '../_shared/workflow/applications';
import type { WorkflowMessage } from '../_shared/workflow/machine';

/** The application as `actor` sees it: two round trips (file URLs and the org's name), issued together. */
export async function detailFor(doc: ApplicationDoc, campaign: CampaignDoc, actor: Actor): Promise<ApplicationDetail> {
  const ids = detailFileIds(doc, campaign);
  const [urls, names] = await Promise.all([tempUrls(ids), orgNames([doc.applicantOrgId])]);
  const byId = new Map(ids.map((id, i) => [id, urls[i]]));
  return applicationDetail(doc, campaign, applicationMachine(campaign), actor, names.get(doc.applicantOrgId) ?? '', byId);
}

/** Writes an application's new state with its audit entry and its messages to the applicant, in `tx`. */
export async function writeStep(
  tx: Tx,
  ctx: CallContext,
  next: ApplicationDoc,
  audit: Pick<AuditEntry, 'action' | 'details'>,
  messages: WorkflowMessage[],
): Promise<void> {
  const { _id, ...data } = next;
  await tx.collection('applications').doc(_id).set({ data });
  const entry: AuditEntry = { at: ctx.now, actorOpenid: ctx.openid, targetCollection: 'applications', targetId: _id, requestId: ctx.requestId, ...audit };
  await tx.collection('audit').add({ data: entry });
  for (const m of messages) await tx.collection('outbox').add({ data: outboxMessage({ topic: 'applicationStatus', ...m }, ctx.now) });
}
