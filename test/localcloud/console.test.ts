// The routes behind the localcloud console, over HTTP as the console (and curl) use them: the guard against
// other sites, the data browser and its edits, the invocation log, the WeChat sinks it shows, storage
// previews, the page gallery, and the data dir's export, import and reset (also as `--import` and
// `--export-on-exit` at start).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { callAs, data, idCard, PEOPLE } from '../functions/api';
import { PNG, upload } from '../functions/applicationsFixtures';
import { Localcloud, useLocalcloud } from '../harness/localcloud';

const screensDir = fs.mkdtempSync(path.join(os.tmpdir(), 'screens-'));
fs.writeFileSync(path.join(screensDir, 'index.html'), '<!doctype html><h1>gallery</h1>');
fs.writeFileSync(path.join(os.tmpdir(), 'outside-the-gallery.txt'), 'secret');
const lc = useLocalcloud({ demo: true, env: { LOCALCLOUD_SCREENS_DIR: screensDir } });
const tmpDirs: string[] = [screensDir];
const tmp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
};
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A raw request, with headers fetch will not let a test set (Host). */
function raw(method: string, p: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: lc.port, method, path: p, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = async <T>(res: Response): Promise<T> => {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const post = <T>(p: string, body: unknown = {}) => fetch(`${lc.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => json<T>(r));
const count = async (collection: string, where: object = {}, cloud: Localcloud = lc) =>
  (await cloud.getJson<{ total: number }>(`/__localcloud/database/${collection}/documents?where=${encodeURIComponent(JSON.stringify(where))}`)).total;

/** Renames an org through the data browser: a change an export must keep. */
async function renameOrg(id: string, name: string): Promise<void> {
  const { documents } = await lc.getJson<{ documents: Record<string, unknown>[] }>(`/__localcloud/database/orgs/documents?where=${encodeURIComponent(JSON.stringify({ _id: id }))}`);
  const res = await fetch(`${lc.url}/__localcloud/database/orgs/documents/${id}`, { method: 'PUT', body: JSON.stringify({ ...documents[0], name }) });
  expect(res.status).toBe(200);
}

describe('the guard', () => {
  test('a request naming another host is refused, whatever it asks (DNS rebinding)', async () => {
    const r = await raw('GET', '/__localcloud/console', { host: `evil.example:${lc.port}` });
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/is not localcloud/);
    expect((await raw('GET', '/__localcloud/console', { host: `localhost:${lc.port}` })).status).toBe(200);
  });

  test('a change from a foreign origin is refused and changes nothing; the console origin and clients without one may', async () => {
    const before = await count('orgs');
    const foreign = await raw('POST', '/__localcloud/data/reset', { host: `127.0.0.1:${lc.port}`, origin: 'http://evil.example', 'content-type': 'text/plain' });
    expect(foreign.status).toBe(403);
    const rebound = await raw('DELETE', `/__localcloud/database/orgs/documents/org-county`, { host: `127.0.0.1:${lc.port}`, origin: 'null' });
    expect(rebound.status).toBe(403);
    expect(await count('orgs')).toBe(before);
    // a read from anywhere is answered (a browser keeps it from a foreign page: no CORS headers)
    expect((await raw('GET', '/__localcloud/timers', { host: `127.0.0.1:${lc.port}`, origin: 'http://evil.example' })).status).toBe(200);
    const own = await raw('POST', '/__localcloud/openapi/faults', { host: `127.0.0.1:${lc.port}`, origin: lc.url, 'content-type': 'application/json' }, JSON.stringify({ apiName: 'x', errcode: -1, times: 1 }));
    expect(own.status).toBe(200);
    expect((await fetch(`${lc.url}/__localcloud/openapi/faults`, { method: 'DELETE' })).status).toBe(200);
  });
});

describe('the data browser', () => {
  test('lists collections with counts and declared indexes, and pages of documents by filter and order', async () => {
    const { collections } = await lc.getJson<{ collections: { name: string; count: number; indexes: { name: string; unique: boolean }[] }[] }>('/__localcloud/database/collections');
    const orgs = collections.find((c) => c.name === 'orgs')!;
    expect(orgs.count).toBe(13);
    expect(orgs.indexes[0].name).toBe('_id_');
    expect(collections.find((c) => c.name === 'members')!.indexes.some((i) => i.unique)).toBe(true);

    const q = (where: object, orderBy: object, offset = 0) =>
      lc.getJson<{ total: number; offset: number; documents: { _id: string; kind: string; createdAt: { $date: string } }[] }>(
        `/__localcloud/database/orgs/documents?where=${encodeURIComponent(JSON.stringify(where))}&orderBy=${encodeURIComponent(JSON.stringify(orderBy))}&limit=3&offset=${offset}`,
      );
    const first = await q({ kind: 'grassroots' }, { _id: 1 });
    expect(first.total).toBe(8);
    expect(first.documents.map((d) => d._id)).toEqual(['org-cg-construction', 'org-cg-couriers', 'org-cg-sanitation']);
    expect(first.documents[0].createdAt.$date).toMatch(/^\d{4}-\d\d-\d\dT/); // relaxed EJSON keeps the type
    expect((await q({ kind: 'grassroots' }, { _id: 1 }, 6)).documents.map((d) => d._id)).toEqual(['org-sp-school', 'org-tr-bus']);
    const bad = await fetch(`${lc.url}/__localcloud/database/orgs/documents?where=${encodeURIComponent('{"kind":')}`);
    expect(bad.status).toBe(400);
    // the developer's queries are not the product's: not counted as unindexed
    expect((await lc.getJson<{ total: number }>('/__localcloud/database/unindexed')).total).toBe(0);
  });

  test('replaces and deletes one document; refuses what would break the store or an index', async () => {
    const doc = `${lc.url}/__localcloud/database/orgs/documents/org-tr-bus`;
    const put = (body: unknown) => fetch(doc, { method: 'PUT', body: JSON.stringify(body) });
    const { documents } = await lc.getJson<{ documents: Record<string, unknown>[] }>(`/__localcloud/database/orgs/documents?where=${encodeURIComponent('{"_id":"org-tr-bus"}')}`);
    const edited = { ...documents[0], name: '县公交集团工会' };
    expect((await put(edited)).status).toBe(200);
    const after = await lc.getJson<{ documents: { name: string; createdAt: { $date: string } }[] }>(`/__localcloud/database/orgs/documents?where=${encodeURIComponent('{"_id":"org-tr-bus"}')}`);
    expect(after.documents[0].name).toBe('县公交集团工会');
    expect(after.documents[0].createdAt).toEqual(documents[0].createdAt); // a date stays a date
    expect((await put({ ...edited, _id: 'other' })).status).toBe(400);
    expect((await put({ ...edited, 'a.b': 1 })).status).toBe(400);
    expect((await put({ ...edited, $set: {} })).status).toBe(400);
    expect((await fetch(`${lc.url}/__localcloud/database/orgs/documents/nope`, { method: 'PUT', body: '{}' })).status).toBe(404);

    // members' openid is unique: giving one member another's is refused by the index, as a write would be
    const members = await lc.getJson<{ documents: Record<string, unknown>[] }>(`/__localcloud/database/members/documents?where=${encodeURIComponent(JSON.stringify({ openid: PEOPLE.pending }))}`);
    const dup = await fetch(`${lc.url}/__localcloud/database/members/documents/${members.documents[0]._id}`, { method: 'PUT', body: JSON.stringify({ ...members.documents[0], openid: PEOPLE.member }) });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toMatch(/E11000/);

    expect((await fetch(doc, { method: 'DELETE' })).status).toBe(200);
    expect(await count('orgs', { _id: 'org-tr-bus' })).toBe(0);
    expect((await fetch(doc, { method: 'DELETE' })).status).toBe(404);
  });
});

test('every invocation is listed with its action, caller, code, time, round trips, documents written and logs', async () => {
  await callAs(lc, PEOPLE.member, 'members', 'me', {});
  const refused = await callAs(lc, PEOPLE.member, 'roles', 'list', {});
  expect(refused.ok).toBe(false);
  const { invocations } = await lc.getJson<{ invocations: { functionName: string; action: string; openid: string; source: string; code: string; ms: number; roundTrips: number; docsWritten: number; logs: string[] }[] }>('/__localcloud/invocations');
  const me = invocations.find((i) => i.functionName === 'members' && i.action === 'me')!;
  expect(me).toMatchObject({ openid: PEOPLE.member, source: 'wx_client', code: 'OK' });
  expect(me.ms).toBeGreaterThanOrEqual(0);
  expect(me.roundTrips).toBeGreaterThan(0);
  expect(me.docsWritten).toBe(0); // a read
  expect(invocations.find((i) => i.functionName === 'roles')).toMatchObject({ action: 'list', code: 'FORBIDDEN' });
  const timer = await lc.postJson<{ result: unknown }>('/__localcloud/timers/notices/drain/fire');
  expect(timer.result).toMatchObject({ ok: true });
  const after = await lc.getJson<{ invocations: { action: string; openid: string | null; source: string }[] }>('/__localcloud/invocations');
  expect(after.invocations.at(-1)).toMatchObject({ action: 'timer:drain', openid: null, source: 'wx_trigger' });
});

test('the subscription account shows its drafts and published articles with their covers', async () => {
  const mp = `${lc.url}/__localcloud/mp/cgi-bin`;
  const { access_token } = await json<{ access_token: string }>(await fetch(`${mp}/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: 'wx0000000000000001', secret: '00000000000000000000000000000001' }) }));
  const form = new FormData();
  form.append('media', new Blob([PNG], { type: 'image/png' }), 'cover.png');
  const { media_id: thumb } = await json<{ media_id: string }>(await fetch(`${mp}/material/add_material?access_token=${access_token}&type=thumb`, { method: 'POST', body: form }));
  const article = { title: '夏送清凉活动通知', author: '示范县总工会', digest: '请各基层工会组织申报', content: '<p>请各基层工会组织申报。</p>', thumb_media_id: thumb };
  const { media_id } = await json<{ media_id: string }>(await fetch(`${mp}/draft/add?access_token=${access_token}`, { method: 'POST', body: JSON.stringify({ articles: [article] }) }));
  await json(await fetch(`${mp}/freepublish/submit?access_token=${access_token}`, { method: 'POST', body: JSON.stringify({ media_id }) }));
  const held = await lc.getJson<{ drafts: { mediaId: string }[]; published: { mediaId: string; articles: unknown[] }[] }>('/__localcloud/mp/articles');
  expect(held.drafts.map((d) => d.mediaId)).toContain(media_id);
  expect(held.published.find((p) => p.mediaId === media_id)?.articles).toEqual([article]);
  const cover = await fetch(`${lc.url}/__localcloud/mp/materials/${thumb}`);
  expect(cover.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await cover.arrayBuffer())).toEqual(PNG);
});

