// Transactions through the real wx-server-sdk, as CloudBase runs them (snapshot isolation on MongoDB):
// runTransaction and startTransaction, isolation of uncommitted writes, rollback, snapshot reads, write-only
// conflicts (write skew possible), ordinary writes waiting for a transaction's lock, single-document
// operations only, expiry, and concurrent increments never losing an update. The lock wait's timeout is in
// database-transaction-locks.test.ts (it needs a wait shorter than the lifetime; here it is longer).
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
interface SdkError {
  errCode?: number;
  errMsg?: string;
  code?: string;
  message?: string;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');
const LIFETIME_MS = 1500;

let lc: Localcloud;
let db: Db;
let _: Db['command'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const failure = (p: unknown): Promise<SdkError> =>
  (p as Promise<unknown>).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: SdkError) => e,
  );
const read = async (collection: string, id: string): Promise<Row | null> => {
  const { data } = await ok<{ data: Row[] }>(db.collection(collection).where({ _id: id }).get());
  return data[0] ?? null;
};
const put = (collection: string, id: string, data: Record<string, unknown>) => ok(db.collection(collection).doc(id).set({ data }));
const start = () => db.startTransaction() as Promise<Tx>;
const txRead = async (t: Tx, collection: string, id: string) => (await ok<{ data: Row | null }>(t.collection(collection).doc(id).get())).data;

/** POST /admin as the SDK would, for requests the SDK cannot send. */
const admin = (body: Record<string, unknown>) => lc.postJson<Record<string, unknown>>('/admin', body);

/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(p: Promise<T>, events: string[], name: string): Promise<T> {
  return p.finally(() => events.push(name));
}

/** Some round trips through localcloud: requests sent after a waiting write are answered meanwhile. */
async function roundTrips(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await read('accounts', 'nothing');
}

beforeAll(async () => {
  lc = await startLocalcloud({
    collections: FIXTURE,
    env: { LOCALCLOUD_TRANSACTION_TIMEOUT_MS: String(LIFETIME_MS), LOCALCLOUD_LOCK_WAIT_MS: String(LIFETIME_MS * 4) },
  });
  lc.useSdk();
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  // as the product's functions do: doc(id).get() of a missing document answers null
  db = cloud.database({ throwOnNotFound: false } as Parameters<Cloud['database']>[0]);
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
      const a = (await txRead(t, 'accounts', 'a'))!;
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

  test('a transaction adds a list of documents in one request: seen by it alone until commit, discarded by a rollback', async () => {
    const t = await start();
    await ok(t.collection('accounts').add({ data: [{ _id: 'list-1', n: 1 }, { _id: 'list-2', n: 2 }] }));
    expect(await txRead(t, 'accounts', 'list-2')).toEqual({ _id: 'list-2', n: 2 });
    expect(await read('accounts', 'list-1')).toBeNull();
    await t.commit();
    expect([await read('accounts', 'list-1'), await read('accounts', 'list-2')]).toEqual([{ _id: 'list-1', n: 1 }, { _id: 'list-2', n: 2 }]);
    const back = await start();
    await ok(back.collection('accounts').add({ data: [{ _id: 'list-3' }, { _id: 'list-4' }] }));
    await back.rollback();
    expect([await read('accounts', 'list-3'), await read('accounts', 'list-4')]).toEqual([null, null]);
  });

  test('uncommitted writes are visible inside the transaction only, and rollback discards them', async () => {
    await put('accounts', 'iso', { v: 1 });
    const t = await start();
    await ok(t.collection('accounts').doc('iso').update({ data: { v: 2 } }));
    await ok(t.collection('accounts').add({ data: { _id: 'iso-new', tag: 'iso' } }));
    expect((await txRead(t, 'accounts', 'iso'))!.v).toBe(2);
    expect(await txRead(t, 'accounts', 'iso-new')).toEqual({ _id: 'iso-new', tag: 'iso' });
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

  test('a commit refused by a unique index (a key held before the snapshot) is a duplicate key and changes nothing', async () => {
    await ok(db.collection('members').add({ data: { _id: 'holder', openid: 'taken' } }));
    await put('accounts', 'dup', { v: 1 });
    const error = await failure(
      db.runTransaction(async (t: Tx) => {
        await ok(t.collection('accounts').doc('dup').update({ data: { v: 2 } }));
        await ok(t.collection('members').add({ data: { openid: 'taken' } }));
      }),
    );
    expect(error).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('E11000 duplicate key error collection: local-env.members index: openid_1') });
    expect((await read('accounts', 'dup'))!.v).toBe(1);
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: 'taken' }).count())).total).toBe(1);
  });

  test('a transaction left open expires and is rolled back, releasing the write that waited for it', async () => {
    await put('accounts', 'stale', { v: 1 });
    const t = await start();
    await ok(t.collection('accounts').doc('stale').update({ data: { v: 2 } }));
    // the lock wait (4 × the lifetime) outlasts the transaction: the write goes on once it expires
    const waiting = ok(db.collection('accounts').doc('stale').update({ data: { v: _.inc(10) } }));
    await waiting;
    expect(lc.output).toMatch(/transaction [0-9a-f]{32} expired after 1500 ms/);
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'stale'))!.v).toBe(11);
  });
});

