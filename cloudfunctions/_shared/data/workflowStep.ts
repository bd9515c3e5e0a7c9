// What every workflow step (an application's, a case's) leaves behind, in the transaction that takes it:
// the record's new state, its audit entry, its messages in the outbox and its change to the report counters
// and to the counters of waiting work.
import type { Tx } from '../cloud';
import { counterChanges, type CountedApplication, type CountedCase, type CountedStep } from '../domain/figures';
import type { CallContext } from '../function';
import type { WorkflowMessage } from '../workflow/machine';
import type { AuditEntry } from './audit';
import { outboxMessage, type MessageTopic } from './outbox';
import { workloadChanges, type WorkloadRecord } from '../domain/workload';
import { applyCounterChanges } from './stats';
import { applyWorkloadChanges } from './workload';

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

export async function writeWorkflowStep(tx: Tx, ctx: CallContext, step: WorkflowStepWrite): Promise<void> {
  await writeWorkflowSteps(tx, ctx, [step]);
}

/** Several steps in one transaction (a batch approval): their counter changes summed per document. */
export async function writeWorkflowSteps(tx: Tx, ctx: CallContext, steps: readonly WorkflowStepWrite[]): Promise<void> {
  for (const step of steps) {
    const { _id, ...data } = step.record;
    await tx.collection(step.collection).doc(_id).set({ data });
    const entry: AuditEntry = { at: ctx.now, actorOpenid: ctx.openid, targetCollection: step.collection, targetId: _id, requestId: ctx.requestId, ...step.audit };
    await tx.collection('audit').add({ data: entry });
    for (const m of step.messages) await tx.collection('outbox').add({ data: outboxMessage({ topic: step.topic, ...m }, ctx.now) });
  }
  const changes = counterChanges(
    steps.map((s): CountedStep =>
      s.collection === 'applications'
        ? { before: s.before && { collection: 'applications', record: s.before }, after: { collection: 'applications', record: s.record } }
        : { before: s.before && { collection: 'cases', record: s.before }, after: { collection: 'cases', record: s.record } },
    ),
  );
  const waiting = workloadChanges(
    steps.map((s) => {
      const as = (r: Counted['record']): WorkloadRecord => (s.collection === 'applications' ? { kind: 'application', record: r as StepApplication } : { kind: 'case', record: r as CountedCase });
      return { before: s.before && as(s.before), after: as(s.record) };
    }),
  );
  await Promise.all([applyCounterChanges(tx, changes), applyWorkloadChanges(tx, waiting)]);
}
