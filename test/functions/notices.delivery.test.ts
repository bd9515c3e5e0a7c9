// Delivering the outbox through localcloud: the drain (fired as its timer trigger does) sends subscribe
// messages through the real wx-server-sdk to localcloud's sink, which answers with WeChat's rules and quota;
// members record consent with `subscribe` and read every personal message in `inbox`. Temporary failures
// are retried with backoff, permanent ones recorded; two drains at once and a drain killed midway send
// nothing twice and lose nothing.
import { randomUUID } from 'node:crypto';
import type { DrainOutcome, InboxItem } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import { requestKey, sdkDb, SUMMER_RELIEF, summerReliefAnswers } from './applicationsFixtures';
import templatesFile from '../../cloudbase/subscribe-templates.json';

const lc = useLocalcloud({ demo: true });
const STATUS_TEMPLATE = templatesFile.templates.applicationStatus.templateId;

interface SinkCall {
  data: { touser: string; template_id: string; page: string; miniprogram_state: string; data: Record<string, { value: string }> };
  invocationId?: string;
  result: { errcode: number; errmsg: string };
}
interface OutboxRow {
  _id: string;
  toOpenid: string;
  causeId: string;
  status: string;
  attempts: number;
  dueAt: Date;
  lastError?: { errcode: number; errmsg: string };
}

const db = () => sdkDb(lc);
const outboxOf = async (where: object): Promise<OutboxRow[]> => ((await db().collection('outbox').where(where).limit(1000).get()) as unknown as { data: OutboxRow[] }).data;
const byOpenid = (openids: string[]) => ({ toOpenid: db().command.in(openids) });

