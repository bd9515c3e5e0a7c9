// Transactions and concurrency through the real wx-server-sdk: runTransaction and startTransaction,
// isolation of uncommitted writes, rollback, write conflicts (and the SDK's retry on a commit conflict),
// failed commits changing nothing, expiry, and concurrent increments never losing an update.
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
type Db = ReturnType<Cloud['database']>;
type Row = Record<string, unknown> & { _id: string };
/** the transaction object wx-server-sdk passes to runTransaction / returns from startTransaction */
interface Tx {
  collection(name: string): ReturnType<Db['collection']>;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');
const TIMEOUT_MS = 1500;

let lc: Localcloud;
let db: Db;
let _: Db['command'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const read = async (collection: string, id: string): Promise<Row | null> => {
  const { data } = await ok<{ data: Row[] }>(db.collection(collection).where({ _id: id }).get());
  return data[0] ?? null;
};
const put = (collection: string, id: string, data: Record<string, unknown>) => ok(db.collection(collection).doc(id).set({ data }));
const start = () => db.startTransaction() as Promise<Tx>;

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE, env: { LOCALCLOUD_TRANSACTION_TIMEOUT_MS: String(TIMEOUT_MS) } });
  lc.useSdk();
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  db = cloud.database();
  _ = db.command;
});

afterAll(async () => {
  await lc.dispose();
});

