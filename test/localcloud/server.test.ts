// The admin endpoint itself: malformed requests, unknown actions and oversized bodies get CloudBase-shaped
// errors, and localcloud keeps serving.
import { useLocalcloud } from '../harness/localcloud';

const lc = useLocalcloud();

async function admin(body: string | Blob, type = 'application/json') {
  const res = await fetch(`${lc.url}/admin`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as { code?: string; message?: string; requestId?: string } };
}

test('malformed JSON answers INVALID_PARAM', async () => {
  const r = await admin('{"action": "database.getDocument", ');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) });
});

test('a body that is not an object answers INVALID_PARAM', async () => {
  expect((await admin('[1,2,3]')).body.code).toBe('INVALID_PARAM');
});

test('an unknown action answers INVALID_ACTION', async () => {
  expect((await admin(JSON.stringify({ action: 'teleport.now' }))).body).toMatchObject({ code: 'INVALID_ACTION' });
  expect((await admin(JSON.stringify({}))).body).toMatchObject({ code: 'INVALID_ACTION' });
});

test('an oversized body answers INVALID_PARAM and the server keeps serving', async () => {
  const huge = Buffer.alloc(21 * 1024 * 1024, 'a');
  const r = await admin(new Blob([huge]));
  expect(r.body.code).toBe('INVALID_PARAM');
  expect(await lc.getJson('/__localcloud/health')).toMatchObject({ ok: true });
});

test('an unknown path is a 404 and an unknown invocation is a 404', async () => {
  expect((await fetch(`${lc.url}/nowhere`)).status).toBe(404);
  expect((await fetch(`${lc.url}/__localcloud/invocations/nope`)).status).toBe(404);
});