describe('snapshot reads', () => {
  test('a transaction reads the snapshot of its first operation: what others change, add or remove after it reads as it was', async () => {
    await put('accounts', 'snap-a', { v: 1 });
    await put('accounts', 'snap-gone', { v: 1 });
    const t = await start();
    expect((await txRead(t, 'accounts', 'snap-a'))!.v).toBe(1);
    await ok(db.collection('accounts').doc('snap-a').update({ data: { v: 2 } }));
    await ok(db.collection('accounts').add({ data: { _id: 'snap-new', v: 1 } }));
    await ok(db.collection('accounts').doc('snap-gone').remove());
    await ok(db.collection('accounts').doc('snap-a').update({ data: { v: 3 } }));
    expect(await txRead(t, 'accounts', 'snap-a')).toEqual({ _id: 'snap-a', v: 1 });
    expect(await txRead(t, 'accounts', 'snap-new')).toBeNull();
    expect(await txRead(t, 'accounts', 'snap-gone')).toEqual({ _id: 'snap-gone', v: 1 });
    expect((await read('accounts', 'snap-a'))!.v).toBe(3);
    // a transaction that only read commits
    await t.commit();
  });

  test('the snapshot is taken at the first operation, not at startTransaction', async () => {
    await put('accounts', 'snap-late', { v: 1 });
    const t = await start();
    await ok(db.collection('accounts').doc('snap-late').update({ data: { v: 2 } }));
    expect((await txRead(t, 'accounts', 'snap-late'))!.v).toBe(2);
    await t.rollback();
  });

  test('a transaction sees another transaction’s commit only if it began after it', async () => {
    await put('accounts', 'snap-tx', { v: 1 });
    const before = await start();
    await txRead(before, 'accounts', 'nothing');
    const writer = await start();
    await ok(writer.collection('accounts').doc('snap-tx').update({ data: { v: 2 } }));
    await writer.commit();
    const after = await start();
    expect((await txRead(before, 'accounts', 'snap-tx'))!.v).toBe(1);
    expect((await txRead(after, 'accounts', 'snap-tx'))!.v).toBe(2);
    await before.rollback();
    await after.rollback();
  });
});

