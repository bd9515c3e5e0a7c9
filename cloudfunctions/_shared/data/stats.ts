// The `stats` collection: the report counters (domain/figures.ts), one document per campaign (or legal aid),
// org, Shanghai day or month and shard, changed in the same transaction as every application and case step.
import { txApply, type Tx } from '../cloud';
import { applyChange, type CounterChange, type CounterDoc } from '../domain/figures';

export const STATS = 'stats';

/** Applies counter changes inside `tx`: one read and one write per counter document, issued together. */
export function applyCounterChanges(tx: Tx, changes: readonly CounterChange[]): Promise<void> {
  return txApply<CounterDoc, CounterChange>(tx, STATS, changes, applyChange);
}
