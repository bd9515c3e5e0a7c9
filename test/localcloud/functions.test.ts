// The function runtime: fixture functions built with the product's build step, run by localcloud with
// the real wx-server-sdk, reached through the gateway, the SDK (cloud.callFunction) and timer triggers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextFireTime } from '../../localcloud/src/functions/cron';
import { MP_APPID } from '../../localcloud/src/openapi/mp';
import { buildFunction } from '../../scripts/build';
import { Localcloud, ROOT, startLocalcloud } from '../harness/localcloud';

const FIXTURES = path.join(ROOT, 'test/fixtures/functions');

interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
}
interface Echo {
  event: Record<string, unknown>;
  wx: WxContext;
  context: { request_id: string; function_name: string; time_limit_in_ms: number };
  env: { GREETING?: string; TZ?: string; sessionToken?: string; MP_API_BASE?: string; MP_APPID?: string };
  pid: number;
}

let lc: Localcloud;
let functionsDir: string;

beforeAll(async () => {
  functionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-functions-'));
  await Promise.all(fs.readdirSync(FIXTURES).map((name) => buildFunction(path.join(FIXTURES, name), path.join(functionsDir, name))));
  lc = await startLocalcloud({ functions: functionsDir });
});

afterAll(async () => {
  await lc?.dispose();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

async function post(p: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${lc.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, invocationId: res.headers.get('x-localcloud-invocation') };
}

describe('gateway', () => {
  test('answers as wx.cloud.callFunction resolves, with the caller as the WX context', async () => {
    const res = await lc.call<Echo>('echo', { a: 1 }, 'o-alice');
    expect(res.status).toBe(200);
    const body = res.body as { result: Echo; errMsg: string; requestID: string };
    expect(body.errMsg).toBe('cloud.callFunction:ok');
    expect(body.requestID).toBe(res.invocationId);
    const { result } = body;
    expect(result.wx).toEqual({ OPENID: 'o-alice', APPID: expect.stringMatching(/^wx/), ENV: 'local-env', SOURCE: 'wx_client' });
    expect(result.event).toEqual({ a: 1, userInfo: { appId: result.wx.APPID, openId: 'o-alice' } });
    expect(result.context).toEqual({ request_id: res.invocationId, function_name: 'echo', time_limit_in_ms: 5000 });
    expect(result.env).toEqual({
      GREETING: '你好',
      TZ: 'UTC',
      sessionToken: `localcloud-invocation:${res.invocationId}`,
      // the subscription account's settings, pointing at localcloud's sink
      MP_API_BASE: `${lc.url}/__localcloud/mp`,
      MP_APPID,
    });
  });

  test('passes unionid and appid headers; without an openid there is none', async () => {
    const withIds = await post('/functions/echo', '{}', { 'x-wx-openid': 'o-bob', 'x-wx-unionid': 'u-bob', 'x-wx-appid': 'wx1234567890abcdef' });
    expect((withIds.body.result as Echo).wx).toEqual({ OPENID: 'o-bob', UNIONID: 'u-bob', APPID: 'wx1234567890abcdef', ENV: 'local-env', SOURCE: 'wx_client' });
    const anonymous = await lc.call<Echo>('echo', {});
    expect(anonymous.body.result!.wx.OPENID).toBeUndefined();
  });

  test('an unknown function is rejected as CloudBase does', async () => {
    const res = await lc.call('no-such-function', {}, 'o-alice');
    expect(res.body).toMatchObject({ errCode: -501000, errMsg: expect.stringContaining('FunctionName parameter could not be found') });
    expect(res.body.result).toBeUndefined();
  });

  test('a body that is not a JSON object gets a clear 400 and the gateway keeps serving', async () => {
    const bad = await post('/functions/echo', '{not json', { 'x-wx-openid': 'o-alice' });
    expect(bad.status).toBe(400);
    expect(bad.body.errMsg).toMatch(/not JSON/);
    expect((await post('/functions/echo', '[1,2]')).status).toBe(400);
    expect((await lc.call<Echo>('echo', { after: true }, 'o-alice')).body.result!.event.after).toBe(true);
  });
});

describe('workers', () => {
  test('10 concurrent invocations each see only their own context, and a reused instance starts clean', async () => {
    const openids = Array.from({ length: 10 }, (_, i) => `o-concurrent-${i}`);
    type Isolation = { before: string | null; mark: string; openid: string; pid: number };
    const round = () => Promise.all(openids.map((o) => lc.call<Isolation>('isolation', { holdMs: 300 }, o)));
    const first = await round();
    first.forEach((r, i) => expect(r.body.result).toMatchObject({ before: null, mark: openids[i], openid: openids[i] }));
    expect(new Set(first.map((r) => r.body.result!.pid)).size).toBe(10); // one instance per invocation in flight
    const second = await round();
    second.forEach((r, i) => expect(r.body.result).toMatchObject({ before: null, mark: openids[i], openid: openids[i] }));
    const warm = new Set(first.map((r) => r.body.result!.pid));
    expect(second.some((r) => warm.has(r.body.result!.pid))).toBe(true);
  });

  test('each invocation records its server time, and a cold start its load time apart', async () => {
    const cold = await lc.cost((await lc.call('fails', {}, 'o-alice')).invocationId); // no instance of `fails` has run yet
    const warm = await lc.cost((await lc.call('isolation', { holdMs: 50 }, 'o-alice')).invocationId); // warmed by the test before
    expect(cold.loadMs).toBeGreaterThan(0);
    expect(cold.durationMs).toBeGreaterThanOrEqual(cold.loadMs!);
    expect(warm.loadMs).toBeNull();
    expect(warm.durationMs).toBeGreaterThanOrEqual(50);
  });

  test('a throwing function fails that call only', async () => {
    const failed = await lc.call('fails', { mode: 'throw' }, 'o-alice');
    expect(failed.body.errCode).toBe(-404011);
    expect(failed.body.errMsg).toMatch(/cloud function service error code -504002, error message Error: deliberate failure/);
    expect((await lc.call('fails', {}, 'o-alice')).body.result).toMatchObject({ ok: true });
  });

  test('an instance that dies is replaced', async () => {
    const before = await lc.call<{ pid: number }>('fails', {}, 'o-alice');
    const crashed = await lc.call('fails', { mode: 'crash' }, 'o-alice');
    expect(crashed.body.errCode).toBe(-404011);
    expect(crashed.body.errMsg).toMatch(/exited/);
    const after = await lc.call<{ pid: number }>('fails', {}, 'o-alice');
    expect(after.body.result!.pid).not.toBe(before.body.result!.pid);
  });

  test('the kill route SIGKILLs the running instances of a function; its invocation ends failed, the next works', async () => {
    const running = lc.call('hangs', { mode: 'wait' }, 'o-alice');
    let killed = 0;
    for (let i = 0; i < 40 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 25));
      killed = (await post('/__localcloud/functions/hangs/kill', '')).body.killed as number;
    }
    expect(killed).toBe(1);
    expect((await running).body).toMatchObject({ errCode: -404011, errMsg: expect.stringMatching(/exited \(SIGKILL\)/) });
    expect((await post('/__localcloud/functions/hangs/kill', '')).body).toEqual({ killed: 0 });
    expect((await post('/__localcloud/functions/nope/kill', '')).status).toBe(404);
    expect((await lc.call('hangs', {}, 'o-alice')).body.result).toMatchObject({ ok: true });
  });

  test.each(['wait', 'spin'])('a hung invocation (%s) times out after the configured time and the next call works', async (mode) => {
    const t0 = Date.now();
    const hung = await lc.call('hangs', { mode }, 'o-alice');
    const elapsed = Date.now() - t0;
    expect(hung.body).toMatchObject({ errCode: -504003, errMsg: expect.stringContaining('Invoking task timed out after 1 seconds') });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(3000); // timeout 1 s, plus at most a cold start
    expect((await lc.call('hangs', {}, 'o-alice')).body.result).toMatchObject({ ok: true });
  });
});

