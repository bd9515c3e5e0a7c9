// The bulk loader (POST /__localcloud/database/COLLECTION/import): NDJSON of EJSON documents in one write,
// dates kept as dates, declared indexes serving queries on what it loaded, unique indexes refusing a
// duplicate import whole, bad lines and unknown collections refused, and the data there after a restart.
import path from 'node:path';
import { EJSON } from 'bson';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Row = Record<string, unknown> & { _id: string };

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');

let lc: Localcloud;
let db: ReturnType<typeof import('wx-server-sdk')['database']>;

const post = (collection: string, body: string) => fetch(`${lc.url}/__localcloud/database/${collection}/import`, { method: 'POST', body });
const ndjson = (docs: object[]) => docs.map((d) => EJSON.stringify(d, { relaxed: false })).join('\n') + '\n';
const all = async (collection: string): Promise<Row[]> => ((await db.collection(collection).orderBy('_id', 'asc').limit(1000).get()) as { data: Row[] }).data;

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE });
  lc.useSdk();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local-env' });
  db = cloud.database();
});
afterAll(() => lc.dispose());

test('documents go in with their dates, indexes serve them, and they survive a restart', async () => {
  const docs = Array.from({ length: 2500 }, (_, i) => ({
    _id: `m${String(i).padStart(5, '0')}`,
    openid: `o-${i}`,
    orgId: i % 2 ? 'org-a' : 'org-b',
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    name: `会员${i}`,
  }));
  // relaxed EJSON dates ({"$date": "…"}) as well as canonical ones
  const body = ndjson(docs.slice(0, 2000)) + docs.slice(2000).map((d) => EJSON.stringify(d, { relaxed: true })).join('\n');
  const res = await post('members', body);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ inserted: 2500 });

  await fetch(`${lc.url}/__localcloud/database/unindexed`, { method: 'DELETE' });
  const page = ((await db.collection('members').where({ orgId: 'org-a', createdAt: db.command.gte(new Date(Date.UTC(2026, 0, 1, 1))) }).orderBy('createdAt', 'desc').limit(3).get()) as { data: Row[] }).data;
  expect(page.map((r) => r._id)).toEqual(['m02499', 'm02497', 'm02495']);
  expect(page[0].createdAt).toBeInstanceOf(Date);
  expect((page[0].createdAt as Date).toISOString()).toBe(new Date(Date.UTC(2026, 0, 1) + 2499 * 60_000).toISOString());
  const byOpenid = ((await db.collection('members').where({ openid: 'o-1234' }).get()) as { data: Row[] }).data;
  expect(byOpenid.map((r) => r.name)).toEqual(['会员1234']);
  expect((await lc.getJson<{ total: number }>('/__localcloud/database/unindexed')).total).toBe(0);

  await lc.restart();
  const total = ((await db.collection('members').count()) as { total: number }).total;
  expect(total).toBe(2500);
});

test('a duplicate on a unique index refuses the whole import', async () => {
  const before = await all('enrolments');
  const res = await post('enrolments', ndjson([
    { memberId: 'x', campaignId: 'c1' },
    { memberId: 'y', campaignId: 'c1' },
    { memberId: 'x', campaignId: 'c1' },
  ]));
  expect(res.status).toBe(409);
  expect(((await res.json()) as { errMsg: string }).errMsg).toMatch(/E11000 duplicate key error .* index: member_campaign/);
  expect(await all('enrolments')).toEqual(before);
});

test('documents without _id get one; bad lines and unknown collections are refused', async () => {
  const res = await post('counters', ndjson([{ n: 1 }, { n: 2 }]));
  expect(await res.json()).toEqual({ inserted: 2 });
  const counters = await all('counters');
  expect(counters).toHaveLength(2);
  for (const c of counters) expect(c._id).toMatch(/^[0-9a-f]{32}$/);

  const bad = await post('counters', `${EJSON.stringify({ n: 3 })}\nnot json\n`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { errMsg: string }).errMsg).toMatch(/line 2/);
  const badId = await post('counters', ndjson([{ _id: { a: 1 }, n: 4 }]));
  expect(badId.status).toBe(400);
  expect(await all('counters')).toHaveLength(2);

  expect((await post('nothing_here', ndjson([{ n: 1 }]))).status).toBe(404);
});

test('with replace=1 stored documents are replaced whole and new ones inserted, indexes following, after a restart too', async () => {
  const replace = (collection: string, body: string) => fetch(`${lc.url}/__localcloud/database/${collection}/import?replace=1`, { method: 'POST', body });
  expect(await (await post('members', ndjson([{ _id: 'r1', openid: 'o-r1', orgId: 'org-r', n: 1, gone: true }, { _id: 'r2', openid: 'o-r2', orgId: 'org-r', n: 2 }]))).json()).toEqual({ inserted: 2 });
  const res = await replace('members', ndjson([{ _id: 'r1', openid: 'o-r1', orgId: 'org-s', n: 10 }, { _id: 'r3', openid: 'o-r3', orgId: 'org-s', n: 3 }]));
  expect(await res.json()).toEqual({ inserted: 1, replaced: 1 });
  const byOrg = async (orgId: string) => ((await db.collection('members').where({ orgId }).orderBy('_id', 'asc').get()) as { data: Row[] }).data;
  expect(await byOrg('org-r')).toEqual([{ _id: 'r2', openid: 'o-r2', orgId: 'org-r', n: 2 }]);
  expect(await byOrg('org-s')).toEqual([{ _id: 'r1', openid: 'o-r1', orgId: 'org-s', n: 10 }, { _id: 'r3', openid: 'o-r3', orgId: 'org-s', n: 3 }]);
  // a replacement that would break a unique index refuses the whole import
  const dup = await replace('enrolments', ndjson([{ _id: 'e1', memberId: 'x', campaignId: 'c9' }, { _id: 'e2', memberId: 'x', campaignId: 'c9' }]));
  expect(dup.status).toBe(409);
  await lc.restart();
  expect(await byOrg('org-s')).toEqual([{ _id: 'r1', openid: 'o-r1', orgId: 'org-s', n: 10 }, { _id: 'r3', openid: 'o-r3', orgId: 'org-s', n: 3 }]);
});
