// The localcloud database through the real wx-server-sdk: documents, queries with every command,
// updates with every operator, aggregation, the CloudBase errors, limits, and the index accounting.
// Expectations are computed by hand from the fixtures below.
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
type Db = ReturnType<Cloud['database']>;
type Row = Record<string, unknown> & { _id: string };
interface SdkError {
  errCode: number;
  errMsg: string;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');

let lc: Localcloud;
let cloud: Cloud;
let db: Db;
let _: Db['command'];

/** The SDK types every call as `Promise | void | string` (callback styles); these calls use promises. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const rows = async (p: unknown): Promise<Row[]> => (await ok<{ data: Row[] }>(p)).data;
const ids = async (p: unknown): Promise<string[]> => (await rows(p)).map((r) => r._id).sort();
const failure = async (p: unknown): Promise<SdkError> => {
  try {
    await ok(p);
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
};

/** db.serverDate takes an offset in the SDK, which its typings omit. */
const serverDateWithOffset = (offset: number) => (db.serverDate as unknown as (o: { offset: number }) => unknown)({ offset });

/** POST /admin as the SDK would, for requests the SDK cannot produce (malformed ones). */
const admin = (body: Record<string, unknown>) => lc.postJson<Record<string, unknown>>('/admin', body);

const ITEMS: Row[] = [
  { _id: 'i1', kind: 'a', rank: 1, price: 10, tags: ['x', 'y'], meta: { color: 'red', size: 2 }, name: 'Apple', at: new Date('2024-01-01T00:00:00Z'), qty: [{ w: 1 }, { w: 5 }] },
  { _id: 'i2', kind: 'a', rank: 2, price: 20, tags: ['y'], meta: { color: 'blue', size: 3 }, name: 'apricot', at: new Date('2024-02-01T00:00:00Z'), qty: [{ w: 2 }] },
  { _id: 'i3', kind: 'b', rank: 1, price: 30, tags: [], meta: { color: 'red', size: 1 }, name: 'Banana', at: new Date('2024-03-01T00:00:00Z') },
  { _id: 'i4', kind: 'b', rank: 2, price: 40, tags: ['x', 'y', 'z'], name: 'blueberry', at: new Date('2024-04-01T00:00:00Z'), discontinued: true },
  { _id: 'i5', kind: 'c', rank: 1, price: 50, tags: ['z'], meta: { color: 'green', size: 5 }, name: 'Cherry', at: new Date('2024-05-01T00:00:00Z') },
];

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE });
  lc.useSdk();
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  db = cloud.database();
  _ = db.command;
  const added = await ok<{ _ids: string[] }>(db.collection('items').add({ data: ITEMS as unknown as Record<string, unknown> }));
  expect(added._ids).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
});

afterAll(async () => {
  await lc.dispose();
});

describe('documents', () => {
  test('add makes a 32-hex id, doc().get returns the document with its types (dates as Date)', async () => {
    const at = new Date('2025-06-01T08:00:00.123Z');
    const { _id } = await ok<{ _id: string }>(db.collection('members').add({ data: { openid: 'doc-1', orgId: 'g1', createdAt: at, n: 1.5, big: 3_000_000_000, nested: { a: [1, { b: true }] }, none: null } }));
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await ok<{ data: Row }>(db.collection('members').doc(_id).get());
    expect(data).toEqual({ _id, openid: 'doc-1', orgId: 'g1', createdAt: at, n: 1.5, big: 3_000_000_000, nested: { a: [1, { b: true }] }, none: null });
    expect(data.createdAt).toBeInstanceOf(Date);
  });

  test('serverDate is the server clock plus its offset', async () => {
    const before = Date.now();
    const { _id } = await ok<{ _id: string }>(db.collection('members').add({ data: { openid: 'sd-1', at: db.serverDate(), later: serverDateWithOffset(60_000) } }));
    const { data } = await ok<{ data: { at: Date; later: Date } }>(db.collection('members').doc(_id).get());
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
  });

  test('set replaces a document, and creates it when missing (upsert)', async () => {
    const ref = db.collection('members').doc('set-1');
    const created = await ok<{ stats: { updated: number; created: number } }>(ref.set({ data: { openid: 'set-1', a: 1, b: 2 } }));
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await ok<{ stats: { updated: number; created: number } }>(ref.set({ data: { openid: 'set-1', c: 3 } }));
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await ok<{ data: Row }>(ref.get())).data).toEqual({ _id: 'set-1', openid: 'set-1', c: 3 });
  });

  test('remove deletes one document; a missing document reads as not found', async () => {
    await ok(db.collection('members').add({ data: { _id: 'rm-1', openid: 'rm-1' } }));
    expect((await ok<{ stats: { removed: number } }>(db.collection('members').doc('rm-1').remove())).stats.removed).toBe(1);
    expect((await ok<{ stats: { removed: number } }>(db.collection('members').doc('rm-1').remove())).stats.removed).toBe(0);
    await expect(ok(db.collection('members').doc('rm-1').get())).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
  });

  test('doc().field() projects', async () => {
    const { data } = await ok<{ data: Row }>(db.collection('items').doc('i1').field({ name: true, 'meta.color': true }).get());
    expect(data).toEqual({ _id: 'i1', name: 'Apple', meta: { color: 'red' } });
  });
});