describe('cloud.callFunction between functions', () => {
  test('the callee gets the caller\'s user, SOURCE records the hop, and the round trip is counted', async () => {
    const res = await lc.call<{ mine: WxContext; callee: Echo }>('chain', { target: 'echo', data: { x: 1 } }, 'o-carol');
    const { mine, callee } = res.body.result!;
    expect(mine).toMatchObject({ OPENID: 'o-carol', SOURCE: 'wx_client' });
    expect(callee.wx).toEqual({ OPENID: 'o-carol', APPID: mine.APPID, ENV: 'local-env', SOURCE: 'wx_client,scf' });
    expect(callee.event).toEqual({ x: 1 });
    const stats = await lc.cost(res.invocationId);
    expect(stats).toMatchObject({ total: 1, byAction: { 'functions.invokeFunction': 1 } });
    const calleeStats = await lc.cost(callee.context.request_id);
    expect(calleeStats.total).toBe(0);
  });

  test('failures reach the caller with CloudBase\'s codes, as the SDK reports them', async () => {
    type Failed = { error: { code: string; errMsg: string } };
    const failure = async (target: string, data?: object) => (await lc.call<Failed>('chain', { target, data }, 'o-carol')).body.result!.error;
    expect(await failure('fails', { mode: 'throw' })).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: expect.stringContaining('deliberate failure') });
    expect(await failure('no-such-function')).toMatchObject({ code: 'FUNCTION_NOT_FOUND', errMsg: expect.stringContaining('FunctionName parameter could not be found') });
    expect(await failure('hangs', { mode: 'wait' })).toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', errMsg: expect.stringContaining('Invoking task timed out after 1 seconds') });
  });

  test('a call from outside any function has no user and SOURCE scf', async () => {
    lc.useSdk();
    const cloud = (await import('wx-server-sdk')).default;
    cloud.init({ env: 'local-env' });
    const res = (await cloud.callFunction({ name: 'echo', data: { from: 'test' } })) as { result?: unknown };
    const result = res.result as Echo;
    expect(result.wx).toMatchObject({ SOURCE: 'scf', ENV: 'local-env' });
    expect(result.wx.OPENID).toBeUndefined();
    expect(result.event).toEqual({ from: 'test' });
  });
});