describe('write conflicts', () => {
  test('two transactions writing one document: the second writer conflicts at once, the first commits, nothing is lost', async () => {
    await put('accounts', 'race', { n: 0 });
    const t1 = await start();
    const t2 = await start();
    const n1 = (await txRead(t1, 'accounts', 'race'))!.n as number;
    const n2 = (await txRead(t2, 'accounts', 'race'))!.n as number;
    await ok(t1.collection('accounts').doc('race').update({ data: { n: n1 + 1 } }));
    const conflict = await failure(t2.collection('accounts').doc('race').update({ data: { n: n2 + 1 } }));
    expect(conflict.errMsg).toContain('[ResourceUnavailable.TransactionConflict]');
    await t1.commit();
    expect((await read('accounts', 'race'))!.n).toBe(1);
    // the conflict ended t2: its commit has nothing left to apply
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'race'))!.n).toBe(1);
  });

  test('writing a document changed by someone else after the snapshot is a write conflict, and changes nothing', async () => {
    await put('accounts', 'changed', { n: 0 });
    await put('accounts', 'changed-other', { n: 0 });
    const t = await start();
    const n = (await txRead(t, 'accounts', 'changed'))!.n as number;
    await ok(t.collection('accounts').doc('changed-other').update({ data: { n: 1 } }));
    await ok(db.collection('accounts').doc('changed').update({ data: { n: _.inc(1) } }));
    const conflict = await failure(t.collection('accounts').doc('changed').update({ data: { n: n + 10 } }));
    expect(conflict.errMsg).toContain('[ResourceUnavailable.TransactionConflict]');
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'changed'))!.n).toBe(1);
    expect((await read('accounts', 'changed-other'))!.n).toBe(0);
  });

  test('a document only read, then changed by someone else, does not fail the transaction', async () => {
    await put('accounts', 'read-only', { limit: 5 });
    const t = await start();
    expect((await txRead(t, 'accounts', 'read-only'))!.limit).toBe(5);
    await ok(db.collection('accounts').doc('read-only').update({ data: { limit: 0 } }));
    await ok(t.collection('accounts').add({ data: { _id: 'read-only-use', under: 5 } }));
    await t.commit();
    expect(await read('accounts', 'read-only-use')).toEqual({ _id: 'read-only-use', under: 5 });
  });

  test('write skew is possible: two transactions each read both on-call documents and each takes one off', async () => {
    await put('accounts', 'oncall-1', { onCall: true });
    await put('accounts', 'oncall-2', { onCall: true });
    const leave = async (t: Tx, mine: string) => {
      const both = [await txRead(t, 'accounts', 'oncall-1'), await txRead(t, 'accounts', 'oncall-2')];
      // the rule "at least one stays on call" holds in each snapshot
      expect(both.filter((d) => d!.onCall)).toHaveLength(2);
      await ok(t.collection('accounts').doc(mine).update({ data: { onCall: false } }));
    };
    const t1 = await start();
    const t2 = await start();
    await leave(t1, 'oncall-1');
    await leave(t2, 'oncall-2');
    await t1.commit();
    await t2.commit();
    expect((await read('accounts', 'oncall-1'))!.onCall).toBe(false);
    expect((await read('accounts', 'oncall-2'))!.onCall).toBe(false);
  });

  test('adding an _id another open transaction added conflicts; an _id committed after the snapshot conflicts; one in the snapshot is a duplicate', async () => {
    const t1 = await start();
    const t2 = await start();
    await ok(t1.collection('accounts').add({ data: { _id: 'same-id', by: 1 } }));
    expect((await failure(t2.collection('accounts').add({ data: { _id: 'same-id', by: 2 } }))).errMsg).toContain('TransactionConflict');
    await t1.commit();

    const late = await start();
    await txRead(late, 'accounts', 'nothing');
    await ok(db.collection('accounts').add({ data: { _id: 'late-id', by: 'outside' } }));
    expect(await txRead(late, 'accounts', 'late-id')).toBeNull();
    expect((await failure(late.collection('accounts').add({ data: { _id: 'late-id', by: 'late' } }))).errMsg).toContain('TransactionConflict');

    const seen = await start();
    const dup = await failure(seen.collection('accounts').add({ data: { _id: 'same-id', by: 3 } }));
    expect(dup.errMsg).toContain('E11000 duplicate key error collection: local-env.accounts index: _id_');
    expect((await read('accounts', 'same-id'))!.by).toBe(1);
    expect((await read('accounts', 'late-id'))!.by).toBe('outside');
  });

  test('a unique key another open transaction claimed conflicts at once; one committed after the snapshot conflicts at commit', async () => {
    const t1 = await start();
    const t2 = await start();
    await ok(t1.collection('members').add({ data: { _id: 'uk-1', openid: 'uk-claimed' } }));
    expect((await failure(t2.collection('members').add({ data: { _id: 'uk-2', openid: 'uk-claimed' } }))).errMsg).toContain('TransactionConflict');
    await t1.commit();

    const late = await start();
    await txRead(late, 'members', 'nothing');
    await ok(db.collection('members').add({ data: { _id: 'uk-3', openid: 'uk-late' } }));
    await ok(late.collection('members').add({ data: { _id: 'uk-4', openid: 'uk-late' } }));
    await expect(late.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await read('members', 'uk-4')).toBeNull();
  });

  test('runTransaction runs the callback again after a commit conflict; the retry finds the key in its snapshot, a duplicate', async () => {
    let attempts = 0;
    const error = await failure(
      db.runTransaction(async (t: Tx) => {
        attempts += 1;
        await txRead(t, 'members', 'nothing');
        // someone else takes the key after attempt 1's snapshot
        if (attempts === 1) await ok(db.collection('members').add({ data: { openid: 'rt-key' } }));
        await ok(t.collection('members').add({ data: { openid: 'rt-key', attempt: attempts } }));
      }),
    );
    expect(attempts).toBe(2);
    expect(error.message).toContain('E11000 duplicate key error collection: local-env.members index: openid_1');
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: 'rt-key' }).count())).total).toBe(1);
  });

  test('concurrent read-modify-write transactions never lose an update', async () => {
    await put('accounts', 'hot', { n: 0 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        db.runTransaction(async (t: Tx) => {
          const n = (await txRead(t, 'accounts', 'hot'))!.n as number;
          await ok(t.collection('accounts').doc('hot').update({ data: { n: n + 1 } }));
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBeGreaterThanOrEqual(1);
    expect((await read('accounts', 'hot'))!.n).toBe(committed);
  });
});

describe('ordinary writes and a transaction’s locks', () => {
  test('an ordinary write of a document an open transaction wrote waits for the commit, then applies on the committed state', async () => {
    await put('accounts', 'lock-commit', { n: 0 });
    const t = await start();
    await ok(t.collection('accounts').doc('lock-commit').update({ data: { n: 10 } }));
    const events: string[] = [];
    const waiting = watch(ok(db.collection('accounts').doc('lock-commit').update({ data: { n: _.inc(1) } })), events, 'write');
    // other requests, transactional and not, are answered while the write waits
    await roundTrips(3);
    await ok(db.collection('accounts').doc('lock-free').set({ data: { n: 1 } }));
    expect((await read('accounts', 'lock-commit'))!.n).toBe(0);
    expect((await txRead(t, 'accounts', 'lock-commit'))!.n).toBe(10);
    expect(events).toEqual([]);
    await t.commit();
    events.push('commit');
    expect((await waiting).stats.updated).toBe(1);
    expect(events).toEqual(['commit', 'write']);
    expect((await read('accounts', 'lock-commit'))!.n).toBe(11);
  });

  test('an ordinary write waiting for a transaction that aborts applies on what was there', async () => {
    await put('accounts', 'lock-abort', { n: 0 });
    const t = await start();
    await ok(t.collection('accounts').doc('lock-abort').remove());
    const events: string[] = [];
    const waiting = watch(ok(db.collection('accounts').doc('lock-abort').update({ data: { n: _.inc(1) } })), events, 'write');
    await roundTrips(3);
    expect(events).toEqual([]);
    await t.rollback();
    events.push('rollback');
    await waiting;
    expect(events).toEqual(['rollback', 'write']);
    expect((await read('accounts', 'lock-abort'))!.n).toBe(1);
  });

  test('a multi-document ordinary write touching one locked document waits as a whole', async () => {
    await put('accounts', 'multi-1', { tag: 'multi', n: 0 });
    await put('accounts', 'multi-2', { tag: 'multi', n: 0 });
    const t = await start();
    await ok(t.collection('accounts').doc('multi-2').update({ data: { n: 5 } }));
    const events: string[] = [];
    const waiting = watch(ok(db.collection('accounts').where({ tag: 'multi' }).update({ data: { n: _.inc(1) } })), events, 'write');
    await roundTrips(3);
    expect(events).toEqual([]);
    expect((await read('accounts', 'multi-1'))!.n).toBe(0);
    await t.commit();
    expect((await waiting).stats.updated).toBe(2);
    expect((await read('accounts', 'multi-1'))!.n).toBe(1);
    expect((await read('accounts', 'multi-2'))!.n).toBe(6);
  });

  test('an ordinary add of a unique key an open transaction claimed waits, then fails as a duplicate', async () => {
    const t = await start();
    await ok(t.collection('members').add({ data: { _id: 'lock-key-tx', openid: 'lock-key' } }));
    const events: string[] = [];
    const waiting = watch(failure(db.collection('members').add({ data: { openid: 'lock-key' } })), events, 'write');
    await roundTrips(3);
    expect(events).toEqual([]);
    await t.commit();
    expect((await waiting).errMsg).toContain('E11000 duplicate key error collection: local-env.members index: openid_1');
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: 'lock-key' }).count())).total).toBe(1);
  });

  test('a transaction writing inside its own callback through db (not the transaction) waits for itself until it expires', async () => {
    // what production does too: the ordinary write waits for the lock the same transaction holds
    await put('accounts', 'self-lock', { n: 0 });
    const t = await start();
    await ok(t.collection('accounts').doc('self-lock').update({ data: { n: 1 } }));
    await ok(db.collection('accounts').doc('self-lock').update({ data: { n: _.inc(5) } }));
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'self-lock'))!.n).toBe(5);
  });
});