describe('queries', () => {
  const where = (q: object) => ids(db.collection('items').where(q).get());

  test('comparison commands', async () => {
    expect(await where({ kind: 'a' })).toEqual(['i1', 'i2']);
    expect(await where({ price: _.eq(30) })).toEqual(['i3']);
    expect(await where({ kind: _.neq('a') })).toEqual(['i3', 'i4', 'i5']);
    expect(await where({ price: _.gt(20) })).toEqual(['i3', 'i4', 'i5']);
    expect(await where({ price: _.gte(20) })).toEqual(['i2', 'i3', 'i4', 'i5']);
    expect(await where({ price: _.lt(20) })).toEqual(['i1']);
    expect(await where({ price: _.lte(20) })).toEqual(['i1', 'i2']);
    expect(await where({ kind: _.in(['a', 'c']) })).toEqual(['i1', 'i2', 'i5']);
    expect(await where({ kind: _.nin(['a', 'c']) })).toEqual(['i3', 'i4']);
  });

  test('logic commands: and, or, nor, not, at top level and on a field', async () => {
    expect(await where(_.and([{ price: _.gt(10) }, { price: _.lt(40) }]))).toEqual(['i2', 'i3']);
    expect(await where({ price: _.gt(10).and(_.lt(40)) })).toEqual(['i2', 'i3']);
    expect(await where(_.or([{ kind: 'c' }, { price: _.lt(15) }]))).toEqual(['i1', 'i5']);
    expect(await where({ price: _.lt(15).or(_.gt(45)) })).toEqual(['i1', 'i5']);
    expect(await where(_.nor([{ kind: 'a' }, { kind: 'b' }]))).toEqual(['i5']);
    expect(await where({ price: _.not(_.gt(20)) })).toEqual(['i1', 'i2']);
  });

  test('element and array commands: exists, size, all, elemMatch, array contains', async () => {
    expect(await where({ discontinued: _.exists(true) })).toEqual(['i4']);
    expect(await where({ meta: _.exists(false) })).toEqual(['i4']);
    expect(await where({ tags: _.size(3) })).toEqual(['i4']);
    expect(await where({ tags: _.size(0) })).toEqual(['i3']);
    expect(await where({ tags: _.all(['x', 'y']) })).toEqual(['i1', 'i4']);
    expect(await where({ qty: _.elemMatch({ w: _.gt(3) }) })).toEqual(['i1']);
    expect(await where({ tags: 'y' })).toEqual(['i1', 'i2', 'i4']);
  });

  test('regular expressions: db.RegExp and JS RegExp', async () => {
    expect(await where({ name: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['i3', 'i4']);
    expect(await where({ name: /^a/ })).toEqual(['i2']);
  });

  test('nested fields, object conditions and array paths', async () => {
    expect(await where({ 'meta.color': 'red' })).toEqual(['i1', 'i3']);
    expect(await where({ meta: { color: 'red', size: _.gt(1) } })).toEqual(['i1']);
    expect(await where({ 'qty.0.w': 1 })).toEqual(['i1']);
    expect(await where({ 'qty.w': 2 })).toEqual(['i2']);
  });

  test('dates compare as dates', async () => {
    expect(await where({ at: _.gte(new Date('2024-03-01T00:00:00Z')) })).toEqual(['i3', 'i4', 'i5']);
    expect(await where({ at: _.lt(new Date('2024-02-01T00:00:00Z')) })).toEqual(['i1']);
  });

  test('orderBy, skip, limit, field', async () => {
    const order = async (q: unknown) => (await rows(q)).map((r) => r._id);
    expect(await order(db.collection('items').orderBy('price', 'desc').limit(2).get())).toEqual(['i5', 'i4']);
    expect(await order(db.collection('items').orderBy('price', 'asc').skip(1).limit(2).get())).toEqual(['i2', 'i3']);
    expect(await order(db.collection('items').orderBy('kind', 'asc').orderBy('rank', 'desc').get())).toEqual(['i2', 'i1', 'i4', 'i3', 'i5']);
    expect(await rows(db.collection('items').where({ kind: 'b' }).orderBy('rank', 'asc').field({ name: true }).get())).toEqual([
      { _id: 'i3', name: 'Banana' },
      { _id: 'i4', name: 'blueberry' },
    ]);
    expect(await rows(db.collection('items').where({ kind: 'c' }).field({ name: false, meta: false, tags: false, at: false }).get())).toEqual([
      { _id: 'i5', kind: 'c', rank: 1, price: 50 },
    ]);
  });

  test('count', async () => {
    expect((await ok<{ total: number }>(db.collection('items').where({ kind: 'b' }).count())).total).toBe(2);
    expect((await ok<{ total: number }>(db.collection('items').count())).total).toBe(5);
  });

  test('get answers 100 documents by default and at most 1000', async () => {
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ _id: `acc-${String(i).padStart(4, '0')}`, i }));
    const { _ids } = await ok<{ _ids: string[] }>(db.collection('accounts').add({ data: docs }));
    expect(_ids).toHaveLength(1100);
    expect(await rows(db.collection('accounts').get())).toHaveLength(100);
    expect(await rows(db.collection('accounts').limit(1000).get())).toHaveLength(1000);
    const raw = await admin({ action: 'database.getDocument', collectionName: 'accounts', queryType: 'WHERE', limit: 5000 });
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000);
    expect((await ok<{ total: number }>(db.collection('accounts').count())).total).toBe(1100);
  });
});

