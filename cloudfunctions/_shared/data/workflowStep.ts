// What every workflow step leaves behind, in the transaction that takes it: the record's new state, its audit
// entry and its messages in the outbox (writeRecordStep: any record, a hardship record's or an objection's
// too); an application's or a case's step also its change to the report counters and to the counters of
// waiting work, as one delta (data/deltas.ts) the fold adds to them later.
import type { Tx } from '../cloud';
import { counterFlows, type CountedApplication, type CountedCase, type CountedStep } from '../domain/figures';
import type { CallContext } from '../function';
import type { WorkflowMessage } from '../workflow/machine';
import type { AuditEntry } from './audit';
import { outboxMessage, type MessageTopic } from './outbox';
import { workloadFlows, type WorkloadRecord } from '../domain/workload';
import { writeDelta } from './deltas';

/** An application as the counters count it: the report's fields, and the campaign's org for the waiting work. */
type StepApplication = CountedApplication & { campaignOrgPath: string[] };

/** The record before the step (null when the step creates it) and after. */
type Counted =
  | { collection: 'applications'; before: StepApplication | null; record: StepApplication & { _id: string } }
  | { collection: 'cases'; before: CountedCase | null; record: CountedCase & { _id: string } };

export type WorkflowStepWrite = Counted & {
  audit: Pick<AuditEntry, 'action' | 'details'>;
  topic: MessageTopic;
  messages: WorkflowMessage[];
};

/** A message of a step, with its topic (the outbox's template). */
export type StepMessage = WorkflowMessage & { topic: MessageTopic; count?: number };

/** A step on any record: its new state, its audit entry (ids and codes, never personal values) and its messages. */
export async function writeRecordStep(tx: Tx, ctx: CallContext, collection: string, record: { _id: string }, audit: Pick<AuditEntry, 'action' | 'details'>, messages: readonly StepMessage[]): Promise<void> {
  const { _id, ...data } = record;
  await tx.collection(collection).doc(_id).set({ data });
  const entry: AuditEntry = { at: ctx.now, actorOpenid: ctx.openid, targetCollection: collection, targetId: _id, requestId: ctx.requestId, ...audit };
  await tx.collection('audit').add({ data: entry });
  for (const m of messages) await tx.collection('outbox').add({ data: outboxMessage(m, ctx.now) });
}

export async function writeWorkflowStep(tx: Tx, ctx: CallContext, step: WorkflowStepWrite): Promise<void> {
  await writeWorkflowSteps(tx, ctx, [step]);
}

/** Several steps in one transaction (a batch approval): their counter changes summed per document, in one delta. */
export async function writeWorkflowSteps(tx: Tx, ctx: CallContext, steps: readonly WorkflowStepWrite[]): Promise<void> {
  for (const step of steps) {
    await writeRecordStep(tx, ctx, step.collection, step.record, step.audit, step.messages.map((m) => ({ topic: step.topic, ...m })));
  }
  const changes = counterFlows(
    steps.map((s): CountedStep =>
      s.collection === 'applications'
        ? { before: s.before && { collection: 'applications', record: s.before }, after: { collection: 'applications', record: s.record } }
        : { before: s.before && { collection: 'cases', record: s.before }, after: { collection: 'cases', record: s.record } },
    ),
  );
  const waiting = workloadFlows(
    steps.map((s) => {
      const as = (r: Counted['record']): WorkloadRecord => (s.collection === 'applications' ? { kind: 'application', record: r as StepApplication } : { kind: 'case', record: r as CountedCase });
      return { before: s.before && as(s.before), after: as(s.record) };
    }),
  );
  await writeDelta(tx, changes, waiting, ctx.now);
}
