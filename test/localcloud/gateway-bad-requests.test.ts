// Events the gateway cannot pass on, sent to the product's functions as an attacker would: a body of about
// 12 KB holding 6,000 nested arrays parses, but cannot be sent on to an instance. It is refused at once as
// CloudBase refuses an event it cannot take (HTTP 400, FUNCTION_PARAM_INVALID), no instance is taken for it,
// and a burst of them leaves every other caller served. An event over 6 MB (SCF's limit) is refused too.
import { Localcloud, startLocalcloud } from '../harness/localcloud';

const MEMBER = 'o-demo-member';
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** members.me with a deeply nested field beside the action */
const deepEvent = (depth: number) => `{"action":"me","x":${nested(depth)}}`;

let lc: Localcloud;

beforeAll(async () => {
  lc = await startLocalcloud({ demo: true });
});
afterAll(() => lc?.dispose());

async function post(name: string, body: string) {
  const res = await fetch(`${lc.url}/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': MEMBER }, body });
  return { status: res.status, body: (await res.json()) as { result?: { ok: boolean; error?: { code: string } }; errCode?: number; errMsg?: string }, invocation: res.headers.get('x-localcloud-invocation') };
}
const busyInstances = async () => (await lc.postJson<{ killed: number }>('/__localcloud/functions/members/kill')).killed;

test('a 6,000-deep event is refused with a clean 400 and runs nothing', async () => {
  const body = deepEvent(6000);
  expect(body.length).toBeLessThan(13_000);
  const res = await post('members', body);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ errCode: -1, errMsg: expect.stringMatching(/^cloud\.callFunction:fail FUNCTION_PARAM_INVALID: the event cannot be passed to the function/) });
  expect(res.invocation).toBeNull();
  expect(await busyInstances()).toBe(0);
});

test('a burst of 16 leaves ordinary calls served and no instance busy', async () => {
  const deep = Array.from({ length: 16 }, () => post('members', deepEvent(6000)));
  const ordinary = Array.from({ length: 4 }, () => post('members', '{"action":"me"}'));
  const [refused, served] = await Promise.all([Promise.all(deep), Promise.all(ordinary)]);
  for (const r of refused) expect(r).toMatchObject({ status: 400, body: { errCode: -1, errMsg: expect.stringContaining('FUNCTION_PARAM_INVALID') } });
  for (const r of served) expect(r).toMatchObject({ status: 200, body: { result: { ok: true } } });
  expect(await busyInstances()).toBe(0);
  expect((await post('members', '{"action":"me"}')).body.result).toMatchObject({ ok: true });
});

test('the same event through cloud.callFunction is refused with FUNCTION_PARAM_INVALID', async () => {
  const reply = await lc.postJson<{ code?: string; message?: string }>('/admin', { action: 'functions.invokeFunction', function_name: 'members', request_data: deepEvent(6000) });
  expect(reply).toMatchObject({ code: 'FUNCTION_PARAM_INVALID', message: expect.stringContaining('the event cannot be passed to the function') });
});

test('a nested event that can be passed on reaches the function, whose schema refuses it', async () => {
  const res = await post('members', deepEvent(50));
  expect(res).toMatchObject({ status: 200, body: { result: { ok: false, error: { code: 'VALIDATION_FAILED' } } } });
});

test('an event over 6 MB is refused, and the gateway keeps serving', async () => {
  const res = await fetch(`${lc.url}/functions/members`, { method: 'POST', headers: { 'x-wx-openid': MEMBER }, body: `{"action":"me","x":"${'x'.repeat(6 * 1024 * 1024)}"}` });
  expect(res.status).toBe(413);
  expect(await res.json()).toEqual({ errCode: -1, errMsg: 'request body too large' });
  expect((await post('members', '{"action":"me"}')).body.result).toMatchObject({ ok: true });
});
