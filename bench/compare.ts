// `--compare FILE`: the headline figures of an earlier run (its report.json) beside this run's. The write
// actions' round trips and documents written at the largest size both runs measured, throughput and client
// p99 of the concurrent submissions at each level, and the fold figures when both runs have them.
import fs from 'node:fs';
import { ACTIONS, type ActionsAtSize } from './actions';
import type { ConcurrencyLevel } from './concurrency';
import type { FoldFigures } from './fold';
import type { InvocationCost } from '../test/harness/localcloud';
import { percentile, type Cell, type Report, type Section, type Table } from './report';

/** The workflow steps compared: every action that writes a record, the measured actions up to the reads. */
const WRITE_ACTIONS = ACTIONS.slice(0, ACTIONS.indexOf('case close') + 1);

/** The database requests that write, for a report made before localcloud counted documents written. */
const WRITE_REQUESTS = [
  'database.insertDocument',
  'database.modifyDocument',
  'database.updateDocInTransaction',
  'database.deleteDocInTransaction',
  'database.removeDocument',
  'database.modifyAndReturnDoc',
];

/** What a report holds that the comparison reads (an earlier report may lack a section or a field). */
type Comparable = Pick<Report, 'sizes' | 'startedAt'> & {
  sections: { actions?: { atSizes: ActionsAtSize[] }; concurrency?: { levels: ConcurrencyLevel[] }; fold?: FoldFigures };
};

export function readBaseline(file: string): Comparable {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Comparable;
}

type OldCost = Omit<InvocationCost, 'docsWritten'> & { docsWritten?: number };

const writeRequests = (c: OldCost) => WRITE_REQUESTS.reduce((n, a) => n + (c.byAction[a] ?? 0), 0);

interface ActionFigures {
  roundTrips: number;
  writeRequests: number;
  docsWritten: number;
  /** docsWritten counted as the write requests: the report predates localcloud's docsWritten */
  estimated: boolean;
}

/** The most a sample of `action` cost (round trips, write requests, documents written), or null if not measured. */
function actionFigures(at: ActionsAtSize, action: string): ActionFigures | null {
  const costs = (at.samples as Record<string, OldCost[]>)[action];
  if (!costs?.length) return null;
  const estimated = costs.some((c) => c.docsWritten === undefined);
  return {
    roundTrips: Math.max(...costs.map((c) => c.total)),
    writeRequests: Math.max(...costs.map(writeRequests)),
    docsWritten: Math.max(...costs.map((c) => c.docsWritten ?? writeRequests(c))),
    estimated,
  };
}

/** `before → after`; a mark after an estimated figure. */
const arrow = (before: number | null | undefined, after: number | null | undefined, marks: [string, string] = ['', '']): Cell =>
  before == null && after == null ? null : `${before ?? '–'}${marks[0]} → ${after ?? '–'}${marks[1]}`;
const estimateMark = (f: ActionFigures | null) => (f?.estimated ? '*' : '');

