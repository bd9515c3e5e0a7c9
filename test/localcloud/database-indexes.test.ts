// The declared indexes of the localcloud database as MongoDB keeps them: compound keys in order with their
// directions, ranges, multikey entries for arrays, walks in index order (and reversed) that stop at a
// page's limit, unique indexes, and indexes kept right by updates, removals, transactions, journal replay
// at start and bulk import. What a query cost is read from the invocation's docsExamined counter; what it
// answered is checked against the same query on a collection without indexes (same documents) and
// against expectations computed from the fixture.
import { EJSON } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';

type Cloud = typeof import('wx-server-sdk');
type Db = ReturnType<Cloud['database']>;
type Row = Record<string, unknown> & { _id: string };
interface Tx {
  collection(name: string): ReturnType<Db['collection']>;
  commit(): Promise<unknown>;
}

const FIXTURE = path.resolve(__dirname, '../fixtures/collections.test.json');

let lc: Localcloud;
let db: Db;
let _: Db['command'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ok = <T = any>(p: unknown): Promise<T> => p as Promise<T>;
const rows = async (p: unknown): Promise<Row[]> => (await ok<{ data: Row[] }>(p)).data;
const idsOf = (list: Row[]): string[] => list.map((r) => r._id);

const T0 = Date.UTC(2026, 0, 1);
const at = (i: number) => new Date(T0 + i * 60_000);
const id = (i: number) => `e${String(i).padStart(3, '0')}`;
const TAGS = [['x', 'y'], ['y'], [], ['x', 'z']];
interface Event {
  _id: string;
  org: string;
  at: Date;
  n: number;
  kind: string;
  tags: string[];
  holders: { org: string }[];
  code: string;
}
const EVENTS: Event[] = Array.from({ length: 120 }, (_x, i) => ({
  _id: id(i),
  org: i % 2 ? 'a' : 'b',
  at: at(i),
  n: i,
  kind: ['k1', 'k2', 'k3'][i % 3],
  tags: TAGS[i % 4],
  holders: [{ org: `h${i % 5}` }, { org: `h${(i + 1) % 5}` }],
  code: `c${i}`,
}));

let seq = 0;
/** Runs `work` as one localcloud invocation and returns its result with the documents it examined. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; examined: number; unindexed: number }> {
  const { result, stats } = await lc.asInvocation(`indexes-${++seq}`, work);
  return { result, examined: stats.docsExamined, unindexed: stats.unindexedQueries };
}

beforeAll(async () => {
  lc = await startLocalcloud({ collections: FIXTURE });
  lc.useSdk();
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local-env' });
  db = cloud.database();
  _ = db.command;
  // the same documents in an indexed collection and in one without indexes (the oracle)
  await ok(db.collection('events').add({ data: EVENTS as unknown as Record<string, unknown>[] }));
  await ok(db.collection('accounts').add({ data: EVENTS as unknown as Record<string, unknown>[] }));
});

afterAll(async () => {
  await lc.dispose();
});

describe('compound keys', () => {
  test('equality on the leading field and a range on the next, walked in index order: a page reads only its own documents', async () => {
    const q = () => db.collection('events').where({ org: 'a', at: _.gte(at(10)).and(_.lt(at(90))) });
    const desc = await measured(() => rows(q().orderBy('at', 'desc').limit(5).get()));
    expect(idsOf(desc.result)).toEqual(['e089', 'e087', 'e085', 'e083', 'e081']);
    expect(desc.examined).toBe(5);
    expect(desc.unindexed).toBe(0);
    // the index is (org, at desc, _id desc): ascending on both walks it backwards
    const asc = await measured(() => rows(q().orderBy('at', 'asc').orderBy('_id', 'asc').skip(2).limit(3).get()));
    expect(idsOf(asc.result)).toEqual(['e015', 'e017', 'e019']);
    expect(asc.examined).toBe(5);
    // a count reads the range, not the collection
    const counted = await measured(() => ok<{ total: number }>(q().count()));
    expect(counted.result.total).toBe(40);
    expect(counted.examined).toBe(40);
  });

  test('a sort the index does not follow is still right, and is sorted in memory after reading every candidate', async () => {
    const mixed = await measured(() => rows(db.collection('events').where({ org: 'a', at: _.gte(at(10)).and(_.lt(at(90))) }).orderBy('at', 'asc').orderBy('_id', 'desc').limit(3).get()));
    expect(idsOf(mixed.result)).toEqual(['e011', 'e013', 'e015']);
    expect(mixed.examined).toBe(40);
    const other = await measured(() => rows(db.collection('events').where({ org: 'a' }).orderBy('n', 'desc').limit(3).get()));
    expect(idsOf(other.result)).toEqual(['e119', 'e117', 'e115']);
    expect(other.examined).toBe(60);
  });

  test('the next page after a cursor (time, _id) stops at its limit, however many documents come after', async () => {
    // what data/cursor.ts whereAfter sends for a list newest first
    const after = _.or([{ at: _.lt(at(51)) }, { at: at(51), _id: _.lt(id(51)) }]);
    const page = await measured(() => rows(db.collection('events').where(_.and([{ org: 'a' }, after])).orderBy('at', 'desc').orderBy('_id', 'desc').limit(10).get()));
    expect(idsOf(page.result)).toEqual([49, 47, 45, 43, 41, 39, 37, 35, 33, 31].map(id));
    expect(page.examined).toBe(11); // the cursor's own document, then the page
    const oldestFirst = _.or([{ at: _.gt(at(51)) }, { at: at(51), _id: _.gt(id(51)) }]);
    const next = await measured(() => rows(db.collection('events').where(_.and([{ org: 'a' }, oldestFirst])).orderBy('at', 'asc').orderBy('_id', 'asc').limit(4).get()));
    expect(idsOf(next.result)).toEqual([53, 55, 57, 59].map(id));
    expect(next.examined).toBe(5);
  });

  test('points on a prefix ($in) then a range: only those intervals are read', async () => {
    const where = { kind: _.in(['k1', 'k3']), n: _.gt(100) };
    const found = await measured(() => rows(db.collection('events').where(where).limit(1000).get()));
    const expected = EVENTS.filter((e) => ['k1', 'k3'].includes(e.kind) && e.n > 100).map((e) => e._id);
    expect(idsOf(found.result).sort()).toEqual(expected);
    expect(found.examined).toBe(EVENTS.filter((e) => ['k1', 'k3'].includes(e.kind) && e.n >= 100).length);
    // a sort on the range field with $in on the prefix is merged in memory, and is right
    const sorted = await rows(db.collection('events').where(where).orderBy('n', 'desc').limit(3).get());
    expect(idsOf(sorted)).toEqual(['e119', 'e117', 'e116']);
  });
});

describe('multikey indexes', () => {
  test('an array field has one entry per element: equality, $in, and a path through an array of objects', async () => {
    // bound to one value, the array field still walks in order (as MongoDB): the page reads its own 3
    const x = await measured(() => rows(db.collection('events').where({ tags: 'x' }).orderBy('n', 'desc').limit(3).get()));
    expect(idsOf(x.result)).toEqual(['e119', 'e116', 'e115']);
    expect(x.examined).toBe(3);
    // two values give a document two places in the walk: every candidate is read and sorted in memory
    const xy = await measured(() => rows(db.collection('events').where({ tags: _.in(['x', 'y']) }).orderBy('n', 'desc').limit(3).get()));
    expect(idsOf(xy.result)).toEqual(['e119', 'e117', 'e116']);
    expect(xy.examined).toBe(EVENTS.filter((e) => e.tags.includes('x') || e.tags.includes('y')).length);
    const xz = await measured(() => ok<{ total: number }>(db.collection('events').where({ tags: _.in(['x', 'z']) }).count()));
    expect(xz.result.total).toBe(60); // a document holding both counts once
    expect(xz.examined).toBe(60);
    const held = await measured(() => rows(db.collection('events').where({ 'holders.org': 'h2' }).limit(1000).get()));
    expect(idsOf(held.result).sort()).toEqual(EVENTS.filter((e) => e.holders.some((h) => h.org === 'h2')).map((e) => e._id));
    expect(held.examined).toBe(48);
    expect(held.unindexed).toBe(0);
  });

  test('indexed answers equal the answers of the same queries without indexes', async () => {
    const queries: [object, Record<string, 1 | -1>][] = [
      [{ tags: _.gt('x').and(_.lt('y')) }, { n: 1 }], // on an array each bound may hold for another element
      [{ tags: _.gte('y'), n: _.lt(20) }, { n: -1 }],
      [{ tags: _.in(['z', 'q']), n: _.gte(50) }, { n: 1 }],
      [_.and([{ tags: 'x' }, { tags: 'z' }]), { n: 1 }],
      [{ tags: _.size(0) }, { n: 1 }],
      [{ tags: 'x' }, { n: -1 }], // walked: the array field bound to one value
      [{ tags: 'y', n: _.gt(5) }, { n: 1 }],
      [{ tags: null }, { n: 1 }],
      [{ org: 'b', at: _.gt(at(100)) }, { at: -1, _id: -1 }],
      [{ org: _.in(['a', 'b']), at: _.lte(at(3)) }, { at: 1 }],
      [{ kind: 'k2', n: _.gt(10).and(_.lt(5)) }, { n: 1 }],
      [_.or([{ kind: 'k1', n: _.lt(6) }, { org: 'a', at: _.gte(at(115)) }]), { n: 1 }],
      [{ org: 'a', n: _.gt(30), at: _.lt(at(60)) }, { at: 1, _id: 1 }],
      [{ n: _.gt(110) }, { n: 1 }],
    ];
    for (const [where, order] of queries) {
      const get = (name: string) => {
        let q = db.collection(name).where(where);
        for (const [f, d] of Object.entries(order)) q = q.orderBy(f, d === 1 ? 'asc' : 'desc');
        return rows(q.limit(1000).get());
      };
      expect({ where: JSON.stringify(where), ids: idsOf(await get('events')) }).toEqual({ where: JSON.stringify(where), ids: idsOf(await get('accounts')) });
    }
  });
});

describe('a unique index over an array field is multikey', () => {
  const passes = () => db.collection('passes');
  const seatsOf = async (passId: string) => (await rows(passes().where({ _id: passId }).get()))[0]?.seats;
  /** the error a refused call answers, whatever form the SDK gives it */
  const refusal = async (p: unknown): Promise<string> => {
    try {
      await ok(p);
    } catch (e) {
      const err = e as { errMsg?: string; message?: string };
      return err.errMsg ?? err.message ?? String(e);
    }
    throw new Error('expected the call to fail');
  };
  const DUP_A = 'E11000 duplicate key error collection: local-env.passes index: seats_1 dup key: { seats: "a" }';

  test('each element is a key no other document may hold: an insert, a batch, an update and a transaction are refused', async () => {
    await ok(passes().add({ data: { _id: 'p1', seats: ['a', 'b'] } }));
    expect(await refusal(passes().add({ data: { _id: 'p2', seats: ['a', 'c'] } }))).toContain(DUP_A);
    // a plain value meets the element it equals
    expect(await refusal(passes().add({ data: { _id: 'p2', seats: 'b' } }))).toContain('dup key: { seats: "b" }');
    // a batch colliding with a stored document, or within itself, writes nothing
    await refusal(passes().add({ data: [{ _id: 'p3', seats: ['x'] }, { _id: 'p4', seats: ['c', 'a'] }] }));
    await refusal(passes().add({ data: [{ _id: 'p3', seats: ['x', 'y'] }, { _id: 'p4', seats: ['y'] }] }));
    expect(await seatsOf('p3')).toBeUndefined();
    expect(await seatsOf('p4')).toBeUndefined();
    await ok(passes().add({ data: { _id: 'p5', seats: ['c'] } }));
    expect(await refusal(passes().doc('p5').update({ data: { seats: ['c', 'a'] } }))).toContain(DUP_A);
    expect(await seatsOf('p5')).toEqual(['c']);
    const t = (await db.startTransaction()) as Tx;
    await ok(t.collection('passes').add({ data: { _id: 'p6', seats: ['z', 'a'] } }));
    expect(await refusal(t.commit())).toContain(DUP_A);
    expect(await seatsOf('p6')).toBeUndefined();
  });

  test('a document may repeat its own element; an open transaction locks each element; a key given up is free', async () => {
    await ok(passes().add({ data: { _id: 'r1', seats: ['d', 'd'] } }));
    await ok(passes().doc('r1').update({ data: { seats: ['d', 'e', 'd'] } }));
    const t1 = (await db.startTransaction()) as Tx;
    const t2 = (await db.startTransaction()) as Tx;
    await ok(t1.collection('passes').add({ data: { _id: 'r2', seats: ['f', 'g'] } }));
    expect(await refusal(t2.collection('passes').add({ data: { _id: 'r3', seats: ['h', 'g'] } }))).toContain('TransactionConflict');
    await t1.commit();
    // r1 gives up 'd' (keeping 'e'), p1 all of its: another document takes them
    await ok(passes().doc('r1').update({ data: { seats: ['e'] } }));
    await ok(passes().doc('p1').update({ data: { seats: ['a:released'] } }));
    await ok(passes().add({ data: { _id: 'r4', seats: ['d', 'a', 'b'] } }));
    expect(await refusal(passes().add({ data: { _id: 'r5', seats: ['e'] } }))).toContain('dup key: { seats: "e" }');
    expect(idsOf(await rows(passes().where({ seats: _.in(['a', 'd', 'e', 'g']) }).get())).sort()).toEqual(['r1', 'r2', 'r4']);
  });
});

