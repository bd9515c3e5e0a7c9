// The notice jobs the drain runs for claimed outbox messages of topic noticeFanout and accountPush: the
// fan-out of a published notice to per-member subscribe messages, a page at a time, and its 订阅号 article.
import type { CallContext } from '../_shared/function';

/** A claimed job message as the drain reads it from the outbox (the fields these jobs use). */
export interface NoticeJob {
  _id: string;
  topic: 'noticeFanout' | 'accountPush';
  noticeId: string;
  /** noticeFanout: where the next page of the audience starts (data/cursor.ts); null before the first */
  cursor?: string | null;
  /** noticeFanout: audience members without quota so far */
  noQuota?: number;
  /** accountPush: the draft made, so a retry publishes it rather than making a second one */
  draftMediaId?: string | null;
}

export interface NoticeJobOutcome {
  status: 'sent' | 'pending' | 'failed';
  error?: { errcode: number; errmsg: string };
  /** per-member notice messages created by this call */
  fannedOut?: number;
  /** 订阅号 articles published by this call */
  published?: number;
}

export async function runNoticeJob(job: NoticeJob, ctx: CallContext): Promise<NoticeJobOutcome> {
  void ctx;
  return { status: 'failed', error: { errcode: -1, errmsg: `${job.topic} is not built yet` } };
}