export function compareSection(before: Comparable, after: Comparable, file: string): Section {
  const tables: Table[] = [];
  const data: Record<string, unknown> = { baseline: file, baselineStartedAt: before.startedAt };

  const beforeSizes = before.sections.actions?.atSizes ?? [];
  const afterSizes = after.sections.actions?.atSizes ?? [];
  const common = beforeSizes.map((a) => a.applications).filter((n) => afterSizes.some((b) => b.applications === n));
  if (common.length) {
    const size = Math.max(...common);
    const b = beforeSizes.find((a) => a.applications === size)!;
    const a = afterSizes.find((x) => x.applications === size)!;
    const rows = WRITE_ACTIONS.map((action) => ({ action, before: actionFigures(b, action), after: actionFigures(a, action) }));
    const estimated = rows.some((r) => r.before?.estimated || r.after?.estimated);
    tables.push({
      title: `Before → after: the write actions at ${size} applications (the most one sample cost)`,
      columns: ['action', 'round trips', 'write requests', 'docs written'],
      rows: rows.map((r) => [
        r.action,
        arrow(r.before?.roundTrips, r.after?.roundTrips),
        arrow(r.before?.writeRequests, r.after?.writeRequests),
        arrow(r.before?.docsWritten, r.after?.docsWritten, [estimateMark(r.before), estimateMark(r.after)]),
      ]),
      notes: [
        `before: ${file} (run at ${before.startedAt}); after: this run`,
        'write requests: database requests that write (add, update, set, remove, in or out of a transaction), however many documents each wrote',
        ...(estimated
          ? ['* a run made before localcloud counted documents written: its figure is its write requests (insertDocument + modifyDocument + updateDocInTransaction + deleteDocInTransaction + removeDocument + modifyAndReturnDoc), so a batch add or a multi-document update counts as one']
          : []),
      ],
    });
    data.actions = { applications: size, rows };
  }

  const bLevels = before.sections.concurrency?.levels ?? [];
  const aLevels = after.sections.concurrency?.levels ?? [];
  if (bLevels.length || aLevels.length) {
    const levels = [...new Set([...bLevels, ...aLevels].map((l) => l.concurrency))].sort((x, y) => x - y);
    const rows = levels.map((concurrency) => {
      const b = bLevels.find((l) => l.concurrency === concurrency);
      const a = aLevels.find((l) => l.concurrency === concurrency);
      const figures = (l?: ConcurrencyLevel) => (l ? { submissions: l.submissions, throughput: l.throughput, clientP99: l.clientP99, ok: l.outcomes.ok ?? 0 } : null);
      return { concurrency, before: figures(b), after: figures(a) };
    });
    tables.push({
      title: 'Before → after: concurrent 金秋助学 submissions',
      columns: ['concurrency', 'submissions', 'ok', 'ok/s', 'client p99 ms'],
      rows: rows.map((r) => [
        r.concurrency,
        arrow(r.before?.submissions ?? null, r.after?.submissions ?? null),
        arrow(r.before?.ok ?? null, r.after?.ok ?? null),
        arrow(r.before?.throughput ?? null, r.after?.throughput ?? null),
        arrow(r.before?.clientP99 ?? null, r.after?.clientP99 ?? null),
      ]),
      notes: ['–: the run did not measure that level'],
    });
    data.concurrency = rows;
  }

  const bFold = before.sections.fold;
  const aFold = after.sections.fold;
  if (bFold && aFold) {
    const row = (what: string, b: number | null, a: number | null): Cell[] => [what, b, a];
    const runTrips = (f: FoldFigures) => percentile(f.rate.runs.map((r) => r.roundTrips), 50);
    tables.push({
      title: 'Before → after: folding deltas',
      columns: ['figure', 'before', 'after'],
      rows: [
        row('deltas folded (rate)', bFold.rate.deltas, aFold.rate.deltas),
        row('deltas/s', bFold.rate.deltasPerSecond, aFold.rate.deltasPerSecond),
        row('batches', bFold.rate.batches, aFold.rate.batches),
        row('round trips per run (p50)', runTrips(bFold), runTrips(aFold)),
        row('recovery after a kill, s', bFold.killed.recoverySeconds, aFold.killed.recoverySeconds),
      ],
    });
    data.fold = { before: bFold, after: aFold };
  } else if (bFold || aFold) {
    data.fold = `only ${bFold ? 'the earlier run' : 'this run'} has fold figures`;
  }

  if (!tables.length) throw new Error(`${file} has none of the figures compared (actions at a common size, concurrency, fold)`);
  if (!common.length) tables[0].notes = [...(tables[0].notes ?? []), `no size measured by both runs (${before.sizes.join(', ')} and ${after.sizes.join(', ')}): the actions are not compared`];
  if (typeof data.fold === 'string') tables[tables.length - 1].notes = [...(tables[tables.length - 1].notes ?? []), `fold: ${data.fold}`];
  return { name: 'compare', tables, data };
}
