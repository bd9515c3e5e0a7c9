// What each invocation did, as the console lists them while they happen: function, action, caller, source,
// the event, the outcome (the envelope's code for the product's functions), server time, the lines it logged
// and, read from the stats at listing time, its database round trips.
//   GET /__localcloud/invocations[?after=SEQ]   the kept invocations (the newest 1000), oldest first
//   DELETE /__localcloud/invocations             forgets them
// Bounded: past KEEP invocations the oldest go; each keeps at most MAX_LINES lines, and shows at most MAX_JSON
// characters of event and result. Cheap while nobody looks: values are kept as they came and read when listed.
import type { HttpRoute } from '../server';
import type { Stats } from '../stats';
import type { Caller, Outcome } from './runtime';

const KEEP = 1000;
const MAX_LINES = 300;
const MAX_JSON = 32 * 1024;

export interface InvocationRecord {
  seq: number;
  invocationId: string;
  functionName: string;
  /** the event's `action`, `timer:TRIGGER` for a timer trigger, null when the event names none */
  action: string | null;
  openid: string | null;
  /** TCB_SOURCE: wx_client, wx_trigger, …,scf down a callFunction chain */
  source: string;
  /** the invocation that called this one with cloud.callFunction */
  parentId: string | null;
  startedAt: string;
  status: 'running' | Outcome['status'];
  /** OK, the envelope's error code (FORBIDDEN, VALIDATION_FAILED…), or FAILED / TIMEOUT / NOT_FOUND */
  code: string | null;
  ms: number | null;
  /** the event as it came (bounded when listed) */
  event: unknown;
  /** the result's JSON (parsed when listed) */
  resultJson: string | null;
  /** the function's error (stack) when it threw or timed out */
  error: string | null;
  logs: string[];
}

/** The record with its database counters, as listed. */
export type InvocationView = Omit<InvocationRecord, 'event' | 'resultJson'> & {
  event: unknown;
  result: unknown; roundTrips: number; byAction: Record<string, number>; docsExamined: number; docsWritten: number; unindexedQueries: number; loadMs: number | null };

/** Large values are kept as the start of their JSON. */
function bounded(value: unknown, json = JSON.stringify(value) ?? 'null'): unknown {
  return json.length <= MAX_JSON ? value : { truncated: true, json: json.slice(0, MAX_JSON) };
}

function actionOf(event: unknown): string | null {
  const e = event as { action?: unknown; Type?: unknown; TriggerName?: unknown } | null;
  if (e?.Type === 'Timer' && typeof e.TriggerName === 'string') return `timer:${e.TriggerName}`;
  return typeof e?.action === 'string' ? e.action : null;
}

/** The code an outcome reads as: an envelope's `{ ok: false, error: { code } }` is that code. */
function codeOf(outcome: Outcome): string {
  if (outcome.status !== 'ok') return outcome.status === 'not_found' ? 'NOT_FOUND' : outcome.status.toUpperCase();
  if (outcome.resultJson.startsWith('{"ok":true')) return 'OK'; // the envelope as JSON.stringify writes it: no need to parse a page
  const result = JSON.parse(outcome.resultJson) as { ok?: unknown; error?: { code?: unknown } } | null;
  return result?.ok === false && typeof result.error?.code === 'string' ? result.error.code : 'OK';
}

export class InvocationLog {
  private readonly records = new Map<string, InvocationRecord>();
  private seq = 0;
  private readonly listeners = new Set<(r: InvocationRecord) => void>();

  constructor(private readonly stats: Stats) {}

  begin(invocationId: string, functionName: string, event: unknown, caller: Caller): void {
    const record: InvocationRecord = {
      seq: ++this.seq,
      invocationId,
      functionName,
      action: actionOf(event),
      openid: caller.openid ?? null,
      source: caller.source,
      parentId: caller.parentId ?? null,
      startedAt: new Date().toISOString(),
      status: 'running',
      code: null,
      ms: null,
      event,
      resultJson: null,
      error: null,
      logs: [],
    };
    this.records.set(invocationId, record);
    if (this.records.size > KEEP) this.records.delete(this.records.keys().next().value as string);
    this.emit(record);
  }

  log(invocationId: string, line: string): void {
    const r = this.records.get(invocationId);
    if (r && r.logs.length < MAX_LINES) r.logs.push(line);
  }

  finish(invocationId: string, outcome: Outcome, ms: number): void {
    const r = this.records.get(invocationId);
    if (!r) return;
    Object.assign(r, {
      status: outcome.status,
      code: codeOf(outcome),
      ms,
      resultJson: outcome.status === 'ok' ? outcome.resultJson : null,
      error: outcome.status === 'failed' ? outcome.error : outcome.status === 'timeout' || outcome.status === 'invalid_event' ? outcome.message : null,
    });
    this.emit(r);
  }

  /** Calls `listener` with each invocation as it starts and as it ends; returns the unsubscribe. */
  subscribe(listener: (r: InvocationRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(r: InvocationRecord): InvocationView {
    const s = this.stats.get(r.invocationId);
    const { event, resultJson, ...rest } = r;
    const result = resultJson === null ? null : resultJson.length > MAX_JSON ? bounded(null, resultJson) : JSON.parse(resultJson);
    return { ...rest, event: bounded(event), result, roundTrips: s?.total ?? 0, byAction: s?.byAction ?? {}, docsExamined: s?.docsExamined ?? 0, docsWritten: s?.docsWritten ?? 0, unindexedQueries: s?.unindexedQueries ?? 0, loadMs: s?.loadMs ?? null };
  }

  clear(): void {
    this.records.clear();
  }

  routes(): HttpRoute[] {
    const path = /^\/__localcloud\/invocations$/;
    return [
      {
        method: 'GET',
        path,
        handle: async (c) => {
          const after = Number(c.url.searchParams.get('after')) || 0;
          c.json(200, { invocations: [...this.records.values()].filter((r) => r.seq > after).map((r) => this.view(r)) });
        },
      },
      {
        method: 'DELETE',
        path,
        handle: async (c) => {
          this.clear();
          c.json(200, { cleared: true });
        },
      },
    ];
  }

  private emit(r: InvocationRecord): void {
    for (const l of this.listeners) l(r);
  }
}
