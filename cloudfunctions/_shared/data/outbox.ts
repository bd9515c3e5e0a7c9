// Messages to members, written in the same transaction as the change that causes them and delivered later
// by the notices drain (subscribe message when the member has quota; personal ones are in the in-app inbox
// whatever their delivery status). Jobs (a notice's fan-out, its 订阅号 article) travel the same way.
//
// Status: pending (due at dueAt) → sending (claimed by one drain; dueAt is then the lease's end) → sent |
// noQuota | failed, or back to pending with backoff after a temporary failure. A send whose drain died is
// `unknown` once its lease ends: it may have reached WeChat, so it is never sent again.
import { db } from '../cloud';
import { isDuplicateKey } from './dbErrors';

export * from '../domain/messageTopics';
import { JOB_TOPICS, type JobTopic, type MessageTopic } from '../domain/messageTopics';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'noQuota', 'failed', 'unknown'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface WxError {
  errcode: number;
  errmsg: string;
}

export interface OutboxMessage {
  topic: MessageTopic;
  /** '' for jobs */
  toOpenid: string;
  title: string;
  body: string;
  /** the page the message opens */
  page: string;
  status: OutboxStatus;
  /** failed delivery attempts so far */
  attempts: number;
  createdAt: Date;
  /** when it is due; while sending, when the claim's lease ends */
  dueAt: Date;
  /** makes the message idempotent: one per cause */
  causeId: string;
  /** topics notice, noticeFanout, accountPush: the notice */
  noticeId?: string;
  /** topic notice: the publishing org's name (the template's 发布单位) */
  orgName?: string;
  /** the token of the drain chunk that claimed it */
  claim?: string;
  lastError?: WxError;
  sentAt?: Date;
}

export type OutboxDoc = OutboxMessage & { _id: string };

export function outboxMessage(
  m: Pick<OutboxMessage, 'topic' | 'toOpenid' | 'title' | 'body' | 'page' | 'causeId'> & Pick<Partial<OutboxMessage>, 'noticeId' | 'orgName'>,
  now: Date,
): OutboxMessage {
  return { ...m, status: 'pending', attempts: 0, createdAt: now, dueAt: now };
}

/** Adds the messages in one insert; should some exist already (a run cut short, a page repeated: unique
 *  causeId), one by one, skipping those. */
export async function enqueueOnce(messages: OutboxMessage[]): Promise<void> {
  if (!messages.length) return;
  try {
    await db.collection('outbox').add({ data: messages as unknown as object });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    for (const m of messages) {
      try {
        await db.collection('outbox').add({ data: m });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }
}

export const isJob = (topic: MessageTopic): topic is JobTopic => (JOB_TOPICS as readonly string[]).includes(topic);