describe('updates', () => {
  const fresh = async (id: string, data: Record<string, unknown>) => {
    await ok(db.collection('counters').doc(id).set({ data }));
    return db.collection('counters').doc(id);
  };
  const read = async (id: string) => (await ok<{ data: Row }>(db.collection('counters').doc(id).get())).data;

  test('update merges fields and nested objects; set() command replaces an object', async () => {
    const ref = await fresh('merge', { a: 1, obj: { x: 1, y: 2 }, keep: true });
    expect((await ok<{ stats: { updated: number } }>(ref.update({ data: { a: 2, obj: { y: 7 } } }))).stats.updated).toBe(1);
    expect(await read('merge')).toEqual({ _id: 'merge', a: 2, obj: { x: 1, y: 7 }, keep: true });
    await ok(ref.update({ data: { obj: _.set({ z: 0 }) } }));
    expect(await read('merge')).toEqual({ _id: 'merge', a: 2, obj: { z: 0 }, keep: true });
    expect((await ok<{ stats: { updated: number } }>(ref.update({ data: { a: 2 } }))).stats.updated).toBe(0);
  });

  test('field operators: inc, mul, remove, min, max, rename', async () => {
    const ref = await fresh('ops', { n: 5, m: 3, gone: 'x', lo: 10, hi: 10, old: 'v' });
    await ok(ref.update({ data: { n: _.inc(3), m: _.mul(4), gone: _.remove(), lo: _.min(4), hi: _.max(20), old: _.rename('renamed') } }));
    expect(await read('ops')).toEqual({ _id: 'ops', n: 8, m: 12, lo: 4, hi: 20, renamed: 'v' });
    await ok(ref.update({ data: { lo: _.min(9), hi: _.max(1), n: _.inc(-10) } }));
    expect(await read('ops')).toMatchObject({ lo: 4, hi: 20, n: -2 });
  });

  test('array operators: push (plain, each/position/sort/slice), pop, shift, unshift, pull, pullAll, addToSet', async () => {
    const ref = await fresh('arr', { a: [1, 2, 3], b: [5, 1, 4], c: ['x', 'y', 'z'], d: [1, 2, 2, 3, 9], e: ['p'], f: [{ k: 1 }, { k: 2 }] });
    await ok(ref.update({ data: { a: _.push([4]), b: _.push({ each: [3, 0], sort: 1, slice: 4 }), c: _.pop(), e: _.unshift(['o']) } }));
    expect(await read('arr')).toMatchObject({ a: [1, 2, 3, 4], b: [0, 1, 3, 4], c: ['x', 'y'], e: ['o', 'p'] });
    await ok(ref.update({ data: { a: _.push({ each: [0], position: 0 }), c: _.shift(), d: _.pull(2) } }));
    expect(await read('arr')).toMatchObject({ a: [0, 1, 2, 3, 4], c: ['y'], d: [1, 3, 9] });
    await ok(ref.update({ data: { d: _.pullAll([1, 9]), e: _.addToSet('p'), f: _.pull({ k: 1 }) } }));
    expect(await read('arr')).toMatchObject({ d: [3], e: ['o', 'p'], f: [{ k: 2 }] });
    await ok(ref.update({ data: { e: _.addToSet({ $each: ['p', 'q'] }), d: _.pull(_.gt(2)) } }));
    expect(await read('arr')).toMatchObject({ d: [], e: ['o', 'p', 'q'] });
  });

  test('update with serverDate and dates', async () => {
    const ref = await fresh('dates', { n: 1 });
    const before = Date.now();
    await ok(ref.update({ data: { at: db.serverDate(), fixed: new Date('2030-01-01T00:00:00Z') } }));
    const doc = await read('dates');
    expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.fixed).toEqual(new Date('2030-01-01T00:00:00Z'));
  });

  test('where().update and where().remove act on every match', async () => {
    await ok(db.collection('counters').add({ data: [0, 1, 2, 3].map((i) => ({ _id: `multi-${i}`, group: 'm', i, even: i % 2 === 0 })) }));
    const upd = await ok<{ stats: { updated: number } }>(db.collection('counters').where({ group: 'm', even: true }).update({ data: { i: _.inc(10) } }));
    expect(upd.stats.updated).toBe(2);
    expect((await rows(db.collection('counters').where({ group: 'm' }).orderBy('i', 'asc').get())).map((r) => r.i)).toEqual([1, 3, 10, 12]);
    const rem = await ok<{ stats: { removed: number } }>(db.collection('counters').where({ group: 'm', i: _.lt(10) }).remove());
    expect(rem.stats.removed).toBe(2);
    expect(await ids(db.collection('counters').where({ group: 'm' }).get())).toEqual(['multi-0', 'multi-2']);
  });

  test('an _id list with other conditions, on its own, in an and, beside an or: queries and multi-document updates', async () => {
    await ok(db.collection('counters').add({ data: [0, 1, 2, 3, 4].map((i) => ({ _id: `list-${i}`, i, seq: i < 2 ? 7 : 3 })) }));
    const list = ['list-1', 'list-2', 'list-4', 'list-9', 2];
    expect(await ids(db.collection('counters').where({ _id: _.in(list) }).get())).toEqual(['list-1', 'list-2', 'list-4']);
    expect(await ids(db.collection('counters').where({ _id: _.in(list), i: _.gt(1) }).get())).toEqual(['list-2', 'list-4']);
    const pending = _.and([{ _id: _.in(list) }, _.or([{ seq: _.lt(5) }, { seq: _.exists(false) }])]);
    expect(await ids(db.collection('counters').where(pending).get())).toEqual(['list-2', 'list-4']);
    const first = await ok<{ stats: { updated: number } }>(db.collection('counters').where(pending).update({ data: { i: _.inc(10), seq: 5 } }));
    expect(first.stats.updated).toBe(2);
    // the marked ones no longer match: the same write again changes nothing
    expect((await ok<{ stats: { updated: number } }>(db.collection('counters').where(pending).update({ data: { i: _.inc(10), seq: 5 } }))).stats.updated).toBe(0);
    // a write that leaves a document as it was does not count it
    expect((await ok<{ stats: { updated: number } }>(db.collection('counters').where({ _id: _.in(['list-0', 'list-2']) }).update({ data: { seq: 5 } }))).stats.updated).toBe(1);
    expect((await rows(db.collection('counters').where({ _id: _.in(['list-0', 'list-1', 'list-2', 'list-3', 'list-4']) }).orderBy('_id', 'asc').get())).map((r) => [r.i, r.seq])).toEqual([
      [0, 5],
      [1, 7],
      [12, 5],
      [3, 3],
      [14, 5],
    ]);
  });

  test('update of a missing document updates nothing', async () => {
    expect((await ok<{ stats: { updated: number } }>(db.collection('counters').doc('nobody').update({ data: { a: 1 } }))).stats.updated).toBe(0);
  });
});