test('stored files are listed with a URL to preview them, served apart from the console (sandboxed)', async () => {
  const fileID = await upload(lc, PEOPLE.member, 'photo.png');
  await upload(lc, PEOPLE.member, 'page.html', Buffer.from('<script>parent.alert(1)</script>'));
  const { files } = await lc.getJson<{ files: { fileID: string; cloudPath: string; contentType: string; url: string; uploader: { openid: string } }[] }>(`/__localcloud/storage/list?prefix=${encodeURIComponent(`uploads/${PEOPLE.member}/`)}`);
  const png = files.find((f) => f.fileID === fileID)!;
  expect(png).toMatchObject({ contentType: 'image/png', uploader: { openid: PEOPLE.member } });
  const bytes = await fetch(png.url);
  expect(Buffer.from(await bytes.arrayBuffer())).toEqual(PNG);
  const page = await fetch(files.find((f) => f.cloudPath.endsWith('page.html'))!.url);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.headers.get('content-security-policy')).toBe('sandbox'); // its script cannot act as localcloud
});

test('the console, its contract and the page gallery are served; nothing outside the gallery is', async () => {
  const index = await fetch(`${lc.url}/`);
  expect(await index.text()).toContain('/__localcloud/console/app.js');
  expect(index.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
  const contract = await lc.getJson<{ name: string; actions: Record<string, { schema: { properties: Record<string, unknown>; required: string[] }; doc: string }> | null }[]>('/__localcloud/console/contract.json');
  const act = contract.find((f) => f.name === 'applications')!.actions!.act;
  expect(act.schema.required).toEqual(expect.arrayContaining(['applicationId', 'version', 'transition']));
  expect(act.schema.properties.transition).toMatchObject({ enum: expect.arrayContaining(['approve', 'recommend']) });
  expect(act.doc).toMatch(/transition/);
  expect(contract.find((f) => f.name === 'hello')!.actions).toBeNull();

  const info = await lc.getJson<{ screens: { dir: string; made: boolean }; people: { openid: string }[] }>('/__localcloud/console');
  expect(info.screens).toEqual({ dir: screensDir, made: true });
  expect(info.people.map((p) => p.openid)).toContain(PEOPLE.fedOfficer);
  expect(await (await fetch(`${lc.url}/__localcloud/pages/`)).text()).toContain('gallery');
  expect((await raw('GET', '/__localcloud/pages/../outside-the-gallery.txt', { host: `127.0.0.1:${lc.port}` })).status).toBe(404);
  expect((await raw('GET', '/__localcloud/pages/%2e%2e/outside-the-gallery.txt', { host: `127.0.0.1:${lc.port}` })).status).toBe(404);
});

describe('the data dir', () => {
  test('export, reset and import bring back the data, the files, the quota and the keys that read them', async () => {
    const dir = path.join(tmp('export-'), 'backup');
    await renameOrg('org-park', '工业园区工会（导出前改名）');
    await post('/__localcloud/openapi/subscriptions', { openid: PEOPLE.member, templateIds: ['local-tmpl-application-status'] });
    const fileID = await upload(lc, PEOPLE.member, 'kept.png');
    const exported = await post<{ dir: string; collections: Record<string, number>; files: number }>('/__localcloud/data/export', { dir });
    expect(exported.dir).toBe(dir);
    expect(exported.collections.members).toBe(8);
    expect(fs.existsSync(path.join(dir, 'localcloud-export.json'))).toBe(true);

    const reset = await post<{ collections: Record<string, number> }>('/__localcloud/data/reset');
    expect(reset.collections.orgs).toBe(13); // the demo world again
    expect(await count('orgs', { name: '工业园区工会（导出前改名）' })).toBe(0);
    expect((await fetch(`${lc.url}/__localcloud/storage/meta?fileID=${encodeURIComponent(fileID)}`)).status).toBe(404);
    expect((await lc.getJson<{ quota: object }>(`/__localcloud/openapi/subscriptions?openid=${PEOPLE.member}`)).quota).toEqual({});

    await post('/__localcloud/data/import', { dir });
    expect(await count('orgs', { name: '工业园区工会（导出前改名）' })).toBe(1); // as exported
    expect((await fetch(`${lc.url}/__localcloud/storage/meta?fileID=${encodeURIComponent(fileID)}`)).status).toBe(200);
    expect((await lc.getJson<{ quota: Record<string, number> }>(`/__localcloud/openapi/subscriptions?openid=${PEOPLE.member}`)).quota).toEqual({ 'local-tmpl-application-status': 1 });

    // another localcloud (other keys) that imports the export reads its personal data: the keyed hash of
    // 王建国's ID card finds him, so registering it again is a duplicate
    const other = new Localcloud({ demo: false });
    try {
      await other.start();
      const res = await fetch(`${other.url}/__localcloud/data/import`, { method: 'POST', body: JSON.stringify({ dir }) });
      expect(res.status).toBe(200);
      const again = await callAs(other, PEOPLE.newcomer, 'members', 'register', { name: '王建国', idCard: idCard('42032219750312041'), phone: '13900000009', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', newEmployment: null });
      expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
      expect(data(await callAs(other, PEOPLE.member, 'members', 'me', {})).profile).toMatchObject({ name: '王建国' });
    } finally {
      await other.dispose();
    }
  });

  test('an export refuses a folder holding other files, an import a folder that is no export', async () => {
    const busy = tmp('busy-');
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const refuse = async (p: string, dir: string) => {
      const res = await fetch(`${lc.url}${p}`, { method: 'POST', body: JSON.stringify({ dir }) });
      expect(res.status).toBe(400);
      return ((await res.json()) as { errMsg: string }).errMsg;
    };
    expect(await refuse('/__localcloud/data/export', busy)).toMatch(/holds other files/);
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);
    expect(await refuse('/__localcloud/data/import', busy)).toMatch(/not a localcloud export/);
    const broken = path.join(tmp('broken-'), 'x');
    await post('/__localcloud/data/export', { dir: broken });
    fs.appendFileSync(path.join(broken, 'database', 'orgs.ndjson'), '{"name": \n');
    const orgs = await count('orgs');
    expect(await refuse('/__localcloud/data/import', broken)).toMatch(/orgs.ndjson line/);
    expect(await count('orgs')).toBe(orgs); // nothing changed
  });

  test('npm start takes --import DIR and --export-on-exit DIR, as the Firebase emulators do', async () => {
    const from = path.join(tmp('from-'), 'export');
    await renameOrg('org-park', '工业园区工会（启动时导入）');
    await post('/__localcloud/data/export', { dir: from });
    const to = path.join(tmp('to-'), 'export');
    const started = new Localcloud({ demo: true, args: ['--import', from, '--export-on-exit', to] });
    try {
      await started.start();
      expect(await count('orgs', { name: '工业园区工会（启动时导入）' }, started)).toBe(1); // imported, not the demo seeded over it
      data(await callAs(started, PEOPLE.member, 'members', 'me', {}));
      await started.stop();
      expect(fs.existsSync(path.join(to, 'localcloud-export.json'))).toBe(true);
      expect(fs.readFileSync(path.join(to, 'database', 'orgs.ndjson'), 'utf8')).toContain('工业园区工会（启动时导入）');
    } finally {
      await started.dispose();
    }
  });
});