describe('transactions', () => {
  test('runTransaction reads, updates, sets, adds and removes, and returns the callback result', async () => {
    await put('accounts', 'a', { balance: 100 });
    await put('accounts', 'b', { balance: 5 });
    await put('accounts', 'gone', { balance: 0 });
    const result = await db.runTransaction(async (t: Tx) => {
      const a = (await ok<{ data: Row }>(t.collection('accounts').doc('a').get())).data;
      await ok(t.collection('accounts').doc('a').update({ data: { balance: (a.balance as number) - 30 } }));
      await ok(t.collection('accounts').doc('b').update({ data: { balance: _.inc(30) } }));
      await ok(t.collection('accounts').doc('c').set({ data: { balance: 1 } }));
      const added = await ok<{ _id: string }>(t.collection('accounts').add({ data: { balance: 2, kind: 'log' } }));
      await ok(t.collection('accounts').doc('gone').remove());
      return added._id;
    });
    expect(result).toMatch(/^[0-9a-f]{32}$/);
    expect(await read('accounts', 'a')).toEqual({ _id: 'a', balance: 70 });
    expect(await read('accounts', 'b')).toEqual({ _id: 'b', balance: 35 });
    expect(await read('accounts', 'c')).toEqual({ _id: 'c', balance: 1 });
    expect(await read('accounts', result as string)).toEqual({ _id: result, balance: 2, kind: 'log' });
    expect(await read('accounts', 'gone')).toBeNull();
  });

  test('uncommitted writes are visible inside the transaction only, and rollback discards them', async () => {
    await put('accounts', 'iso', { v: 1 });
    const t = await start();
    await ok(t.collection('accounts').doc('iso').update({ data: { v: 2 } }));
    await ok(t.collection('accounts').add({ data: { _id: 'iso-new', tag: 'iso' } }));
    expect((await ok<{ data: Row }>(t.collection('accounts').doc('iso').get())).data.v).toBe(2);
    expect((await ok<{ data: Row[] }>(t.collection('accounts').where({ tag: 'iso' }).get())).data.map((r) => r._id)).toEqual(['iso-new']);
    expect((await read('accounts', 'iso'))!.v).toBe(1);
    expect(await read('accounts', 'iso-new')).toBeNull();
    await t.rollback();
    expect((await read('accounts', 'iso'))!.v).toBe(1);
    expect(await read('accounts', 'iso-new')).toBeNull();
  });

  test('startTransaction commits all writes at once', async () => {
    const t = await start();
    await ok(t.collection('accounts').add({ data: { _id: 'st-1', n: 1 } }));
    await ok(t.collection('accounts').add({ data: { _id: 'st-2', n: 2 } }));
    expect(await read('accounts', 'st-1')).toBeNull();
    await t.commit();
    expect(await read('accounts', 'st-1')).toEqual({ _id: 'st-1', n: 1 });
    expect(await read('accounts', 'st-2')).toEqual({ _id: 'st-2', n: 2 });
  });

  test('a callback that throws changes nothing', async () => {
    await put('accounts', 'thrown', { v: 1 });
    await expect(
      db.runTransaction(async (t: Tx) => {
        await ok(t.collection('accounts').doc('thrown').update({ data: { v: 99 } }));
        await ok(t.collection('accounts').add({ data: { _id: 'thrown-new' } }));
        throw new Error('business rule refused');
      }),
    ).rejects.toThrow('business rule refused');
    expect((await read('accounts', 'thrown'))!.v).toBe(1);
    expect(await read('accounts', 'thrown-new')).toBeNull();
  });

  test('a commit refused by a unique index changes nothing', async () => {
    await ok(db.collection('members').add({ data: { _id: 'holder', openid: 'taken' } }));
    await put('accounts', 'dup', { v: 1 });
    const error = await db
      .runTransaction(async (t: Tx) => {
        await ok(t.collection('accounts').doc('dup').update({ data: { v: 2 } }));
        await ok(t.collection('members').add({ data: { openid: 'taken' } }));
      })
      .then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
    expect(error).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('E11000 duplicate key error collection: local-env.members index: openid_1') });
    expect((await read('accounts', 'dup'))!.v).toBe(1);
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: 'taken' }).count())).total).toBe(1);
  });

  test('two transactions writing one document: the second writer conflicts, the first commits, nothing is lost', async () => {
    await put('accounts', 'race', { n: 0 });
    const t1 = await start();
    const t2 = await start();
    const n1 = (await ok<{ data: Row }>(t1.collection('accounts').doc('race').get())).data.n as number;
    const n2 = (await ok<{ data: Row }>(t2.collection('accounts').doc('race').get())).data.n as number;
    await ok(t1.collection('accounts').doc('race').update({ data: { n: n1 + 1 } }));
    const conflict = await ok(t2.collection('accounts').doc('race').update({ data: { n: n2 + 1 } })).then(
      () => null,
      (e: { errMsg: string }) => e,
    );
    expect(conflict?.errMsg).toContain('[ResourceUnavailable.TransactionConflict]');
    await t1.commit();
    expect((await read('accounts', 'race'))!.n).toBe(1);
    // the conflict ended t2: its commit has nothing left to apply
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'race'))!.n).toBe(1);
  });

  test('a document changed after the transaction read it conflicts at commit, and runTransaction retries', async () => {
    await put('accounts', 'retry', { n: 0 });
    let attempts = 0;
    await db.runTransaction(async (t: Tx) => {
      attempts += 1;
      const n = (await ok<{ data: Row }>(t.collection('accounts').doc('retry').get())).data.n as number;
      await ok(t.collection('accounts').doc('retry').update({ data: { n: n + 10 } }));
      // someone else writes the document before this attempt commits
      if (attempts === 1) await ok(db.collection('accounts').doc('retry').update({ data: { n: _.inc(1) } }));
    });
    expect(attempts).toBe(2);
    expect((await read('accounts', 'retry'))!.n).toBe(11);
  });

  test('concurrent read-modify-write transactions never lose an update', async () => {
    await put('accounts', 'hot', { n: 0 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        db.runTransaction(async (t: Tx) => {
          const n = (await ok<{ data: Row }>(t.collection('accounts').doc('hot').get())).data.n as number;
          await ok(t.collection('accounts').doc('hot').update({ data: { n: n + 1 } }));
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBeGreaterThanOrEqual(1);
    expect((await read('accounts', 'hot'))!.n).toBe(committed);
  });

  test('a transaction left open expires and is rolled back', async () => {
    await put('accounts', 'stale', { v: 1 });
    const t = await start();
    await ok(t.collection('accounts').doc('stale').update({ data: { v: 2 } }));
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 1200));
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'stale'))!.v).toBe(1);
    expect(lc.output).toMatch(/transaction [0-9a-f]{32} expired/);
  });
});

describe('concurrent writes', () => {
  test('25 concurrent _.inc on one document give the exact sum', async () => {
    await put('counters', 'sum', { n: 0 });
    const writers = Array.from({ length: 25 }, (_x, i) => ok(db.collection('counters').doc('sum').update({ data: { n: _.inc(i + 1) } })));
    const results = await Promise.all(writers);
    expect(results.every((r: { stats: { updated: number } }) => r.stats.updated === 1)).toBe(true);
    expect((await read('counters', 'sum'))!.n).toBe((25 * 26) / 2);
  });

  test('concurrent adds with the same unique key: exactly one wins', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_x, i) => ok(db.collection('members').add({ data: { openid: 'contended', i } }))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: 'contended' }).count())).total).toBe(1);
  });
});