describe('single-document operations only', () => {
  const refused = expect.stringContaining('is not supported in a transaction: a transaction runs single-document operations only');

  test('where().get() and get() of a whole collection in a transaction are refused and end it', async () => {
    await put('accounts', 'single', { tag: 'single', v: 1 });
    const whereGet = await start();
    await ok(whereGet.collection('accounts').doc('single').update({ data: { v: 2 } }));
    expect((await failure(whereGet.collection('accounts').where({ tag: 'single' }).get())).errMsg).toEqual(refused);
    await expect(whereGet.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await read('accounts', 'single'))!.v).toBe(1);

    const whole = await start();
    expect((await failure(whole.collection('accounts').get())).errMsg).toEqual(refused);
    await expect(whole.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  });

  test('count, aggregate and where-writes carrying a transaction id are refused (the SDK sends most of them without it)', async () => {
    const { transactionId } = await admin({ action: 'database.startTransaction' });
    const requests = [
      { action: 'database.calculateDocument', collectionName: 'accounts', queryType: 'WHERE', query: '{"tag":"single"}' },
      { action: 'database.aggregateDocuments', collectionName: 'accounts', stages: [{ stageKey: '$match', stageValue: '{"tag":"single"}' }] },
      { action: 'database.modifyDocument', collectionName: 'accounts', queryType: 'WHERE', query: '{"tag":"single"}', data: '{"$set":{"v":9}}', multi: true, merge: true },
      { action: 'database.removeDocument', collectionName: 'accounts', queryType: 'WHERE', query: '{"tag":"single"}', multi: true },
      { action: 'database.modifyAndReturnDoc', collectionName: 'accounts', queryType: 'WHERE', query: '{"tag":"single"}', data: '{"$set":{"v":9}}' },
      { action: 'database.getDocument', collectionName: 'accounts', queryType: 'DOC', query: '{"_id":"single","tag":"single"}' },
    ];
    for (const req of requests) {
      expect(await admin({ ...req, transactionId })).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: refused });
    }
    expect((await read('accounts', 'single'))!.v).toBe(1);
  });

  test('on a transaction’s collection, the SDK sends where().count() without the transaction: it counts committed data', async () => {
    const t = await start();
    await ok(t.collection('accounts').add({ data: { _id: 'counted', tag: 'counted' } }));
    expect((await ok<{ total: number }>(t.collection('accounts').where({ tag: 'counted' }).count())).total).toBe(0);
    await t.commit();
    expect((await ok<{ total: number }>(db.collection('accounts').where({ tag: 'counted' }).count())).total).toBe(1);
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
