// Round trips counted per invocation, so a test can assert what an action costs. Functions run by
// localcloud carry their invocation id as the session token (see functions/), which the SDK sends
// with every request.
export interface InvocationStats {
  invocationId: string;
  total: number;
  byAction: Record<string, number>;
  /** the database's round trips by the collection they name (a transaction's start and commit name none) */
  byCollection: Record<string, number>;
  unindexedQueries: number;
  /** documents the database tested against the invocation's queries (what a query costs beyond its index) */
  docsExamined: number;
  /**
   * documents the invocation's write requests inserted, changed or removed, in or out of a transaction (counted as
   * each request answers: a batch add of n counts n, a where().update() the documents it changed, an update that
   * changes nothing 0; a transaction's writes count even when it is later aborted, as requests that were made)
   */
  docsWritten: number;
  /** server time: from the gateway handing the invocation over to its result (null while it runs) */
  durationMs: number | null;
  /** a cold start: the ms spent starting an instance and loading the function before it could run (null when a warm one served) */
  loadMs: number | null;
}

const KEEP = 10_000; // bounded: a long `npm start` session must not grow without limit

export class Stats {
  private readonly invocations = new Map<string, InvocationStats>();
  private readonly totals: Record<string, number> = {};

  /** Opens an invocation's counters, so one that makes no round trip still reads as 0. */
  begin(invocationId: string): void {
    this.forInvocation(invocationId);
  }

  record(action: string, invocationId?: string, collection?: string): void {
    this.totals[action] = (this.totals[action] ?? 0) + 1;
    if (!invocationId) return;
    const s = this.forInvocation(invocationId);
    s.total += 1;
    s.byAction[action] = (s.byAction[action] ?? 0) + 1;
    if (collection) s.byCollection[collection] = (s.byCollection[collection] ?? 0) + 1;
  }

  /** Closes an invocation's counters with its server time and, for a cold start, its load time. */
  finish(invocationId: string, durationMs: number, loadMs: number | null): void {
    const s = this.forInvocation(invocationId);
    s.durationMs = durationMs;
    s.loadMs = loadMs;
  }

  recordUnindexed(invocationId?: string): void {
    if (invocationId) this.forInvocation(invocationId).unindexedQueries += 1;
  }

  recordExamined(n: number, invocationId?: string): void {
    if (invocationId) this.forInvocation(invocationId).docsExamined += n;
  }

  recordWritten(n: number, invocationId?: string): void {
    if (invocationId) this.forInvocation(invocationId).docsWritten += n;
  }

  get(invocationId: string): InvocationStats | undefined {
    return this.invocations.get(invocationId);
  }

  totalsByAction(): Record<string, number> {
    return { ...this.totals };
  }

  private forInvocation(id: string): InvocationStats {
    let s = this.invocations.get(id);
    if (!s) {
      s = { invocationId: id, total: 0, byAction: {}, byCollection: {}, unindexedQueries: 0, docsExamined: 0, docsWritten: 0, durationMs: null, loadMs: null };
      this.invocations.set(id, s);
      if (this.invocations.size > KEEP) this.invocations.delete(this.invocations.keys().next().value as string);
    }
    return s;
  }
}

/** The session token a localcloud invocation runs with; `null` for any other caller. */
export const INVOCATION_TOKEN_PREFIX = 'localcloud-invocation:';
export function invocationIdFromToken(token: unknown): string | undefined {
  return typeof token === 'string' && token.startsWith(INVOCATION_TOKEN_PREFIX)
    ? token.slice(INVOCATION_TOKEN_PREFIX.length)
    : undefined;
}
