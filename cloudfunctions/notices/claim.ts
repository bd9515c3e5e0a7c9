// Claiming outbox messages for one drain chunk, and what is left of drains that died. A claim is a fresh
// token and a lease: due messages are read in dueAt order, then one conditional update moves those still
// pending to sending under the token with dueAt as the lease's end, and only the messages that carry the
// token are read back: two drains at once get disjoint chunks.
import { randomUUID } from 'node:crypto';
import { _, db, rows } from '../_shared/cloud';
import { JOB_TOPICS, SEND_TOPICS, type OutboxDoc } from '../_shared/data/outbox';

export const CHUNK = 8;
/** How long a chunk may take; past it another drain treats its messages as abandoned. */
export const LEASE_MS = 60_000;

const outbox = () => db.collection('outbox');

async function updated(res: unknown): Promise<number> {
  return ((await res) as { stats?: { updated?: number } }).stats?.updated ?? 0;
}

/**
 * Messages of dead drains (sending, lease over): a send may or may not have reached WeChat, so it becomes
 * unknown and is never sent again; a job is idempotent and is due again. Returns how many became unknown.
 */
export async function expireLeases(now: Date): Promise<number> {
  const expired = { status: 'sending', dueAt: _.lte(now) };
  const [unknown] = await Promise.all([
    updated(outbox().where({ ...expired, topic: _.in([...SEND_TOPICS]) }).update({ data: { status: 'unknown' } })),
    updated(outbox().where({ ...expired, topic: _.in([...JOB_TOPICS]) }).update({ data: { status: 'pending', dueAt: now } })),
  ]);
  return unknown;
}

export interface Claimed {
  token: string;
  messages: OutboxDoc[];
  /** whether any message was due (the chunk may still be empty when another drain took them first) */
  anyDue: boolean;
}

export async function claimChunk(now: Date): Promise<Claimed> {
  const token = randomUUID();
  const due = await rows<{ _id: string }>(outbox().where({ status: 'pending', dueAt: _.lte(now) }).orderBy('dueAt', 'asc').field({ _id: true }).limit(CHUNK));
  if (!due.length) return { token, messages: [], anyDue: false };
  const ids = due.map((d) => d._id);
  await outbox()
    .where({ _id: _.in(ids), status: 'pending' })
    .update({ data: { status: 'sending', claim: token, dueAt: new Date(now.getTime() + LEASE_MS) } });
  const messages = await rows<OutboxDoc>(outbox().where({ _id: _.in(ids), claim: token }).limit(CHUNK));
  return { token, messages, anyDue: true };
}
