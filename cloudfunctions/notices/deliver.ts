// Delivering one claimed chunk: jobs run (jobs.ts), subscribe messages go out concurrently to members with
// quota (one read of the chunk's quota), and every outcome is written back with as few updates as there
// are distinct outcomes, each conditional on the chunk's claim token (a message whose lease another drain
// has ended keeps what it learned only if nobody has claimed it since).
import { _, cloud, db } from '../_shared/cloud';
import { isJob, type OutboxDoc, type OutboxStatus, type SendTopic, type WxError } from '../_shared/data/outbox';
import { quotaLeft, recordQuotaUse, subscriptionId } from '../_shared/data/subscriptions';
import { SUBSCRIBE_TEMPLATES, templateData, type Template, type TemplateData } from '../_shared/domain/templateData';
import type { CallContext } from '../_shared/function';
import type { Claimed } from './claim';
import { runNoticeJob, type NoticeJob } from './jobs';

/** WeChat's answers that no retry can change (bad openid, template, data or page). */
const PERMANENT = new Set([40003, 40037, 47003, 41030]);
const NO_QUOTA = 43101;
/** Waits after the 1st…4th temporary failure; the 5th is final. */
const BACKOFF_MIN = [1, 5, 30, 120];
export const MAX_ATTEMPTS = BACKOFF_MIN.length + 1;

export interface ChunkOutcome {
  sent: number;
  noQuota: number;
  failed: number;
  retried: number;
  fannedOut: number;
  published: number;
}

type Patch = { status: OutboxStatus; dueAt?: Date; attempts?: number; lastError?: WxError; sentAt?: Date };

/** What a send or a job that went wrong tells: WeChat's errcode and its message without the request id. */
function wxErrorOf(e: unknown): WxError {
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  const errmsg = String(err?.errMsg ?? err?.message ?? e).replace(/\s*rid:\s*\S+\s*$/, '');
  return { errcode: typeof err?.errCode === 'number' ? err.errCode : -1, errmsg: errmsg.slice(0, 200) };
}

/** Pending again after a temporary failure, with backoff; failed for good after MAX_ATTEMPTS. */
function retryOrFail(m: OutboxDoc, lastError: WxError, now: Date): Patch {
  const attempts = m.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', attempts, lastError };
  return { status: 'pending', attempts, lastError, dueAt: new Date(now.getTime() + BACKOFF_MIN[attempts - 1] * 60_000) };
}

interface Planned {
  message: OutboxDoc;
  template: Template;
  data: TemplateData;
}

async function send(p: Planned, now: Date): Promise<{ patch: Patch; exhausted?: boolean }> {
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: p.message.toOpenid,
      templateId: p.template.templateId,
      page: p.message.page,
      data: p.data,
      miniprogramState: SUBSCRIBE_TEMPLATES.miniprogramState,
    });
    return { patch: { status: 'sent', sentAt: now } };
  } catch (e) {
    const error = wxErrorOf(e);
    if (error.errcode === NO_QUOTA) return { patch: { status: 'noQuota', lastError: error }, exhausted: true };
    if (PERMANENT.has(error.errcode)) return { patch: { status: 'failed', attempts: p.message.attempts + 1, lastError: error } };
    return { patch: retryOrFail(p.message, error, now) };
  }
}

async function runJob(m: OutboxDoc, ctx: CallContext, now: Date, out: ChunkOutcome): Promise<Patch> {
  try {
    const r = await runNoticeJob(m as unknown as NoticeJob, { ...ctx, now });
    out.fannedOut += r.fannedOut ?? 0;
    out.published += r.published ?? 0;
    if (r.status === 'sent') return { status: 'sent', sentAt: now };
    if (r.status === 'pending') return { status: 'pending', dueAt: now };
    return { status: 'failed', lastError: r.error ?? { errcode: -1, errmsg: 'job failed' } };
  } catch (e) {
    return retryOrFail(m, wxErrorOf(e), now);
  }
}

/** Writes each distinct outcome once, to the messages that still carry the chunk's token. */
async function record(token: string, patches: Map<string, Patch>): Promise<void> {
  const groups = new Map<string, { patch: Patch; ids: string[] }>();
  for (const [id, patch] of patches) {
    const key = JSON.stringify(patch);
    const g = groups.get(key) ?? { patch, ids: [] };
    g.ids.push(id);
    groups.set(key, g);
  }
  await Promise.all([...groups.values()].map((g) => db.collection('outbox').where({ _id: _.in(g.ids), claim: token }).update({ data: g.patch })));
}

export async function deliverChunk(ctx: CallContext, now: Date, { token, messages }: Claimed): Promise<ChunkOutcome> {
  const out: ChunkOutcome = { sent: 0, noQuota: 0, failed: 0, retried: 0, fannedOut: 0, published: 0 };
  const patches = new Map<string, Patch>();
  const sends = messages.filter((m) => !isJob(m.topic));
  const templateOf = (m: OutboxDoc) => SUBSCRIBE_TEMPLATES.byTopic[m.topic as SendTopic];
  const quotaId = (m: OutboxDoc) => subscriptionId(m.toOpenid, templateOf(m).key);
  const read = await quotaLeft(sends.map(quotaId));
  const left = new Map(read);

  // Plan: messages without data or without quota are settled without calling WeChat; the quota is spent
  // here, so a member with one send left gets one of two messages in a chunk.
  const planned: Planned[] = [];
  for (const m of sends) {
    const template = templateOf(m);
    const filled = templateData(template, m);
    const id = quotaId(m);
    if (!filled.ok) patches.set(m._id, { status: 'failed', lastError: { errcode: 47003, errmsg: `no value for data.${filled.field}` } });
    else if ((left.get(id) ?? 0) <= 0) patches.set(m._id, { status: 'noQuota' });
    else {
      left.set(id, (left.get(id) ?? 0) - 1);
      planned.push({ message: m, template, data: filled.data });
    }
  }

  const used = new Map<string, number>();
  const exhausted = new Map<string, number>();
  await Promise.all([
    ...planned.map(async (p) => {
      const r = await send(p, now);
      patches.set(p.message._id, r.patch);
      if (r.patch.status === 'sent') used.set(quotaId(p.message), (used.get(quotaId(p.message)) ?? 0) + 1);
      if (r.exhausted) exhausted.set(quotaId(p.message), read.get(quotaId(p.message)) ?? 0);
    }),
    ...messages.filter((m) => isJob(m.topic)).map(async (m) => patches.set(m._id, await runJob(m, ctx, now, out))),
  ]);

  for (const [id, patch] of patches) {
    const job = isJob(messages.find((m) => m._id === id)!.topic);
    if (patch.status === 'sent' && !job) out.sent += 1;
    else if (patch.status === 'noQuota') out.noQuota += 1;
    else if (patch.status === 'failed') out.failed += 1;
    else if (patch.status === 'pending' && patch.attempts) out.retried += 1;
  }
  await Promise.all([record(token, patches), recordQuotaUse(used, exhausted, now)]);
  return out;
}