describe('writes keep the indexes right', () => {
  test('an update moves a document in every index; a removal takes it out', async () => {
    await ok(db.collection('events').doc('e010').update({ data: { n: 1000, tags: ['w'] } }));
    const moved = await measured(() => rows(db.collection('events').where({ kind: 'k2', n: 1000 }).get()));
    expect(idsOf(moved.result)).toEqual(['e010']);
    expect(moved.examined).toBe(1);
    const gone = await measured(() => rows(db.collection('events').where({ kind: 'k2', n: 10 }).get()));
    expect(gone.result).toEqual([]);
    expect(gone.examined).toBe(0);
    expect(idsOf(await rows(db.collection('events').where({ tags: 'w' }).get()))).toEqual(['e010']);
    expect(idsOf(await rows(db.collection('events').where({ tags: 'y', n: _.gte(8).and(_.lte(12)) }).orderBy('n', 'asc').get()))).toEqual(['e008', 'e009', 'e012']);
    await ok(db.collection('events').doc('e010').remove());
    const removed = await measured(() => rows(db.collection('events').where({ kind: 'k2', n: 1000 }).get()));
    expect(removed.result).toEqual([]);
    expect(removed.examined).toBe(0);
    await ok(db.collection('events').add({ data: { ...EVENTS[10] } }));
  });

  test('a unique index still refuses a duplicate by add and by update, and frees a key its holder gave up', async () => {
    await expect(ok(db.collection('events').add({ data: { _id: 'dup', code: 'c5' } }))).rejects.toMatchObject({ errCode: -502001 });
    await expect(ok(db.collection('events').doc('e006').update({ data: { code: 'c5' } }))).rejects.toMatchObject({ errCode: -502001 });
    expect((await rows(db.collection('events').where({ code: 'c6' }).get()))[0]._id).toBe('e006');
    await ok(db.collection('events').doc('e005').update({ data: { code: 'c5-old' } }));
    await ok(db.collection('events').add({ data: { _id: 'new5', code: 'c5' } }));
    expect(idsOf(await rows(db.collection('events').where({ code: _.in(['c5', 'c5-old']) }).get())).sort()).toEqual(['e005', 'new5']);
    // a missing key is null: one document may lack it, a second may not
    await ok(db.collection('events').add({ data: { _id: 'nocode-1' } }));
    await expect(ok(db.collection('events').add({ data: { _id: 'nocode-2', code: null } }))).rejects.toMatchObject({ errCode: -502001 });
    await ok(db.collection('events').where({ _id: _.in(['new5', 'nocode-1']) }).remove());
    await ok(db.collection('events').doc('e005').update({ data: { code: 'c5' } }));
  });

  test("a transaction's writes reach a sorted page at commit, in order (a transaction itself runs no where-query)", async () => {
    const newest = async (c: ReturnType<Db['collection']>) => idsOf(await rows(c.where({ org: 'a' }).orderBy('at', 'desc').limit(3).get()));
    const t = (await db.startTransaction()) as Tx;
    await ok(t.collection('events').add({ data: { _id: 'tx-new', org: 'a', at: at(500), code: 'tx' } }));
    await ok(t.collection('events').doc('e119').remove());
    await ok(t.collection('events').doc('e001').update({ data: { at: at(300) } }));
    expect(await newest(db.collection('events'))).toEqual(['e119', 'e117', 'e115']);
    await t.commit();
    expect(await newest(db.collection('events'))).toEqual(['tx-new', 'e001', 'e117']);
    const t2 = (await db.startTransaction()) as Tx;
    await ok(t2.collection('events').doc('tx-new').remove());
    await ok(t2.collection('events').add({ data: { ...EVENTS[119] } }));
    await ok(t2.collection('events').doc('e001').update({ data: { at: at(1) } }));
    await t2.commit();
    expect(await newest(db.collection('events'))).toEqual(['e119', 'e117', 'e115']);
  });
});

