// cloud.openapi through the real wx-server-sdk against localcloud: subscribeMessage.send with WeChat's
// template, quota and data rules, the recording sink, and the subscription-account (mp) sink.
import fs from 'node:fs';
import path from 'node:path';
import { Localcloud, ROOT, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
interface Call {
  apiName: string;
  data: Record<string, unknown>;
  invocationId?: string;
  result: { errcode?: number; errmsg?: string; [k: string]: unknown };
}

const INVOCATION = 'openapi-test-invocation';
// templates with every kind of field the sink checks (the product's own use fewer)
const TEMPLATES_FILE = path.join(ROOT, 'test/fixtures/subscribe-templates.test.json');
const templates = JSON.parse(fs.readFileSync(TEMPLATES_FILE, 'utf8')).templates as Record<string, { templateId: string }>;
const STATUS = templates.applicationStatus.templateId;
const MEMBER = 'oMEMBER_0000000000000000001';

let lc: Localcloud;
let cloud: Cloud;

beforeAll(async () => {
  lc = await startLocalcloud({ env: { LOCALCLOUD_SUBSCRIBE_TEMPLATES: TEMPLATES_FILE } });
  lc.useSdk();
  // as if sent by a function localcloud runs, so the sink can name the invocation
  process.env.TENCENTCLOUD_SESSIONTOKEN = `localcloud-invocation:${INVOCATION}`;
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
});

afterAll(async () => {
  await lc.dispose();
});

const statusData = (over: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries({ thing1: '法律援助申请', phrase2: '已受理', time3: '2024年5月1日 15:01', thing4: '请留意后续通知', ...over }).map(([k, value]) => [k, { value }]),
  );

const send = (touser: string, templateId: string, data: Record<string, { value: string }>) =>
  cloud.openapi.subscribeMessage.send({ touser, templateId, page: 'pages/index/index', data, miniprogramState: 'developer' });

const calls = async (apiName?: string) =>
  (await lc.getJson<{ calls: Call[] }>(`/__localcloud/openapi/calls${apiName ? `?apiName=${encodeURIComponent(apiName)}` : ''}`)).calls;

const grant = (openid: string, templateIds: string[]) => lc.postJson<{ quota: Record<string, number> }>('/__localcloud/openapi/subscriptions', { openid, templateIds });

describe('subscribeMessage.send', () => {
  beforeEach(async () => {
    await fetch(`${lc.url}/__localcloud/openapi/calls`, { method: 'DELETE' });
  });

  test('an unknown template is 40037', async () => {
    await expect(send(MEMBER, 'no-such-template', statusData())).rejects.toMatchObject({ errCode: 40037 });
  });

  test('an openid that cannot be one is 40003', async () => {
    await expect(send('bad id!', STATUS, statusData())).rejects.toMatchObject({ errCode: 40003 });
  });

  test('without a subscription it is 43101; one tap allows exactly one send', async () => {
    const member = 'oMEMBER_quota_00000000000001';
    await expect(send(member, STATUS, statusData())).rejects.toMatchObject({ errCode: 43101, errMsg: expect.stringMatching(/user refuse to accept the msg/) });
    expect((await grant(member, [STATUS])).quota).toEqual({ [STATUS]: 1 });

    await expect(send(member, STATUS, statusData())).resolves.toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    await expect(send(member, STATUS, statusData())).rejects.toMatchObject({ errCode: 43101 });
    expect(await lc.getJson(`/__localcloud/openapi/subscriptions?openid=${member}`)).toEqual({ openid: member, quota: { [STATUS]: 0 } });

    const sent = await calls('subscribeMessage.send');
    expect(sent.map((c) => c.result.errcode)).toEqual([43101, 0, 43101]);
    expect(sent[1]).toMatchObject({
      invocationId: INVOCATION,
      data: { touser: member, template_id: STATUS, page: 'pages/index/index', miniprogram_state: 'developer', data: statusData() },
    });
  });

  test.each([
    ['a missing field', { thing4: '' }],
    ['thing over 20 characters', { thing1: '一二三四五六七八九十一二三四五六七八九十一' }],
    ['phrase over 5 characters', { phrase2: '已经受理完毕了' }],
    ['phrase that is not Chinese', { phrase2: 'ok' }],
    ['time in no WeChat format', { time3: 'tomorrow' }],
  ])('bad data (%s) is 47003 and uses no quota', async (_name, over) => {
    const member = 'oMEMBER_data_000000000000001';
    await grant(member, [STATUS]);
    await expect(send(member, STATUS, statusData(over))).rejects.toMatchObject({ errCode: 47003 });
    expect((await lc.getJson<{ quota: Record<string, number> }>(`/__localcloud/openapi/subscriptions?openid=${member}`)).quota[STATUS]).toBeGreaterThan(0);
  });

  test('field formats WeChat accepts pass', async () => {
    const member = 'oMEMBER_format_0000000000001';
    await grant(member, [STATUS, STATUS]);
    await expect(send(member, STATUS, statusData({ time3: '15:01' }))).resolves.toMatchObject({ errCode: 0 });
    await expect(send(member, STATUS, statusData({ time3: '2024-05-01 08:00 ~ 2024-05-02 09:30', thing1: '一二三四五六七八九十一二三四五六七八九十' }))).resolves.toMatchObject({ errCode: 0 });
  });

  test('many members tapping at once (for big tests) each get one send; an empty list is refused', async () => {
    const many = ['oMEMBER_many_00000000000001', 'oMEMBER_many_00000000000002'];
    expect(await lc.postJson('/__localcloud/openapi/subscriptions', { openids: many, templateIds: [STATUS] })).toEqual({ granted: 2 });
    for (const openid of many) expect(await lc.getJson(`/__localcloud/openapi/subscriptions?openid=${openid}`)).toEqual({ openid, quota: { [STATUS]: 1 } });
    const empty = await fetch(`${lc.url}/__localcloud/openapi/subscriptions`, { method: 'POST', body: JSON.stringify({ openids: [], templateIds: [STATUS] }) });
    expect(empty.status).toBe(400);
  });

  test('granting an unknown template is refused like wx.requestSubscribeMessage', async () => {
    const res = await fetch(`${lc.url}/__localcloud/openapi/subscriptions`, { method: 'POST', body: JSON.stringify({ openid: MEMBER, templateIds: ['nope'] }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errCode: 20001 });
  });
});

describe('faults', () => {
  const fault = (body: unknown) => fetch(`${lc.url}/__localcloud/openapi/faults`, { method: 'POST', body: JSON.stringify(body) });
  afterEach(async () => {
    await fetch(`${lc.url}/__localcloud/openapi/faults`, { method: 'DELETE' });
  });

  test('the next `times` calls answer the injected errcode, use no quota, and are recorded; then WeChat answers again', async () => {
    const member = 'oMEMBER_fault_00000000000001';
    await grant(member, [STATUS]);
    expect((await fault({ apiName: 'subscribeMessage.send', errcode: -1, times: 2 })).status).toBe(200);
    await expect(send(member, STATUS, statusData())).rejects.toMatchObject({ errCode: -1 });
    await expect(send(member, STATUS, statusData())).rejects.toMatchObject({ errCode: -1 });
    await expect(send(member, STATUS, statusData())).resolves.toMatchObject({ errCode: 0 });
    expect((await calls('subscribeMessage.send')).slice(-3).map((c) => c.result.errcode)).toEqual([-1, -1, 0]);
  });

  test('latency delays the answer; DELETE clears faults; a bad fault is refused', async () => {
    await fault({ apiName: 'security.msgSecCheck', latencyMs: 300, times: 1 });
    const t0 = Date.now();
    await cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 1, openid: MEMBER });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    await fault({ apiName: 'security.msgSecCheck', errcode: -1, times: 5 });
    expect(await (await fetch(`${lc.url}/__localcloud/openapi/faults`, { method: 'DELETE' })).json()).toEqual({ cleared: 1 });
    await expect(cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 1, openid: MEMBER })).resolves.toMatchObject({ errCode: 0 });
    expect((await fault({ apiName: 'subscribeMessage.send', times: 1 })).status).toBe(400);
    expect((await fault({ apiName: 'subscribeMessage.send', errcode: -1, times: 0 })).status).toBe(400);
  });
});

