// What every workflow step (an application's, a case's) leaves behind, in the transaction that takes it:
// the record's new state, its audit entry and its messages in the outbox.
import type { Tx } from '../cloud';
import type { CallContext } from '../function';
import type { WorkflowMessage } from '../workflow/machine';
import type { AuditEntry } from './audit';
import { outboxMessage, type MessageTopic } from './outbox';

export interface WorkflowStepWrite {
  collection: 'applications' | 'cases';
  record: { _id: string };
  audit: Pick<AuditEntry, 'action' | 'details'>;
  topic: MessageTopic;
  messages: WorkflowMessage[];
}

export async function writeWorkflowStep(tx: Tx, ctx: CallContext, step: WorkflowStepWrite): Promise<void> {
  const { _id, ...data } = step.record;
  await tx.collection(step.collection).doc(_id).set({ data });
  const entry: AuditEntry = { at: ctx.now, actorOpenid: ctx.openid, targetCollection: step.collection, targetId: _id, requestId: ctx.requestId, ...step.audit };
  await tx.collection('audit').add({ data: entry });
  for (const m of step.messages) await tx.collection('outbox').add({ data: outboxMessage({ topic: step.topic, ...m }, ctx.now) });
}
