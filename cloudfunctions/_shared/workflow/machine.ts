// The one transition mechanism for every workflow (campaign applications, legal-aid cases): a machine is
// data — named transitions between states, each saying who may take it and what input it needs — and
// `transition` computes the next record, its history entry and the messages to enqueue. No I/O here: the
// caller writes `next` conditionally on `expectedVersion` (a stale decision becomes CONFLICT there), with
// the audit entry and the messages, in one write.
import type { Actor } from '../access/actor';

export interface HistoryEntry<S extends string> {
  at: Date;
  /** the actor's openid */
  by: string;
  action: string;
  from: S;
  to: S;
  comment: string | null;
  /** the actor's part in the record (machines that name it: see Machine.partOf) */
  part?: string;
  /** what the step brought besides its comment (a kind of step, files, …), from the transition's input check */
  details?: Record<string, unknown>;
}

/** What every workflow record carries for the machine. */
export interface WorkflowRecord<S extends string> {
  _id: string;
  status: S;
  /** bumped by every transition; the conditional write matches on it */
  version: number;
  history: HistoryEntry<S>[];
  updatedAt: Date;
}

/** Fields a transition's input may set on the record; the machine alone sets the workflow fields. */
export type Patch<R> = Partial<Omit<R, keyof WorkflowRecord<string>>>;

/** A message for the outbox; the caller adds its topic and delivery fields. The inbox shows its title and
 *  body; its subscribe message (domain/templateData.ts) shows subject, phrase and brief, the news first. */
export interface WorkflowMessage {
  toOpenid: string;
  title: string;
  body: string;
  /** what it is about, e.g. 2026年金秋助学申请 */
  subject: string;
  /** the status in ≤ 5 Han characters, e.g. 待补充 */
  phrase: string;
  /** the news in a few words, what matters first, e.g. 需补充：录取通知书 */
  brief: string;
  /** the mini-program page the message opens */
  page: string;
  /** one message per cause, so a retried write cannot send it twice */
  causeId: string;
}

export type InputCheck<R> =
  | { ok: true; patch: Patch<R>; details?: Record<string, unknown> }
  | { ok: false; message: string; fields?: Record<string, string> };

export interface Transition<S extends string, R extends WorkflowRecord<S>> {
  name: string;
  from: readonly S[];
  /** the state it leads to; absent, the record stays in its state (a message, a note, added evidence) */
  to?: S;
  /** whether the actor may take this transition on this record (role and scope; see access/) */
  who: (actor: Actor, record: R) => boolean;
  /** why the step is closed on this record although its state allows it (e.g. already rated), or null */
  closedBecause?: (record: R) => string | null;
  /** a comment is required (a reason to reject, what to supplement); otherwise it is optional */
  requiresComment?: boolean;
  /** checks the input (without its comment) and returns the fields it sets; absent: it takes only a comment */
  needs?: (input: Record<string, unknown>, record: R, now: Date, actor: Actor) => InputCheck<R>;
  /** messages caused by the step, given the record after it */
  messages?: (next: R, entry: HistoryEntry<S>) => Omit<WorkflowMessage, 'causeId'>[];
}

export interface Machine<S extends string, R extends WorkflowRecord<S>> {
  states: readonly S[];
  transitions: readonly Transition<S, R>[];
  /** the actor's part in the record, kept on each history entry (e.g. member, officer, lawyer) */
  partOf?: (actor: Actor, record: R) => string;
  /** who may see the record: they are told a decision on an old version is stale (CONFLICT) even where the
   *  record has since moved to a stage they do not decide; whoever cannot see it learns nothing of it */
  visibleTo?: (actor: Actor, record: R) => boolean;
  /** what a stale decision is told: `${noun}${what changed}，请刷新后查看`, e.g. 该案件已被督办，请刷新后查看 */
  stale?: {
    noun: string;
    /** how a step that keeps the state reads as a change (supervise: 已被督办); any other step is 已被他人处理 */
    changes?: Partial<Record<string, string>>;
  };
}

const HANDLED = '已被他人处理';

/**
 * What a decision taken on version `decidedOn` is told: the steps taken since (history entry i made version
 * i + 1) named for what they changed — 已被他人处理 when any moved the record, otherwise what the steps that
 * keep the state did (已被督办, 有新留言…), so an officer is not told someone handled what nobody did.
 */
