// The notice jobs the drain runs for claimed outbox messages of topic noticeFanout and accountPush: the
// fan-out of a published notice to per-member subscribe messages, a page at a time, and its 订阅号 article.
// Both keep their progress on their own outbox message, so a drain that dies midway loses nothing and a
// rerun repeats nothing: a repeated fan-out page inserts no second message (unique causeId) and counts
// nothing twice (the cursor advances conditionally); an article is submitted at most once.
import { _, db, rows } from '../_shared/cloud';
import { decodeCursor } from '../_shared/data/cursor';
import { audiencePage, getNotice, type NoticeDoc } from '../_shared/data/notices';
import { enqueueOnce, outboxMessage } from '../_shared/data/outbox';
import { quotaLeft, subscriptionId } from '../_shared/data/subscriptions';
import { accountArticle, excerptOf, noticePage } from '../_shared/domain/notices';
import type { CallContext } from '../_shared/function';
import { logError } from '../_shared/log';
import { COVER } from './cover';

/** A claimed job message as the drain reads it from the outbox (the fields these jobs use). */
export interface NoticeJob {
  _id: string;
  topic: string;
  noticeId?: string;
  /** noticeFanout: where the next page of the audience starts (data/cursor.ts); null before the first */
  cursor?: string | null;
  /** noticeFanout: audience members without quota, and notice messages queued, so far */
  noQuota?: number;
  queued?: number;
  fanoutDone?: boolean;
  /** accountPush: the draft made, so a retry publishes it rather than making a second one */
  draftMediaId?: string | null;
  /** accountPush: set just before the submit; a rerun finding it set never submits again */
  submitting?: boolean;
}

type WxError = { errcode: number; errmsg: string };

export interface NoticeJobOutcome {
  /** pending: more to do, run again at once (a temporary failure is thrown instead, for the drain's backoff) */
  status: 'sent' | 'pending' | 'failed';
  error?: WxError;
  /** per-member notice messages created by this call */
  fannedOut?: number;
  /** 订阅号 articles published by this call */
  published?: number;
}

export const FANOUT_PAGE = 500;
const failed = (errmsg: string): NoticeJobOutcome => ({ status: 'failed', error: { errcode: -1, errmsg } });

export async function runNoticeJob(job: NoticeJob, ctx: CallContext): Promise<NoticeJobOutcome> {
  const notice = job.noticeId ? await getNotice(job.noticeId) : null;
  if (!notice) return failed(`notice ${job.noticeId ?? '(none)'} not found`);
  if (job.topic === 'noticeFanout') return fanoutPage(job, notice, ctx);
  if (job.topic === 'accountPush') return pushToAccount(job, notice);
  return failed(`not a notice job: ${job.topic}`);
}

/** One page of the audience after the job's cursor: a notice message for each member with quota for the
 *  notice template, a count of those without; then the cursor advances, once, with the counts. */
async function fanoutPage(job: NoticeJob, notice: NoticeDoc, ctx: CallContext): Promise<NoticeJobOutcome> {
  if (job.fanoutDone) return { status: 'sent', fannedOut: 0 };
  const cursor = job.cursor ?? null;
  const { members: page, cursor: next } = await audiencePage(notice.audience, decodeCursor(cursor), FANOUT_PAGE);
  const quota = await quotaLeft(page.map((m) => subscriptionId(m.openid, 'noticePublished')));
  const consenting = new Set(page.filter((m) => (quota.get(subscriptionId(m.openid, 'noticePublished')) ?? 0) > 0).map((m) => m.openid));
  const messages = page
    .filter((m) => consenting.has(m.openid))
    .map((m) =>
      outboxMessage(
        {
          topic: 'notice',
          toOpenid: m.openid,
          title: notice.title,
          body: excerptOf(notice.body),
          page: noticePage(notice._id),
          causeId: `${notice._id}:${m.openid}`,
          noticeId: notice._id,
          orgName: notice.orgName,
        },
        ctx.now,
      ),
    );
  await enqueueOnce(messages);
  const done = next === null;
  const noQuota = page.length - messages.length;
  const res = (await db
    .collection('outbox')
    .where({ _id: job._id, cursor, fanoutDone: _.neq(true) })
    .update({ data: { cursor: next, fanoutDone: done, noQuota: _.inc(noQuota), queued: _.inc(messages.length) } })) as { stats: { updated: number } };
  const advanced = res.stats.updated === 1;
  if (advanced && done) {
    // The audience as fanned out is the audience: members who joined or left it since publishing
    // would otherwise leave the report's pending never reaching 0.
    const total = (job.noQuota ?? 0) + (job.queued ?? 0) + page.length;
    if (total !== notice.audienceSize) await db.collection('notices').doc(notice._id).update({ data: { audienceSize: total } });
  }
  return { status: done ? 'sent' : 'pending', fannedOut: advanced ? messages.length : 0 };
}

// ---- the 订阅号 (official account) API ----

/** WeChat errors worth retrying: system busy, rate limits; anything else is permanent. */
const TEMPORARY = new Set([-1, 45009, 45011]);

/** An error answer of the API; errCode/errMsg as wx-server-sdk's errors carry them, so the drain retries a
 *  temporary one with its backoff as it does a send. */
