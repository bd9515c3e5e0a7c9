// The `stats` collection: the report counters (domain/figures.ts), one document per campaign (or legal aid),
// org, Shanghai day or month and shard, changed in the same transaction as every application and case step.
import { txGet, type Tx } from '../cloud';
import { applyChange, type CounterChange, type CounterDoc } from '../domain/figures';

export const STATS = 'stats';

/** Applies counter changes inside `tx`: one read and one write per counter document, issued together. */
export async function applyCounterChanges(tx: Tx, changes: readonly CounterChange[]): Promise<void> {
  const stored = await Promise.all(changes.map((c) => txGet<CounterDoc>(tx, STATS, c.key._id)));
  await Promise.all(
    changes.map((c, i) => {
      const { _id, ...data } = applyChange(stored[i], c);
      return tx.collection(STATS).doc(_id).set({ data });
    }),
  );
}