describe('aggregate', () => {
  const $ = () => _.aggregate;

  beforeAll(async () => {
    await ok(
      db.collection('orgs').add({
        data: [
          { _id: 'o1', code: 'A', name: 'Org A' },
          { _id: 'o2', code: 'B', name: 'Org B' },
        ],
      }),
    );
    await ok(
      db.collection('enrolments').add({
        data: [
          { _id: 'e1', memberId: 'm1', campaignId: 'c1', orgId: 'o1', amount: 100, tags: ['x', 'y'] },
          { _id: 'e2', memberId: 'm2', campaignId: 'c1', orgId: 'o1', amount: 300, tags: ['y'] },
          { _id: 'e3', memberId: 'm3', campaignId: 'c1', orgId: 'o2', amount: 50, tags: [] },
          { _id: 'e4', memberId: 'm1', campaignId: 'c2', orgId: 'o2', amount: 20, tags: ['x'] },
        ],
      }),
    );
  });

  const run = async (agg: { end(): unknown }) => (await ok<{ list: Row[] }>(agg.end())).list;

  test('match, group with accumulators, sort', async () => {
    const list = await run(
      db
        .collection('enrolments')
        .aggregate()
        .match({ campaignId: 'c1' })
        .group({ _id: '$orgId', total: $().sum('$amount'), n: $().sum(1), avg: $().avg('$amount'), max: $().max('$amount'), min: $().min('$amount'), members: $().push('$memberId') })
        .sort({ total: -1 }),
    );
    expect(list).toEqual([
      { _id: 'o1', total: 400, n: 2, avg: 200, max: 300, min: 100, members: ['m1', 'm2'] },
      { _id: 'o2', total: 50, n: 1, avg: 50, max: 50, min: 50, members: ['m3'] },
    ]);
  });

  test('project, addFields, skip, limit, count', async () => {
    const list = await run(
      db.collection('enrolments').aggregate().sort({ amount: 1 }).addFields({ double: $().multiply(['$amount', 2]) }).project({ _id: 0, memberId: 1, double: 1 }).skip(1).limit(2),
    );
    expect(list).toEqual([
      { memberId: 'm3', double: 100 },
      { memberId: 'm1', double: 200 },
    ]);
    expect(await run(db.collection('enrolments').aggregate().match({ amount: _.gte(100) }).count('n'))).toEqual([{ n: 2 }]);
  });

  test('unwind, sortByCount, sample', async () => {
    const tags = await run(db.collection('enrolments').aggregate().unwind('$tags').sortByCount('$tags'));
    // x and y both appear twice: their order is a tie
    expect([...tags].sort((a, b) => a._id.localeCompare(b._id))).toEqual([
      { _id: 'x', count: 2 },
      { _id: 'y', count: 2 },
    ]);
    const sample = await run(db.collection('enrolments').aggregate().sample({ size: 2 }));
    expect(sample).toHaveLength(2);
    for (const r of sample) expect(['e1', 'e2', 'e3', 'e4', 'cu1', 'cu2']).toContain(r._id);
  });

  test('lookup: localField/foreignField and let/pipeline forms', async () => {
    const basic = await run(db.collection('enrolments').aggregate().match({ _id: 'e3' }).lookup({ from: 'orgs', localField: 'orgId', foreignField: '_id', as: 'org' }));
    expect(basic).toEqual([expect.objectContaining({ _id: 'e3', org: [{ _id: 'o2', code: 'B', name: 'Org B' }] })]);
    const piped = await run(
      db
        .collection('enrolments')
        .aggregate()
        .match({ memberId: 'm1' })
        .lookup({
          from: 'orgs',
          let: { org: '$orgId' },
          pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$org'] } } }, { $project: { _id: 0, name: 1 } }],
          as: 'org',
        })
        .project({ _id: 1, org: 1 })
        .sort({ _id: 1 }),
    );
    expect(piped).toEqual([
      { _id: 'e1', org: [{ name: 'Org A' }] },
      { _id: 'e4', org: [{ name: 'Org B' }] },
    ]);
    // an array localField joins the documents matching any of its elements, and only those (CloudBase's
    // reference: 对数组字段应用相等匹配); an element nothing matches adds nothing
    const arrayed = await run(
      db
        .collection('enrolments')
        .aggregate()
        .match({ _id: 'e1' })
        .addFields({ path: ['o9', 'o2', 'o1'] })
        .lookup({ from: 'orgs', localField: 'path', foreignField: '_id', as: 'orgs' })
        .project({ _id: 1, orgs: 1 }),
    );
    expect(arrayed).toHaveLength(1);
    expect((arrayed[0] as unknown as { orgs: { _id: string }[] }).orgs.map((o) => o._id).sort()).toEqual(['o1', 'o2']);
  });

  test('answers 20 results without a $limit stage, as CloudBase\'s server does; with one up to 10,000', async () => {
    await db.createCollection('agg_limits');
    const docs = Array.from({ length: 10_050 }, (_x, i) => ({ _id: `g-${String(i).padStart(5, '0')}`, group: i % 30, i }));
    await ok(db.collection('agg_limits').add({ data: docs }));
    const groups = () => db.collection('agg_limits').aggregate().group({ _id: '$group', n: $().sum(1) }).sort({ _id: 1 });
    // 30 groups: only the first 20 come back unless the pipeline says how many it wants
    expect((await run(groups())).map((g) => g._id)).toEqual(Array.from({ length: 20 }, (_x, i) => i));
    expect(await run(groups().limit(100))).toHaveLength(30);
    expect(await run(db.collection('agg_limits').aggregate().match({ group: 7 }))).toHaveLength(20);
    // a $limit anywhere lifts the default, even before the stages that shape the result
    expect(await run(db.collection('agg_limits').aggregate().limit(1000).match({ group: 7 }))).toHaveLength(34);
    // past 10,000 a larger $limit answers 10,000
    expect(await run(db.collection('agg_limits').aggregate().project({ i: 1 }).limit(20_000))).toHaveLength(10_000);
    // a single result is unaffected
    expect(await run(db.collection('agg_limits').aggregate().count('n'))).toEqual([{ n: 10_050 }]);
  });
});

