// The lock wait's timeout, through the real wx-server-sdk: an ordinary write blocked by an open
// transaction's lock fails once LOCALCLOUD_LOCK_WAIT_MS passes, writes nothing, and leaves the transaction
// to commit. (The lock wait here is shorter than the transaction's lifetime; database-transactions.test.ts
// has the other case.)
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
type Db = ReturnType<Cloud['database']>;
interface Tx {
  collection(name: string): ReturnType<Db['collection']>;
  commit(): Promise<unknown>;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');

let lc: Localcloud;
let db: Db;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const value = async (id: string) => (await ok<{ data: { n: number }[] }>(db.collection('accounts').where({ _id: id }).get())).data[0].n;

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE, env: { LOCALCLOUD_TRANSACTION_TIMEOUT_MS: '60000', LOCALCLOUD_LOCK_WAIT_MS: '300' } });
  lc.useSdk();
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  db = cloud.database();
});

afterAll(async () => {
  await lc.dispose();
});

test('an ordinary write still blocked when the lock wait passes fails, writes nothing, and the transaction commits', async () => {
  await ok(db.collection('accounts').doc('held').set({ data: { n: 0 } }));
  const t = (await db.startTransaction()) as Tx;
  await ok(t.collection('accounts').doc('held').update({ data: { n: 10 } }));
  const error = await ok(db.collection('accounts').doc('held').update({ data: { n: db.command.inc(1) } })).then(
    () => null,
    (e: { errCode?: number; errMsg?: string }) => e,
  );
  expect(error).toMatchObject({ errCode: -501002, errMsg: expect.stringContaining('[ResourceUnavailable.LockTimeout] The write waited 300 ms for a document locked by an open transaction and was not applied') });
  expect(await value('held')).toBe(0);
  // the transaction did not notice: it goes on and commits
  await ok(t.collection('accounts').doc('held').update({ data: { n: db.command.inc(5) } }));
  await t.commit();
  expect(await value('held')).toBe(15);
  // with the lock released, ordinary writes apply at once
  await ok(db.collection('accounts').doc('held').update({ data: { n: db.command.inc(1) } }));
  expect(await value('held')).toBe(16);
});
