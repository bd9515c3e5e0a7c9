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

/** A step on any record: the record's new state, its audit entry (ids and codes, never personal values) and its messages. */
export interface RecordStep {
  collection: string;
  record: { _id: string };
  audit: Pick<AuditEntry, 'action' | 'details'>;
  messages: readonly StepMessage[];
}

/** Documents added in one request: none, one, or a list (CloudBase inserts a list in one request, in a
 *  transaction too). */
async function addAll(tx: Tx, collection: string, docs: readonly object[]): Promise<void> {
  if (docs.length) await tx.collection(collection).add({ data: docs.length === 1 ? docs[0] : [...docs] });
}

/** A step on any record (writeRecordSteps). */
export async function writeRecordStep(tx: Tx, ctx: CallContext, collection: string, record: { _id: string }, audit: Pick<AuditEntry, 'action' | 'details'>, messages: readonly StepMessage[]): Promise<void> {
  await writeRecordSteps(tx, ctx, [{ collection, record, audit, messages }]);
}

/** Steps on records in one transaction: each record written, their audit entries in one insert and their
 *  messages in another, so that what they cost in round trips grows by one per record only. */
export async function writeRecordSteps(tx: Tx, ctx: CallContext, steps: readonly RecordStep[]): Promise<void> {
  for (const { collection, record } of steps) {
    const { _id, ...data } = record;
    await tx.collection(collection).doc(_id).set({ data });
  }
  const entries = steps.map(({ collection, record, audit }): AuditEntry => ({ at: ctx.now, actorOpenid: ctx.openid, targetCollection: collection, targetId: record._id, requestId: ctx.requestId, ...audit }));
  await addAll(tx, 'audit', entries);
  await addAll(tx, 'outbox', steps.flatMap((s) => s.messages.map((m) => outboxMessage(m, ctx.now))));
}

export async function writeWorkflowStep(tx: Tx, ctx: CallContext, step: WorkflowStepWrite): Promise<void> {
  await writeWorkflowSteps(tx, ctx, [step]);
}

/** Several steps in one transaction (a batch approval), and the steps on other records taken `alongside`
 *  (the objections an upheld objection answers): written as writeRecordSteps writes them, the workflow
 *  steps' counter changes summed per document, in one delta. */
export async function writeWorkflowSteps(tx: Tx, ctx: CallContext, steps: readonly WorkflowStepWrite[], alongside: readonly RecordStep[] = []): Promise<void> {
  await writeRecordSteps(tx, ctx, [...steps.map((s) => ({ ...s, messages: s.messages.map((m) => ({ topic: s.topic, ...m })) })), ...alongside]);
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