describe('indexes are rebuilt', () => {
  test('at start, from the datafiles and from a journaled write being replayed', async () => {
    await lc.stop();
    const replayed = { _id: 'replayed', org: 'a', at: at(1000), n: 5000, kind: 'k1', tags: ['r'], code: 'replayed' };
    const record = [{ c: 'events', id: 'replayed', doc: EJSON.serialize(replayed, { relaxed: false }) }];
    fs.writeFileSync(path.join(lc.dataDir, 'database', 'journal.log'), `${JSON.stringify(record)}\n`);
    await lc.start();
    const page = await measured(() => rows(db.collection('events').where({ org: 'a' }).orderBy('at', 'desc').limit(3).get()));
    expect(idsOf(page.result)).toEqual(['replayed', 'e119', 'e117']);
    expect(page.examined).toBe(3);
    const byKind = await measured(() => rows(db.collection('events').where({ kind: 'k1', n: _.gte(120) }).get()));
    expect(idsOf(byKind.result)).toEqual(['replayed']);
    expect(byKind.examined).toBe(1);
    expect(idsOf(await rows(db.collection('events').where({ tags: 'r' }).get()))).toEqual(['replayed']);
    await expect(ok(db.collection('events').add({ data: { code: 'c7' } }))).rejects.toMatchObject({ errCode: -502001 });
    await ok(db.collection('events').doc('replayed').remove());
  });

  test('a bulk import enters every index, and a duplicate in it refuses it whole', async () => {
    const bulk = Array.from({ length: 3000 }, (_x, i) => ({ _id: `bulk-${String(i).padStart(4, '0')}`, org: 'bulk', at: at(i), n: 10_000 + i, kind: 'bulk', tags: [`t${i % 7}`], code: `bulk-${i}` }));
    const body = bulk.map((d) => EJSON.stringify(d, { relaxed: false })).join('\n');
    const res = await fetch(`${lc.url}/__localcloud/database/events/import`, { method: 'POST', body });
    expect(await res.json()).toEqual({ inserted: 3000 });
    const page = await measured(() => rows(db.collection('events').where({ org: 'bulk', at: _.lte(at(1999)) }).orderBy('at', 'desc').limit(5).get()));
    expect(idsOf(page.result)).toEqual(['bulk-1999', 'bulk-1998', 'bulk-1997', 'bulk-1996', 'bulk-1995']);
    expect(page.examined).toBe(5);
    const tagged = await measured(() => ok<{ total: number }>(db.collection('events').where({ tags: 't3', n: _.gte(10_000) }).count()));
    expect(tagged.result.total).toBe(bulk.filter((d) => d.tags[0] === 't3').length);
    expect(tagged.examined).toBe(tagged.result.total);
    const dup = await fetch(`${lc.url}/__localcloud/database/events/import`, { method: 'POST', body: EJSON.stringify({ _id: 'x-1', code: 'new' }) + '\n' + EJSON.stringify({ _id: 'x-2', code: 'bulk-7' }) });
    expect(dup.status).toBe(409);
    expect(await rows(db.collection('events').where({ code: _.in(['new', 'bulk-7']) }).get())).toHaveLength(1);
  });
});
