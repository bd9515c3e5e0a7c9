// Durability of the localcloud database: every acknowledged write survives kill -9 and restart, a
// multi-document write is all or nothing across a crash, and collections created at run time persist.
import { EJSON } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
type Db = ReturnType<Cloud['database']>;
type Row = Record<string, unknown> & { _id: string };

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');

let lc: Localcloud;
let db: Db;
let _: Db['command'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const all = async (collection: string, where: object = {}): Promise<Row[]> =>
  (await ok<{ data: Row[] }>(db.collection(collection).where(where).orderBy('_id', 'asc').limit(1000).get())).data;
const total = async (collection: string, where: object = {}) => (await ok<{ total: number }>(db.collection(collection).where(where).count())).total;

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE });
  lc.useSdk();
  // no slow-request warning timer: the request cut off by kill -9 would leave it running after the tests
  process.env.SILENCE = 'true';
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  db = cloud.database();
  _ = db.command;
});

afterAll(async () => {
  await lc.dispose();
});

test('every acknowledged write survives kill -9 and restart', async () => {
  const at = new Date('2025-01-02T03:04:05.678Z');
  await ok(db.collection('members').add({ data: { _id: 'k1', openid: 'k-1', orgId: 'k', createdAt: at, n: 1 } }));
  await ok(db.collection('members').add({ data: [{ _id: 'k2', openid: 'k-2', orgId: 'k', n: 2 }, { _id: 'k3', openid: 'k-3', orgId: 'k', n: 3 }] }));
  await ok(db.collection('members').doc('k1').update({ data: { n: _.inc(10), tags: _.push(['a']) } }));
  await ok(db.collection('members').doc('k2').remove());
  await ok(db.collection('members').where({ orgId: 'k' }).update({ data: { seen: true } }));
  await Promise.all(Array.from({ length: 20 }, () => ok(db.collection('counters').doc('k-sum').set({ data: { n: 0 } })).then(() => undefined)));
  await Promise.all(Array.from({ length: 20 }, () => ok(db.collection('counters').doc('k-sum').update({ data: { n: _.inc(1) } }))));
  await db.createCollection('k_runtime');
  await ok(db.collection('k_runtime').add({ data: { _id: 'r', v: 1 } }));
  const t = (await db.startTransaction()) as { collection(n: string): ReturnType<Db['collection']>; commit(): Promise<unknown> };
  await ok(t.collection('members').doc('k3').update({ data: { n: 33 } }));
  await t.commit();

  await lc.kill9();
  await lc.start();

  expect(await all('members', { orgId: 'k' })).toEqual([
    { _id: 'k1', openid: 'k-1', orgId: 'k', createdAt: at, n: 11, tags: ['a'], seen: true },
    { _id: 'k3', openid: 'k-3', orgId: 'k', n: 33, seen: true },
  ]);
  expect((await all('counters', { _id: 'k-sum' }))[0].n).toBe(20);
  expect(await all('k_runtime')).toEqual([{ _id: 'r', v: 1 }]);
  // indexes are back too: the unique one still refuses a duplicate
  await expect(ok(db.collection('members').add({ data: { openid: 'k-1' } }))).rejects.toMatchObject({ errCode: -502001 });
});

test('wide documents (many fields, nested ones, arrays, dates, shared strings) are kept exactly: inserted, replaced, after a restart', async () => {
  // the store keeps its own compact copy of each document (localcloud/src/database/compact.ts)
  const at = new Date('2025-03-04T05:06:07.089Z');
  const fields = (i: number) => ({
    kind: 'wide',
    serial: i,
    ...Object.fromEntries(Array.from({ length: 40 }, (_x, k) => [`f${k}`, k % 3 === 0 ? `值-${k}` : k % 3 === 1 ? k * 1.5 : k % 2 === 0])),
    nested: { orgPath: ['org-a', 'org-a-b'], deep: Object.fromEntries(Array.from({ length: 20 }, (_x, k) => [`d${k}`, { at, n: k, s: `org-a-b-${k}` }])) },
    list: [{ at, who: 'o-1' }, null, 'x', [1, [2, 'org-a']]],
    empty: {},
    none: null,
  });
  await ok(db.collection('items').add({ data: [1, 2].map((i) => ({ _id: `wide-${i}`, ...fields(i) })) }));
  await ok(db.collection('items').doc('wide-2').set({ data: { ...fields(2), f0: '改', nested: { orgPath: ['org-a'] } } }));
  const expected = [
    { _id: 'wide-1', ...fields(1) },
    { _id: 'wide-2', ...fields(2), f0: '改', nested: { orgPath: ['org-a'] } },
  ];
  expect(await all('items', { kind: 'wide' })).toEqual(expected);
  await lc.restart();
  expect(await all('items', { kind: 'wide' })).toEqual(expected);
  expect(await all('items', { 'nested.orgPath': 'org-a-b' })).toEqual([expected[0]]);
});

test('a multi-document write interrupted by kill -9 is all or nothing', async () => {
  await ok(db.collection('items').add({ data: Array.from({ length: 600 }, (_x, i) => ({ _id: `crash-${String(i).padStart(3, '0')}`, kind: 'crash', rank: i, v: 0 })) }));
  // kill while a where().update over all 600 documents is being applied
  const pending = ok(db.collection('items').where({ kind: 'crash' }).update({ data: { v: 1 } })).catch(() => 'interrupted');
  await new Promise((r) => setTimeout(r, 15));
  await lc.kill9();
  const answer = await pending;
  await lc.start();
  const updated = await total('items', { kind: 'crash', v: 1 });
  expect([0, 600]).toContain(updated);
  if (answer !== 'interrupted') expect(updated).toBe(600);
  expect(await total('items', { kind: 'crash' })).toBe(600);
});

test('start-up replays a journaled write that was not applied, and drops a torn one', async () => {
  await lc.stop();
  // what a crash between journaling and applying a two-document write leaves behind, followed by
  // the torn beginning of a write that was never acknowledged
  const record = [
    { c: 'items', id: 'journal-a', doc: EJSON.serialize({ _id: 'journal-a', kind: 'journal', at: new Date(5) }, { relaxed: false }) },
    { c: 'items', id: 'journal-b', doc: EJSON.serialize({ _id: 'journal-b', kind: 'journal', n: 2 }, { relaxed: false }) },
  ];
  const journal = path.join(lc.dataDir, 'database', 'journal.log');
  fs.writeFileSync(journal, `${JSON.stringify(record)}\n[{"c":"items","id":"journal-c","doc":{"_id":"jour`);
  await lc.start();
  expect(await all('items', { kind: 'journal' })).toEqual([
    { _id: 'journal-a', kind: 'journal', at: new Date(5) },
    { _id: 'journal-b', kind: 'journal', n: 2 },
  ]);
  expect(await total('items', { _id: 'journal-c' })).toBe(0);
  expect(fs.readFileSync(journal, 'utf8')).toBe('');
});
