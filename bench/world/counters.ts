// The counters of the loaded records, by the domain rules as if each record had just been created: the report
// counters (domain/figures.ts counterChanges) and the counters of waiting work (domain/workload.ts), added to
// the counters already stored (the real functions' own), kept here so a later step adds to them; what changed
// is written back whole (the import's replace mode), so the counter collections always equal the records.
import { applyChange, counterChanges, type Counted, type CounterDoc } from '../../cloudfunctions/_shared/domain/figures';
import { applyWorkload, workloadChanges, type WorkloadDoc, type WorkloadRecord } from '../../cloudfunctions/_shared/domain/workload';

class Tally<R, C extends { key: { _id: string } }, D extends { _id: string }> {
  private readonly docs = new Map<string, D>();
  private readonly changed = new Set<string>();
  private pending: R[] = [];

  constructor(
    stored: D[],
    private readonly changesOf: (records: R[]) => C[],
    private readonly apply: (stored: D | null, change: C) => D,
  ) {
    for (const d of stored) this.docs.set(d._id, d);
  }

  count(record: R): void {
    this.pending.push(record);
    if (this.pending.length >= 25_000) this.flush();
  }

  private flush(): void {
    for (const change of this.changesOf(this.pending)) {
      // kept as a plain copy: the apply functions' spread makes objects of about 1 KB each, the copy about
      // 0.5 KB, and the tally holds every counter (about 460,000 at 100,000 applications, millions at 1,000,000)
      this.docs.set(change.key._id, Object.assign({}, this.apply(this.docs.get(change.key._id) ?? null, change)));
      this.changed.add(change.key._id);
    }
    this.pending = [];
  }

  /** The counter documents changed since the last call. */
  *takeChanged(): Generator<D> {
    this.flush();
    for (const id of this.changed) yield this.docs.get(id)!;
    this.changed.clear();
  }
}

export class CounterTally extends Tally<Counted, ReturnType<typeof counterChanges>[number], CounterDoc> {
  constructor(stored: CounterDoc[]) {
    super(stored, (records) => counterChanges(records.map((after) => ({ before: null, after }))), applyChange);
  }
}

export class WorkloadTally extends Tally<WorkloadRecord, ReturnType<typeof workloadChanges>[number], WorkloadDoc> {
  constructor(stored: WorkloadDoc[]) {
    super(stored, (records) => workloadChanges(records.map((after) => ({ before: null, after }))), applyWorkload);
  }
}