export function staleMessage<S extends string, R extends WorkflowRecord<S>>(machine: Machine<S, R>, record: R, decidedOn: number): string {
  const noun = machine.stale?.noun ?? '';
  const since = decidedOn >= 1 ? record.history.slice(decidedOn) : [];
  const named = since.map((e) => machine.stale?.changes?.[e.action] ?? HANDLED);
  const what = !named.length || named.includes(HANDLED) ? [HANDLED] : [...new Set(named)];
  return `${noun}${what.join('、')}，请刷新后查看`;
}

export type TransitionRefusal = {
  ok: false;
  code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED';
  message: string;
  fields?: Record<string, string>;
};

export type TransitionResult<S extends string, R extends WorkflowRecord<S>> =
  | TransitionRefusal
  | {
      ok: true;
      next: R;
      /** write `next` only where the stored version still equals this */
      expectedVersion: number;
      entry: HistoryEntry<S>;
      messages: WorkflowMessage[];
    };

export const MAX_COMMENT_CHARS = 500;

/** The transitions the actor may take on the record now: what the page offers as buttons. */
export function availableTransitions<S extends string, R extends WorkflowRecord<S>>(
  machine: Machine<S, R>,
  record: R,
  actor: Actor,
): string[] {
  return machine.transitions.filter((t) => t.from.includes(record.status) && !t.closedBecause?.(record) && t.who(actor, record)).map((t) => t.name);
}

/**
 * Takes transition `name` on `record` for `actor`, who decided on version `decidedOn` of it (a transition
 * that keeps the state applies to the current version whatever it is). Refuses, in this order: an unknown
 * name (VALIDATION_FAILED), a stale version seen by someone the record is visible to (CONFLICT), an actor not
 * allowed (FORBIDDEN, before any state is revealed), a stale version (CONFLICT), a record not in one of the
 * transition's states or closed to the step (INVALID_STATE), a bad comment or input (VALIDATION_FAILED, with
 * `fields`).
 */
export function transition<S extends string, R extends WorkflowRecord<S>>(
  machine: Machine<S, R>,
  record: R,
  name: string,
  actor: Actor,
  input: Record<string, unknown>,
  now: Date,
  decidedOn: number = record.version,
): TransitionResult<S, R> {
  const t = machine.transitions.find((x) => x.name === name);
  if (!t) return { ok: false, code: 'VALIDATION_FAILED', message: '不支持这个操作' };
  const stale: TransitionRefusal | null =
    t.to !== undefined && decidedOn !== record.version ? { ok: false, code: 'CONFLICT', message: staleMessage(machine, record, decidedOn) } : null;
  if (stale && machine.visibleTo?.(actor, record)) return stale;
  if (!t.who(actor, record)) return { ok: false, code: 'FORBIDDEN', message: '您无权进行这个操作' };
  if (stale) return stale;
  if (!t.from.includes(record.status)) {
    return { ok: false, code: 'INVALID_STATE', message: '当前状态下不能进行这个操作，请刷新后查看' };
  }
  const closed = t.closedBecause?.(record);
  if (closed) return { ok: false, code: 'INVALID_STATE', message: closed };

  const { comment: rawComment = '', ...rest } = input;
  if (typeof rawComment !== 'string' || [...rawComment.trim()].length > MAX_COMMENT_CHARS) {
    return invalid({ comment: `说明不能超过${MAX_COMMENT_CHARS}个字` });
  }
  const comment = rawComment.trim() || null;
  if (t.requiresComment && !comment) return invalid({ comment: '请填写说明' });

  const checked: InputCheck<R> = t.needs ? t.needs(rest, record, now, actor) : { ok: true, patch: {} };
  if (!checked.ok) {
    return { ok: false, code: 'VALIDATION_FAILED', message: checked.message, ...(checked.fields && { fields: checked.fields }) };
  }

  const to = t.to ?? record.status;
  const entry: HistoryEntry<S> = {
    at: now,
    by: actor.openid,
    action: t.name,
    from: record.status,
    to,
    comment,
    ...(machine.partOf && { part: machine.partOf(actor, record) }),
    ...(checked.details && { details: checked.details }),
  };
  const next = {
    ...record,
    ...checked.patch,
    status: to,
    version: record.version + 1,
    history: [...record.history, entry],
    updatedAt: now,
  } as R;
  const causeId = `${record._id}:v${next.version}`;
  const messages = (t.messages?.(next, entry) ?? []).map((m, i) => ({ ...m, causeId: i === 0 ? causeId : `${causeId}:${i}` }));
  return { ok: true, next, expectedVersion: record.version, entry, messages };
}

function invalid(fields: Record<string, string>): TransitionRefusal {
  return { ok: false, code: 'VALIDATION_FAILED', message: Object.values(fields)[0], fields };
}