async function fire(): Promise<{ invocationId: string | null; result?: { ok: boolean; data?: DrainOutcome; error?: unknown }; errCode?: number }> {
  const res = await fetch(`${lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
  const body = (await res.json()) as { result?: { ok: boolean; data?: DrainOutcome }; errCode?: number };
  return { invocationId: res.headers.get('x-localcloud-invocation'), ...body };
}
const drained = async () => data((await fire()).result as { ok: true; data: DrainOutcome });

async function sinkCalls(touser?: string[]): Promise<SinkCall[]> {
  const { calls } = await lc.getJson<{ calls: SinkCall[] }>('/__localcloud/openapi/calls?apiName=subscribeMessage.send');
  return touser ? calls.filter((c) => touser.includes(c.data.touser)) : calls;
}
const fault = (body: object) => lc.postJson('/__localcloud/openapi/faults', { apiName: 'subscribeMessage.send', ...body });
const clearFaults = () => fetch(`${lc.url}/__localcloud/openapi/faults`, { method: 'DELETE' });

/** A member's tap on 允许 in wx.requestSubscribeMessage: WeChat grants the quota, the page tells `subscribe`. */
async function tapAllow(openid: string) {
  await lc.postJson('/__localcloud/openapi/subscriptions', { openid, templateIds: [STATUS_TEMPLATE] });
  return data(await callAs(lc, openid, 'notices', 'subscribe', { accepted: ['applicationStatus'] })).quota;
}

/** `n` personal messages written straight into the outbox, each to its own (non-member) openid that has
 *  accepted the status template once (in WeChat's sink and in our quota), unless `quota` is false. */
async function scene(n: number, name: string, quota = true): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const openids = Array.from({ length: n }, (_, i) => `o-dlv-${name}-${run}-${i}`);
  const now = new Date();
  await db()
    .collection('outbox')
    .add({
      data: openids.map((toOpenid, i) => ({
        topic: 'applicationStatus',
        toOpenid,
        title: '申请已批准',
        body: `您的申请已批准（${i}）。`,
        phrase: '已批准',
        page: `pages/progress/index?m=${i}`,
        status: 'pending',
        attempts: 0,
        createdAt: now,
        dueAt: now,
        causeId: `${toOpenid}:v1`,
      })),
    } as never);
  if (quota) {
    await Promise.all(openids.map((openid) => lc.postJson('/__localcloud/openapi/subscriptions', { openid, templateIds: [STATUS_TEMPLATE] })));
    await Promise.all(
      openids.map((openid) =>
        db().collection('subscriptions').doc(`${openid}:applicationStatus`).set({ data: { openid, template: 'applicationStatus', quota: 1, updatedAt: now } }),
      ),
    );
  }
  return openids;
}

/** Time passes: these messages are due (or their lease is over) now. */
async function makeDue(where: object) {
  await db().collection('outbox').where(where).update({ data: { dueAt: new Date(Date.now() - 1000) } });
}

const inboxOf = async (openid: string): Promise<InboxItem[]> => data(await callAs(lc, openid, 'notices', 'inbox', {})).items;

beforeEach(async () => {
  await clearFaults();
  await drained(); // nothing left over from earlier tests
  await fetch(`${lc.url}/__localcloud/openapi/calls`, { method: 'DELETE' });
});

describe('a status change', () => {
  test('reaches a member with quota as exactly one subscribe message, and one without only in the inbox', async () => {
    const submitted = data(
      await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(`城关镇环卫所${randomUUID().slice(0, 6)}`) }),
    ).application;
    // no consent yet: the 申请已提交 message stays in the inbox, WeChat is not called
    expect(await drained()).toMatchObject({ sent: 0, noQuota: 1 });
    expect(await sinkCalls()).toEqual([]);

    expect(await tapAllow(PEOPLE.member)).toEqual({ applicationStatus: 1, reviewTask: 0, noticePublished: 0 });
    data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: submitted.applicationId, version: submitted.version, transition: 'return', comment: '请补充现场照片和参加人数的说明材料' }));
    // a membership reviewed for someone who never subscribed
    const { profile } = data(await callAs(lc, PEOPLE.pending, 'members', 'me', {}));
    data(await callAs(lc, PEOPLE.cgOfficer, 'members', 'review', { memberId: profile!.memberId, version: profile!.version, decision: 'approve' }));

    expect(await drained()).toMatchObject({ sent: 1, noQuota: 1, failed: 0, retried: 0 });
    expect(await drained()).toMatchObject({ sent: 0, noQuota: 0 });
    const calls = await sinkCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      data: {
        touser: PEOPLE.member,
        template_id: STATUS_TEMPLATE,
        page: `pages/application/index?applicationId=${submitted.applicationId}`,
        miniprogram_state: 'formal',
        data: {
          thing1: { value: expect.stringMatching(/^\d{4}年夏送清凉申请$/) },
          phrase2: { value: '待补充' },
          // the news first: what to supplement, cut to WeChat's 20 characters
          thing3: { value: '需补充：请补充现场照片和参加人数的说明…' },
          time4: { value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) },
        },
      },
      result: { errcode: 0 },
    });
    expect([...calls[0].data.data.thing3.value]).toHaveLength(20);
    // our quota is used up, as WeChat's is
    expect(data(await callAs(lc, PEOPLE.member, 'notices', 'subscribe', { accepted: ['noticePublished'] })).quota).toEqual({ applicationStatus: 0, reviewTask: 0, noticePublished: 1 });

    const [returned, first] = await inboxOf(PEOPLE.member);
    expect(returned).toMatchObject({ title: '申请需要补充材料', page: `pages/application/index?applicationId=${submitted.applicationId}` });
    expect(first).toMatchObject({ title: '申请已提交' });
    expect(await outboxOf({ toOpenid: PEOPLE.member, topic: 'applicationStatus' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '申请需要补充材料', status: 'sent' }), expect.objectContaining({ title: '申请已提交', status: 'noQuota' })]),
    );
    expect(await outboxOf({ toOpenid: PEOPLE.pending })).toEqual([expect.objectContaining({ topic: 'membershipReviewed', status: 'noQuota' })]);
    expect(await inboxOf(PEOPLE.pending)).toEqual([expect.objectContaining({ title: '会员认证已通过', page: 'pages/mine/index' })]);
  });

  test('the inbox pages newest first by cursor and holds only the caller\'s personal messages', async () => {
    const [openid] = await scene(1, 'inbox', false);
    const now = Date.now();
    await db()
      .collection('outbox')
      .add({
        data: [1, 2, 3].map((i) => ({ topic: 'caseStatus', toOpenid: openid, title: `消息${i}`, body: '', page: 'pages/progress/index', status: 'sent', attempts: 0, createdAt: new Date(now + i * 1000), dueAt: new Date(now), causeId: `${openid}:${i}` })),
      } as never);
    const first = data(await callAs(lc, openid, 'notices', 'inbox', { limit: 2 }));
    expect(first.items.map((m) => m.title)).toEqual(['消息3', '消息2']);
    const second = data(await callAs(lc, openid, 'notices', 'inbox', { limit: 2, cursor: first.cursor }));
    expect(second).toEqual({ items: [expect.objectContaining({ title: '消息1' }), expect.objectContaining({ title: '申请已批准' })], cursor: expect.any(String) });
    expect(data(await callAs(lc, openid, 'notices', 'inbox', { limit: 2, cursor: second.cursor }))).toEqual({ items: [], cursor: null });
    expect(await inboxOf(PEOPLE.newcomer)).toEqual([]);
  });
});

describe('subscribe', () => {
  test.each([
    ['nothing accepted', { accepted: [] }, 'VALIDATION_FAILED'],
    ['an unknown template', { accepted: ['marketing'] }, 'VALIDATION_FAILED'],
    ['a template twice', { accepted: ['applicationStatus', 'applicationStatus'] }, 'VALIDATION_FAILED'],
    ['an unexpected field', { accepted: ['applicationStatus'], openid: PEOPLE.member }, 'VALIDATION_FAILED'],
  ])('%s is refused and changes nothing', async (_name, input, code) => {
    const before = await snapshot(lc, ['subscriptions']);
    expect(await callAs(lc, PEOPLE.staff, 'notices', 'subscribe', input)).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expect(await snapshot(lc, ['subscriptions'])).toEqual(before);
  });

  test('someone not registered cannot record consent', async () => {
    expect(await callAs(lc, PEOPLE.newcomer, 'notices', 'subscribe', { accepted: ['applicationStatus'] })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  test('each accepted template adds one send', async () => {
    const first = data(await callAs(lc, PEOPLE.lawyer, 'notices', 'subscribe', { accepted: ['applicationStatus', 'reviewTask'] })).quota;
    const second = data(await callAs(lc, PEOPLE.lawyer, 'notices', 'subscribe', { accepted: ['reviewTask'] })).quota;
    expect(second).toEqual({ ...first, reviewTask: first.reviewTask! + 1 });
  });
});

describe('the drain', () => {
  test('only the timer may run it', async () => {
    expect(await callAs(lc, PEOPLE.admin, 'notices', 'drain', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a temporary failure is retried later with backoff and sent once', async () => {
    const [openid] = await scene(1, 'retry');
    await fault({ errcode: -1, times: 1 });
    expect(await drained()).toMatchObject({ sent: 0, retried: 1 });
    const [after] = await outboxOf({ toOpenid: openid });
    expect(after).toMatchObject({ status: 'pending', attempts: 1, lastError: { errcode: -1 } });
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(Date.now() + 30_000); // about a minute later
    expect(await drained()).toMatchObject({ sent: 0, retried: 0 }); // not due yet

    await makeDue({ toOpenid: openid });
    expect(await drained()).toMatchObject({ sent: 1 });
    expect((await sinkCalls([openid])).map((c) => c.result.errcode)).toEqual([-1, 0]);
    expect(await outboxOf({ toOpenid: openid })).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  test('after five temporary failures a message is failed', async () => {
    const [openid] = await scene(1, 'busy');
    await fault({ errcode: -1, times: 5 });
    for (let i = 1; i <= 5; i++) {
      await makeDue({ toOpenid: openid });
      await drained();
    }
    expect(await outboxOf({ toOpenid: openid })).toEqual([expect.objectContaining({ status: 'failed', attempts: 5, lastError: expect.objectContaining({ errcode: -1 }) })]);
    await makeDue({ toOpenid: openid });
    await drained();
    expect(await sinkCalls([openid])).toHaveLength(5);
  });

  test('permanent failures are recorded: bad openid, no quota at WeChat, no data for a field', async () => {
    const [badOpenid, notAtWechat] = ['bad openid!', `o-dlv-noquota-${randomUUID().slice(0, 8)}`];
    const now = new Date();
    const message = (toOpenid: string, title: string) => ({ topic: 'caseStatus', toOpenid, title, body: '正文', phrase: '办理中', page: 'pages/progress/index', status: 'pending', attempts: 0, createdAt: now, dueAt: now, causeId: `${toOpenid}:${title}` });
    await db().collection('outbox').add({ data: [message(badOpenid, '案件进展'), message(notAtWechat, '案件进展'), message(notAtWechat, '   ')] } as never);
    for (const openid of [badOpenid, notAtWechat]) {
      await db().collection('subscriptions').doc(`${openid}:applicationStatus`).set({ data: { openid, template: 'applicationStatus', quota: 2, updatedAt: now } });
    }
    expect(await drained()).toMatchObject({ sent: 0, failed: 2, noQuota: 1 });
    const [bad] = await outboxOf({ toOpenid: badOpenid });
    expect(bad).toMatchObject({ status: 'failed', lastError: { errcode: 40003, errmsg: expect.stringContaining('invalid openid') } });
    expect(bad.lastError!.errmsg).not.toMatch(/rid:/);
    const other = await outboxOf({ toOpenid: notAtWechat });
    expect(other).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: '案件进展', status: 'noQuota', lastError: expect.objectContaining({ errcode: 43101 }) }),
        expect.objectContaining({ title: '   ', status: 'failed', lastError: { errcode: 47003, errmsg: 'no value for data.thing1' } }),
      ]),
    );
    // WeChat said there is none: our quota follows
    const quota = (await db().collection('subscriptions').doc(`${notAtWechat}:applicationStatus`).get()) as unknown as { data: { quota: number } };
    expect(quota.data.quota).toBe(0);
    expect(await sinkCalls([badOpenid, notAtWechat])).toHaveLength(2);
  });

  test('someone who accepts again while WeChat answers 43101 keeps that acceptance', async () => {
    // our quota says 1; WeChat finds none (that consent was spent elsewhere) and its 43101 arrives late
    const openid = PEOPLE.spOfficer;
    const subscription = () => db().collection('subscriptions').doc(`${openid}:applicationStatus`);
    const now = new Date();
    await subscription().set({ data: { openid, template: 'applicationStatus', quota: 1, updatedAt: now } });
    const causeId = `${openid}:again-${randomUUID().slice(0, 8)}`;
    await db().collection('outbox').add({ data: { topic: 'applicationStatus', toOpenid: openid, title: '申请已批准', body: '您的申请已批准。', phrase: '已批准', page: 'pages/progress/index', status: 'pending', attempts: 0, createdAt: now, dueAt: now, causeId } } as never);
    await fault({ errcode: 43101, latencyMs: 1500, times: 1 });
    const draining = drained();
    const status = async () => (await outboxOf({ causeId }))[0].status;
    for (let i = 0; i < 200 && (await status()) !== 'sending'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await status()).toBe('sending');
    expect(await tapAllow(openid)).toMatchObject({ applicationStatus: 2 }); // accepted again while the send is in flight
    await draining;
    expect(await outboxOf({ causeId })).toEqual([expect.objectContaining({ status: 'noQuota', lastError: expect.objectContaining({ errcode: 43101 }) })]);
    // the new acceptance, which WeChat holds too: one send left
    expect(((await subscription().get()) as unknown as { data: { quota: number } }).data.quota).toBe(1);
    expect(data(await callAs(lc, openid, 'notices', 'subscribe', { accepted: ['noticePublished'] })).quota).toMatchObject({ applicationStatus: 1 });
  });

  test('two drains at once send every message exactly once', async () => {
    const openids = await scene(20, 'twice');
    await fault({ latencyMs: 50, times: 1000 });
    const [a, b] = await Promise.all([drained(), drained()]);
    expect(a.sent + b.sent).toBe(20);
    const calls = await sinkCalls(openids);
    expect(calls.map((c) => c.data.touser).sort()).toEqual([...openids].sort());
    expect(calls.every((c) => c.result.errcode === 0)).toBe(true);
    expect((await outboxOf(byOpenid(openids))).map((m) => m.status)).toEqual(Array(20).fill('sent'));
  });

  test('a drain killed midway and restarted sends nothing twice and loses nothing', async () => {
    const openids = await scene(20, 'killed');
    await fault({ latencyMs: 1500, times: 1000 });
    const dying = fire();
    // wait until the first chunk is recorded and the second is in flight
    const statuses = async () => (await outboxOf(byOpenid(openids))).map((m) => m.status);
    for (let i = 0; i < 200; i++) {
      const s = await statuses();
      if (s.filter((x) => x === 'sent').length === 8 && s.includes('sending')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await lc.postJson('/__localcloud/functions/notices/kill')).toEqual({ killed: 1 });
    expect((await dying).errCode).toBe(-404011);
    await clearFaults();
    const inFlight = (await outboxOf(byOpenid(openids))).filter((m) => m.status === 'sending');
    expect(inFlight).toHaveLength(8);

    expect(await drained()).toMatchObject({ unknown: 0, sent: 4 }); // the lease still holds: left alone
    await makeDue({ ...byOpenid(openids), status: 'sending' }); // the lease is over
    expect(await drained()).toMatchObject({ unknown: 8, sent: 0 });

    const final = await outboxOf(byOpenid(openids));
    expect(final.filter((m) => m.status === 'sent')).toHaveLength(12);
    expect(final.filter((m) => m.status === 'unknown').map((m) => m._id).sort()).toEqual(inFlight.map((m) => m._id).sort());
    // whatever reached WeChat reached it once; the sink may or may not have answered the killed chunk
    await new Promise((r) => setTimeout(r, 1600));
    const tousers = (await sinkCalls(openids)).map((c) => c.data.touser);
    expect(new Set(tousers).size).toBe(tousers.length);
    expect(tousers.length).toBeGreaterThanOrEqual(12);
    for (const openid of [openids[0], inFlight[0].toOpenid, openids[19]]) expect(await inboxOf(openid)).toHaveLength(1);
  });

  test('a chunk costs a fixed number of round trips, all indexed', async () => {
    const counted = async (n: number) => {
      await scene(n, `cost${n}`);
      const { invocationId } = await fire();
      return lc.cost(invocationId);
    };
    const one = await counted(8);
    const two = await counted(16);
    expect(one.unindexedQueries).toBe(0);
    expect(two.unindexedQueries).toBe(0);
    expect(one.byAction['wx.openApi']).toBe(8);
    expect(two.byAction['wx.openApi']).toBe(16);
    const db1 = one.total - 8;
    const db2 = two.total - 16;
    // expiry 2, then per chunk: claim 3 (due, claim, read back), quota 1, outcomes 1, quota use 1; the last claim finds nothing: 1
    expect(db1).toBe(2 + 6 + 1);
    expect(db2 - db1).toBe(6);
  });
});