class WxApiError extends Error {
  readonly errCode: number;
  readonly errMsg: string;
  constructor(readonly wx: WxError) {
    super(`${wx.errcode} ${wx.errmsg}`);
    this.errCode = wx.errcode;
    this.errMsg = wx.errmsg;
  }
}

async function wxCall<T>(url: string, init: RequestInit): Promise<T> {
  let answer: (T & Partial<WxError>) | null = null;
  try {
    const res = await fetch(url, init);
    answer = (await res.json()) as T & Partial<WxError>;
  } catch (e) {
    throw new WxApiError({ errcode: -1, errmsg: `network: ${(e as Error).message}` });
  }
  if (answer.errcode) throw new WxApiError({ errcode: answer.errcode, errmsg: answer.errmsg ?? '' });
  return answer;
}

const postJson = <T>(url: string, body: object): Promise<T> =>
  wxCall<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function uploadCover(base: string, token: string): Promise<string> {
  const form = new FormData();
  form.append('media', new Blob([new Uint8Array(COVER.bytes)], { type: COVER.contentType }), COVER.filename);
  const { media_id } = await wxCall<{ media_id: string }>(`${base}/cgi-bin/material/add_material?access_token=${encodeURIComponent(token)}&type=thumb`, { method: 'POST', body: form });
  await db.collection('settings').doc(COVER_SETTING).set({ data: { mediaId: media_id } });
  return media_id;
}

const COVER_SETTING = 'mpCover';

async function cachedCover(): Promise<string | null> {
  const [s] = await rows<{ mediaId?: string }>(db.collection('settings').where({ _id: COVER_SETTING }).limit(1));
  return s?.mediaId ?? null;
}

async function recordAccount(notice: NoticeDoc, account: NoticeDoc['account']): Promise<void> {
  await db.collection('notices').doc(notice._id).update({ data: { account: _.set(account) } });
}

async function pushToAccount(job: NoticeJob, notice: NoticeDoc): Promise<NoticeJobOutcome> {
  if (notice.account.status === 'published') return { status: 'sent', published: 0 };
  const fail = async (error: WxError, message: string): Promise<NoticeJobOutcome> => {
    await recordAccount(notice, { status: 'failed', error: message });
    return { status: 'failed', error };
  };
  if (job.submitting) {
    // a drain died between submitting and recording: the article may be out; never submit twice
    return fail({ errcode: -1, errmsg: 'publish interrupted; outcome unknown' }, '发布过程中断，是否已发布未知，请到公众号后台核对');
  }
  const appid = process.env.MP_APPID;
  const secret = process.env.MP_SECRET;
  if (!appid || !secret) return fail({ errcode: -1, errmsg: 'MP_APPID / MP_SECRET not configured' }, '未配置订阅号的 AppID 和 AppSecret（MP_APPID、MP_SECRET）');
  const base = (process.env.MP_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, '');
  let submitting = false;
  try {
    const { access_token: token } = await postJson<{ access_token: string }>(`${base}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid, secret });
    const withToken = (cgi: string) => `${base}${cgi}?access_token=${encodeURIComponent(token)}`;
    let mediaId = job.draftMediaId ?? null;
    if (!mediaId) {
      const addDraft = async (thumb: string) => (await postJson<{ media_id: string }>(withToken('/cgi-bin/draft/add'), { articles: [accountArticle(notice, thumb)] })).media_id;
      const cached = await cachedCover();
      try {
        mediaId = await addDraft(cached ?? (await uploadCover(base, token)));
      } catch (e) {
        // the cached cover may be gone from the account's material: upload it again, once
        if (!(cached && e instanceof WxApiError && e.wx.errcode === 40007)) throw e;
        mediaId = await addDraft(await uploadCover(base, token));
      }
      await db.collection('outbox').doc(job._id).update({ data: { draftMediaId: mediaId } });
    }
    await db.collection('outbox').doc(job._id).update({ data: { submitting: true } });
    submitting = true;
    const { publish_id } = await postJson<{ publish_id: string }>(withToken('/cgi-bin/freepublish/submit'), { media_id: mediaId });
    await recordAccount(notice, { status: 'published', publishId: String(publish_id) });
    return { status: 'sent', published: 1 };
  } catch (e) {
    if (!(e instanceof WxApiError)) throw e;
    // WeChat answered a submit with an error: nothing was published, so it may be tried again. A submit
    // that got no answer stays marked: the rerun reports it unknown rather than risk a second article.
    const answered = !e.wx.errmsg.startsWith('network:');
    if (submitting && answered) await db.collection('outbox').doc(job._id).update({ data: { submitting: false } });
    if (TEMPORARY.has(e.wx.errcode) && (!submitting || answered)) {
      await recordAccount(notice, { status: 'pending', error: `订阅号暂时无法发布（${e.wx.errcode}），稍后自动重试` });
      throw e;
    }
    logError('订阅号 publish failed', { fn: 'notices', action: 'accountPush', noticeId: notice._id, errcode: e.wx.errcode });
    return fail(e.wx, `订阅号发布失败（${e.wx.errcode}）`);
  }
}