describe('errors', () => {
  test('a collection that does not exist fails every operation with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const missing = db.collection('no_such_collection');
    // Each call is made only when awaited: a rejection created earlier would go unhandled meanwhile.
    const calls = [
      () => missing.get(),
      () => missing.count(),
      () => missing.add({ data: { a: 1 } }),
      () => missing.doc('x').get(),
      () => missing.doc('x').update({ data: { a: 1 } }),
      () => missing.doc('x').set({ data: { a: 1 } }),
      () => missing.doc('x').remove(),
      () => missing.where({ a: 1 }).update({ data: { a: 2 } }),
      () => missing.where({ a: 1 }).remove(),
    ];
    for (const call of calls) {
      const e = await failure(call());
      expect(e.errCode).toBe(-502005);
      expect(e.errMsg).toContain('[ResourceNotFound] Db or Table not exist: no_such_collection');
    }
    // the SDK's aggregate wrapper reports every failure as errCode -1, keeping the message
    expect((await failure(missing.aggregate().match({ a: 1 }).end())).errMsg).toContain('Db or Table not exist: no_such_collection');
  });

  test('createCollection makes a usable collection; creating it again fails', async () => {
    await db.createCollection('made_at_runtime');
    await ok(db.collection('made_at_runtime').add({ data: { _id: 'r1', v: 1 } }));
    expect(await ids(db.collection('made_at_runtime').get())).toEqual(['r1']);
    const again = await failure(db.createCollection('made_at_runtime'));
    expect(again.errMsg).toContain('Table exist');
  });

  test('a unique index rejects a duplicate (single field), leaving the first document', async () => {
    await ok(db.collection('members').add({ data: { openid: 'uniq-1', orgId: 'g9' } }));
    const e = await failure(db.collection('members').add({ data: { openid: 'uniq-1', orgId: 'other' } }));
    expect(e.errCode).toBe(-502001);
    expect(e.errMsg).toContain('E11000 duplicate key error collection: local-env.members index: openid_1 dup key: { openid: "uniq-1" }');
    expect(await rows(db.collection('members').where({ openid: 'uniq-1' }).field({ orgId: true, _id: false }).get())).toEqual([{ orgId: 'g9' }]);
  });

  test('a compound unique index rejects the same pair, including by update, and allows other pairs', async () => {
    await ok(db.collection('enrolments').add({ data: { _id: 'cu1', memberId: 'cu-m', campaignId: 'cu-c1' } }));
    await ok(db.collection('enrolments').add({ data: { _id: 'cu2', memberId: 'cu-m', campaignId: 'cu-c2' } }));
    const dup = await failure(db.collection('enrolments').add({ data: { memberId: 'cu-m', campaignId: 'cu-c1' } }));
    expect(dup.errMsg).toContain('index: member_campaign dup key: { memberId: "cu-m", campaignId: "cu-c1" }');
    const byUpdate = await failure(db.collection('enrolments').doc('cu2').update({ data: { campaignId: 'cu-c1' } }));
    expect(byUpdate.errCode).toBe(-502001);
    expect((await ok<{ data: Row }>(db.collection('enrolments').doc('cu2').get())).data.campaignId).toBe('cu-c2');
  });

  test('adding an _id that exists is a duplicate; a batch with one duplicate adds nothing', async () => {
    const e = await failure(db.collection('items').add({ data: { _id: 'i1', kind: 'z' } }));
    expect(e.errMsg).toContain('index: _id_ dup key: { _id: "i1" }');
    await failure(db.collection('members').add({ data: [{ openid: 'batch-1' }, { openid: 'batch-2' }, { openid: 'batch-1' }] }));
    expect((await ok<{ total: number }>(db.collection('members').where({ openid: _.in(['batch-1', 'batch-2']) }).count())).total).toBe(0);
  });

  test('malformed requests answer CloudBase errors and the server keeps serving', async () => {
    const badEjson = await admin({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{"a":{"$date":"not a date"}' });
    expect(badEjson).toMatchObject({ code: 'INVALID_PARAM' });
    const badOperator = await admin({ action: 'database.getDocument', collectionName: 'items', queryType: 'WHERE', query: '{"price":{"$foo":1}}' });
    expect(badOperator).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$foo') });
    const badUpdate = await admin({ action: 'database.modifyDocument', collectionName: 'items', queryType: 'DOC', query: '{"_id":"i1"}', data: '{"$foo":{"a":1}}', merge: true });
    expect(badUpdate).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const badStage = await admin({ action: 'database.aggregateDocuments', collectionName: 'items', stages: [{ stageKey: '$nope', stageValue: '{}' }] });
    expect(badStage).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const badAction = await admin({ action: 'database.dropEverything' });
    expect(badAction).toMatchObject({ code: 'INVALID_ACTION' });
    const incOnString = await failure(db.collection('items').doc('i1').update({ data: { name: _.inc(1) } }));
    expect(incOnString.errCode).toBe(-502001);
    expect((await ok<{ data: Row }>(db.collection('items').doc('i1').get())).data.name).toBe('Apple');
  });
});

describe('the 16 MB document limit (BSON, as MongoDB counts it)', () => {
  const MiB16 = 16 * 1024 * 1024;
  /** { _id, s } of exactly `bytes` as BSON: 4 length + _id element (1 + '_id\0' + 4 + id + '\0') + s element (1 + 's\0' + 4 + n + '\0') + 1 */
  const sized = (id: string, bytes: number) => ({ _id: id, s: 'x'.repeat(bytes - 4 - (10 + id.length) - 8 - 1) });
  const big = () => db.collection('counters');
  const stored = async (id: string) => (await rows(big().where({ _id: id }).field({ _id: true }).get())).length;

  afterAll(async () => {
    await ok(big().where({ _id: _.in(['at-limit', 'growing']) }).remove());
  });

  test('an insert over 16 MB is refused with MongoDB\'s error and stores nothing; one of exactly 16 MB is stored', async () => {
    await ok(big().add({ data: sized('at-limit', MiB16) }));
    expect(await stored('at-limit')).toBe(1);
    const justOver = await failure(big().add({ data: sized('just-over', MiB16 + 1) }));
    expect(justOver).toMatchObject({ errCode: -502001, errMsg: expect.stringContaining(`object to insert too large. size in bytes: ${MiB16 + 1}, max size: ${MiB16}`) });
    const wayOver = await failure(big().add({ data: sized('way-over', MiB16 + 100_000) }));
    expect(wayOver.errMsg).toContain(`BSONObj size: ${MiB16 + 100_000} (0x${(MiB16 + 100_000).toString(16).toUpperCase()}) is invalid. Size must be between 0 and 16793600(16MB) First element: _id: "way-over"`);
    expect(await stored('just-over')).toBe(0);
    expect(await stored('way-over')).toBe(0);
  });

  test('an update or a set whose resulting document is over 16 MB is refused and changes nothing', async () => {
    await ok(big().add({ data: sized('growing', 10 * 1024 * 1024) }));
    const tooLarge = { errCode: -502001, errMsg: expect.stringContaining(`Resulting document after update is larger than ${MiB16}`) };
    expect(await failure(big().doc('growing').update({ data: { more: 'y'.repeat(7 * 1024 * 1024) } }))).toMatchObject(tooLarge);
    expect(await failure(big().where({ _id: 'growing' }).update({ data: { more: 'y'.repeat(7 * 1024 * 1024) } }))).toMatchObject(tooLarge);
    expect(await failure(big().doc('growing').set({ data: { s: 'z'.repeat(MiB16) } }))).toMatchObject(tooLarge);
    const [doc] = await rows(big().where({ _id: 'growing' }).get());
    expect(Object.keys(doc).sort()).toEqual(['_id', 's']);
    expect((doc.s as string).startsWith('x')).toBe(true);
    // within the limit the same update applies
    await ok(big().doc('growing').update({ data: { more: 'y' } }));
    expect((await rows(big().where({ _id: 'growing' }).field({ more: true }).get()))[0].more).toBe('y');
  });

  test('a transaction\'s write over 16 MB fails the transaction, which writes nothing', async () => {
    type Tx = { collection(name: string): { add(o: object): Promise<unknown>; doc(id: string): { update(o: object): Promise<unknown> } } };
    const run = (work: (tx: Tx) => Promise<unknown>) => (db as unknown as { runTransaction(w: (tx: Tx) => Promise<unknown>): Promise<unknown> }).runTransaction(work);
    const added = await failure(
      run(async (tx) => {
        await tx.collection('counters').add({ data: { _id: 'tx-small', n: 1 } });
        await tx.collection('counters').add({ data: sized('tx-big', MiB16 + 100_000) });
      }),
    );
    expect(added.errMsg).toContain('BSONObj size');
    const grown = await failure(run(async (tx) => tx.collection('counters').doc('growing').update({ data: { more: 'y'.repeat(7 * 1024 * 1024) } })));
    expect(grown.errMsg).toContain(`Resulting document after update is larger than ${MiB16}`);
    expect(await stored('tx-small')).toBe(0);
    expect(await stored('tx-big')).toBe(0);
    expect((await rows(big().where({ _id: 'growing' }).field({ more: true }).get()))[0].more).toBe('y');
  });
});

describe('index accounting', () => {
  test('unindexed queries are counted per invocation, listed by shape, and reset', async () => {
    await fetch(`${lc.url}/__localcloud/database/unindexed`, { method: 'DELETE' });
    const { stats } = await lc.asInvocation('db-accounting-1', async () => {
      await ok(db.collection('members').where({ openid: 'uniq-1' }).get()); // unique index
      await ok(db.collection('members').where({ orgId: 'g1', createdAt: _.gt(new Date(0)) }).orderBy('createdAt', 'desc').get()); // compound, leading field
      await ok(db.collection('members').doc('set-1').get()); // by _id
      await ok(db.collection('members').where({ openid: _.in(['a', 'b']) }).count());
      await ok(db.collection('members').where(_.or([{ openid: 'a' }, { orgId: 'g1' }])).get()); // every branch indexed
      await ok(db.collection('members').count()); // no condition: metadata
      await ok(db.collection('members').where({ createdAt: _.gt(new Date(0)) }).get()); // second field of an index only
      await ok(db.collection('members').where({ nested: _.exists(true) }).count());
      await ok(db.collection('members').where({ nested: _.exists(false) }).count()); // same shape
      await ok(db.collection('counters').where({ group: 'm' }).update({ data: { seen: true } }));
      await ok(db.collection('items').orderBy('price', 'asc').get()); // sort with no index
      await ok(db.collection('enrolments').aggregate().match({ amount: _.gt(0) }).end());
    });
    expect(stats.total).toBe(12);
    expect(stats.byAction).toMatchObject({ 'database.getDocument': 6, 'database.calculateDocument': 4, 'database.modifyDocument': 1, 'database.aggregateDocuments': 1 });
    expect(stats.byCollection).toEqual({ members: 9, counters: 1, items: 1, enrolments: 1 });
    expect(stats.unindexedQueries).toBe(6);
    const report = await lc.getJson<{ total: number; shapes: { collection: string; shape: string; count: number }[] }>('/__localcloud/database/unindexed');
    expect(report.total).toBe(6);
    expect(report.shapes).toEqual(
      expect.arrayContaining([
        { collection: 'members', shape: '{"createdAt":{"$gt":"?"}}', count: 1 },
        { collection: 'members', shape: '{"nested":{"$exists":"?"}}', count: 2 },
        { collection: 'counters', shape: '{"group":"?"}', count: 1 },
        { collection: 'items', shape: '{} orderBy {"price":1}', count: 1 },
        { collection: 'enrolments', shape: '{"amount":{"$gt":"?"}}', count: 1 },
      ]),
    );
    expect(report.shapes).toHaveLength(5);
    expect(lc.output).toContain('unindexed get on members: {"createdAt":{"$gt":"?"}}');
    const reset = await (await fetch(`${lc.url}/__localcloud/database/unindexed`, { method: 'DELETE' })).json();
    expect(reset).toEqual({ total: 0, shapes: [] });
  });

  test('documents written are counted per invocation: adds, sets, multi-document updates and removes, in and out of a transaction', async () => {
    type TxDoc = { update(o: object): Promise<unknown>; set(o: object): Promise<unknown>; remove(): Promise<unknown> };
    type Tx = { collection(name: string): { add(o: object): Promise<unknown>; doc(id: string): TxDoc } };
    const run = (work: (tx: Tx) => Promise<unknown>) => (db as unknown as { runTransaction(w: (tx: Tx) => Promise<unknown>): Promise<unknown> }).runTransaction(work);
    const written = async (invocation: string, work: () => Promise<unknown>) => (await lc.asInvocation(invocation, work)).stats.docsWritten;
    const accounts = () => db.collection('accounts');
    // a batch add of 4, one more add, a set of a new document and a set replacing one: 7
    expect(
      await written('db-written-plain', async () => {
        await ok(accounts().add({ data: [1, 2, 3, 4].map((i) => ({ _id: `written-${i}`, group: 'w', i })) }));
        await ok(accounts().add({ data: { _id: 'written-5', group: 'w', i: 5 } }));
        await ok(accounts().doc('written-6').set({ data: { group: 'w', i: 6 } }));
        await ok(accounts().doc('written-6').set({ data: { group: 'w', i: 60 } }));
      }),
    ).toBe(7);
    // where().update() changing 4 documents; one matching 6 that changes none; a missing one; a where().remove() of 4
    expect(
      await written('db-written-multi', async () => {
        await ok(accounts().where({ group: 'w', i: _.lte(4) }).update({ data: { i: _.inc(100) } }));
        await ok(accounts().where({ group: 'w' }).update({ data: { group: 'w' } }));
        await ok(accounts().doc('nobody-written').update({ data: { i: 1 } }));
        await ok(accounts().where({ group: 'w', i: _.gt(100) }).remove());
      }),
    ).toBe(4 + 0 + 0 + 4);
    // in a transaction: an update, a set, an add and a remove
    expect(
      await written('db-written-tx', () =>
        run(async (tx) => {
          await tx.collection('accounts').doc('written-5').update({ data: { i: 50 } });
          await tx.collection('accounts').doc('written-7').set({ data: { group: 'w', i: 7 } });
          await tx.collection('accounts').add({ data: { _id: 'written-8', group: 'w', i: 8 } });
          await tx.collection('accounts').doc('written-6').remove();
        }),
      ),
    ).toBe(4);
    expect(await ids(accounts().where({ group: 'w' }).get())).toEqual(['written-5', 'written-7', 'written-8']);
  });

  test('what a $lookup joins is read as a query: on an index, or counted unindexed', async () => {
    await fetch(`${lc.url}/__localcloud/database/unindexed`, { method: 'DELETE' });
    const { stats } = await lc.asInvocation('db-accounting-lookup', async () => {
      const joined = await ok<{ list: { org: { name: string }[]; same: unknown[]; byName: unknown[] }[] }>(
        db
          .collection('enrolments')
          .aggregate()
          .match({ memberId: 'm1', campaignId: 'c1' })
          .limit(1)
          .lookup({ from: 'orgs', localField: 'orgId', foreignField: '_id', as: 'org' }) // by _id
          .lookup({ from: 'enrolments', pipeline: [{ $match: { memberId: 'm1' } }, { $limit: 10 }], as: 'same' }) // leading field of an index
          .lookup({ from: 'orgs', pipeline: [{ $match: { name: 'Org B' } }, { $limit: 1 }], as: 'byName' }) // no index
          .end(),
      );
      expect(joined.list).toEqual([expect.objectContaining({ org: [{ _id: 'o1', code: 'A', name: 'Org A' }], same: [expect.anything(), expect.anything()], byName: [expect.objectContaining({ _id: 'o2' })] })]);
    });
    expect(stats).toMatchObject({ total: 1, unindexedQueries: 1 });
    const report = await lc.getJson<{ shapes: { collection: string; shape: string; count: number }[] }>('/__localcloud/database/unindexed');
    expect(report.shapes).toEqual([{ collection: 'orgs', shape: '{"name":"?"}', count: 1 }]);
  });
});