describe('timer triggers', () => {
  test('are listed with their next fire time and stay unscheduled under the test harness', async () => {
    const { scheduled, timers } = await lc.getJson<{ scheduled: boolean; timers: { function: string; trigger: string; config: string; next: string }[] }>('/__localcloud/timers');
    expect(scheduled).toBe(false);
    const nightly = timers.find((t) => t.function === 'timer' && t.trigger === 'nightly')!;
    expect(nightly.config).toBe('0 0 2 * * * *');
    const next = new Date(nightly.next);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(next.toISOString()).toMatch(/T18:00:00\.000Z$/); // 02:00 in UTC+8
  });

  test('fire on demand with the timer event and SOURCE wx_trigger', async () => {
    const fired = await post('/__localcloud/timers/timer/nightly/fire', '');
    expect(fired.invocationId).toBeTruthy();
    const result = fired.body.result as { event: Record<string, string>; wx: WxContext; triggerSrc: string };
    expect(result.event).toEqual({ Type: 'Timer', TriggerName: 'nightly', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), Message: '' });
    expect(result.wx).toEqual({ ENV: 'local-env', SOURCE: 'wx_trigger' });
    expect(result.triggerSrc).toBe('timer');
    expect((await post('/__localcloud/timers/timer/weekly/fire', '')).status).toBe(404);
  });

  test('CloudBase cron: 7 fields in UTC+8, with a year field', () => {
    const after = new Date('2026-03-01T00:00:00Z');
    expect(nextFireTime('0 30 9 * * * *', after)!.toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(nextFireTime('0 0 2 1 * * 2030', after)!.toISOString()).toBe('2029-12-31T18:00:00.000Z');
    expect(nextFireTime('0 0 10 * * MON-FRI *', after)!.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(nextFireTime('0 0 2 * * * 2020-2025', after)).toBeNull();
    expect(() => nextFireTime('0 0 2 * * *', after)).toThrow(/7 fields/);
  });
});