test('other openapi calls are recorded and answered with success', async () => {
  const res = await cloud.openapi.security.msgSecCheck({ content: '你好', version: 2, scene: 1, openid: MEMBER });
  expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass' } });
  const [call] = await calls('security.msgSecCheck');
  expect(call).toMatchObject({ data: { content: '你好', version: 2, scene: 1, openid: MEMBER }, invocationId: INVOCATION, result: { errcode: 0 } });
  await fetch(`${lc.url}/__localcloud/openapi/calls`, { method: 'DELETE' });
  expect(await calls()).toEqual([]);
});

describe('subscription-account sink', () => {
  const mp = (p: string) => `${lc.url}/__localcloud/mp/cgi-bin${p}`;
  const post = async (p: string, body: unknown) => (await fetch(mp(p), { method: 'POST', body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  const get = async (p: string) => (await fetch(mp(p))).json() as Promise<Record<string, unknown>>;

  test('bad credentials get 40013 / 40125', async () => {
    expect(await get('/token?grant_type=client_credential&appid=wx1111111111111111&secret=00000000000000000000000000000001')).toMatchObject({ errcode: 40013 });
    expect(await get('/token?grant_type=client_credential&appid=wx0000000000000001&secret=wrong')).toMatchObject({ errcode: 40125 });
    expect(await post('/stable_token', { grant_type: 'client_credential', appid: 'wx0000000000000001', secret: 'wrong' })).toMatchObject({ errcode: 40125 });
  });

  test('token, material, draft and publish', async () => {
    const { access_token: token } = await post('/stable_token', { grant_type: 'client_credential', appid: 'wx0000000000000001', secret: '00000000000000000000000000000001' });
    expect(token).toEqual(expect.any(String));
    expect(await get('/token?grant_type=client_credential&appid=wx0000000000000001&secret=00000000000000000000000000000001')).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });

    const article = { title: '夏送清凉活动通知', author: '区总工会', content: '<p>活动开始</p>', thumb_media_id: 'unknown' };
    expect(await post(`/draft/add?access_token=nope`, { articles: [article] })).toMatchObject({ errcode: 40001 });
    expect(await post(`/draft/add?access_token=${token}`, { articles: [article] })).toMatchObject({ errcode: 40007 });

    const form = new FormData();
    form.append('media', new Blob([Buffer.from([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'thumb.jpg');
    const material = (await (await fetch(mp(`/material/add_material?access_token=${token}&type=image`), { method: 'POST', body: form })).json()) as { media_id: string };
    expect(material.media_id).toEqual(expect.any(String));

    expect(await post(`/draft/add?access_token=${token}`, { articles: [{ ...article, thumb_media_id: material.media_id, title: '标'.repeat(33) }] })).toMatchObject({ errcode: 45003 });
    const draft = await post(`/draft/add?access_token=${token}`, { articles: [{ ...article, thumb_media_id: material.media_id }] });
    expect(draft.media_id).toEqual(expect.any(String));
    expect(await post(`/freepublish/submit?access_token=${token}`, { media_id: 'nope' })).toMatchObject({ errcode: 40007 });
    expect(await post(`/freepublish/submit?access_token=${token}`, { media_id: draft.media_id })).toMatchObject({ errcode: 0, publish_id: expect.any(String) });

    const [published] = (await calls('mp:/cgi-bin/freepublish/submit')).filter((c) => c.result.errcode === 0);
    expect(published.data).toMatchObject({ media_id: draft.media_id, articles: [{ title: '夏送清凉活动通知' }], access_token: '***' });
    expect(JSON.stringify(await calls())).not.toContain('00000000000000000000000000000001');
  });
});
