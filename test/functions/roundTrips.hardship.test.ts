// What the steps on a hardship record (困难职工档案) cost (issue 21: at most 10 round trips each, at most 5
// documents written), from localcloud's count of the requests of its invocation: database reads, writes,
// aggregations, a transaction's start and commit, storage calls; and of the documents they wrote. The
// record goes the whole way through the real functions: asked with materials, filed, returned, filed
// again, confirmed, reviewed, ended (脱困); and a second member is filed by their ID card, with no request.
import type { HardshipDetail, HardshipMine } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callCounted, data, idCard, measuredCall, PEOPLE } from './api';
import { approvedMember, hardshipFiling, sdkDb, upload } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const ASKER = 'o-trips-hr-asker';
const NAMED = 'o-trips-hr-named'; // filed by ID card: approvedMember's card for n = 812
const NAMED_N = 812;
const MOVED = 'o-trips-hr-moved'; // asks at 城关镇环卫所工会, then moves to another union

const costs: Record<string, { trips: number; written: number }> = {};

/** Calls hardship.`action` as `openid` and keeps what it cost; the data of the result. */
async function measured<T>(name: string, openid: string, action: string, input: Record<string, unknown>): Promise<T> {
  const { data: out, cost: s } = await measuredCall(lc, openid, 'hardship', action as never, input);
  expect({ name, unindexed: s.unindexedQueries }).toEqual({ name, unindexed: 0 });
  costs[name] = { trips: s.total, written: s.docsWritten };
  return out as T;
}

const decide = (name: string, openid: string, r: { recordId: string; version: number }, action: string, more: Record<string, unknown> = {}) =>
  measured<{ record: HardshipDetail }>(name, openid, action, { recordId: r.recordId, version: r.version, ...more }).then((x) => x.record);

test('every hardship step within its round trips', async () => {
  const askerId = await approvedMember(lc, ASKER, 811, false);
  await approvedMember(lc, NAMED, NAMED_N, false);
  const photo = await upload(lc, ASKER);
  const asked = (await measured<{ record: HardshipMine }>('request', ASKER, 'request', { note: '爱人长期患病，孩子上学，家里入不敷出。', materials: [photo] })).record;
  let r: HardshipDetail = (await measured<{ record: HardshipDetail }>('file (requested)', PEOPLE.cgOfficer, 'file', { memberId: askerId, version: asked.version, ...hardshipFiling() })).record;
  r = await decide('return', PEOPLE.fedOfficer, r, 'return', { comment: '请补充收入证明' });
  const { household: _kept, ...again } = hardshipFiling({ monthlyIncomePerHeadFen: 70_000 });
  r = (await measured<{ record: HardshipDetail }>('file (returned)', PEOPLE.cgOfficer, 'file', { memberId: askerId, version: r.version, ...again })).record;
  r = await decide('confirm', PEOPLE.fedOfficer, r, 'confirm');
  // what the step's aggregation joined is what the answer shows: the org's name, the materials' URLs
  expect(r).toMatchObject({ status: 'confirmed', orgName: '城关镇环卫所工会', materials: [{ fileId: photo, url: expect.stringMatching(/^http/) }] });
  r = await decide('review', PEOPLE.cgOfficer, r, 'review', { ...again, grade: 'extreme' });
  expect(r).toMatchObject({ status: 'confirmed', grade: 'extreme', verifiedByName: '张伟', orgName: '城关镇环卫所工会' });
  r = await decide('exit', PEOPLE.cgOfficer, r, 'exit', { comment: '爱人康复，收入已高于当地标准' });
  expect(r).toMatchObject({ status: 'exited', orgName: '城关镇环卫所工会' });
  // a member with no record, named by their ID card: the record is made by the filing
  const named = (await measured<{ record: HardshipDetail }>('file (new, by ID card)', PEOPLE.cgOfficer, 'file', { idCard: idCard(`4203221980010${String(1000 + NAMED_N).slice(-4)}`), ...hardshipFiling() })).record;
  expect(named).toMatchObject({ status: 'filed', verifiedByName: '张伟', orgName: '城关镇环卫所工会', materials: [] });

  if (process.env.SHOW_TRIPS) console.log(JSON.stringify(costs, null, 1));
  const cost = (pick: (c: (typeof costs)[string]) => number) => Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, pick(v)]));
  // A step on a record is one aggregation (the record, or the member a filing names with their record; the
  // caller; the officers along the path; the org's name; the filing officer's name), its transaction (start,
  // the record's read, the record, audit and outbox writes: one message here, to the member or to the desk
  // the record arrives at; commit), and one storage call for its materials' URLs. The asker's record has
  // materials; the record filed by ID card has none. A request is one aggregation (the member, their grants,
  // the officers along their path), the materials' check, and its transaction.
  expect(cost((c) => c.trips)).toEqual({
    request: 8,
    'file (requested)': 8,
    return: 8,
    'file (returned)': 8,
    confirm: 8,
    review: 8,
    exit: 8,
    'file (new, by ID card)': 7,
  });
  expect(Object.entries(cost((c) => c.written)).filter(([, n]) => n > 5)).toEqual([]);
});

test('a record kept where it was made, when its member has moved since: its officers and org read apart', async () => {
  const movedId = await approvedMember(lc, MOVED, 813, false);
  const asked = data(await callCounted(lc, MOVED, 'hardship', 'request', { note: '家里有病人，收入很低。' }).then((c) => c.result)).record;
  // the member moved to 示范县第一建筑公司工会 (as the stored member says; the record keeps its org)
  const db = sdkDb(lc);
  const { data: member } = (await db.collection('members').doc(movedId).get()) as unknown as { data: { orgPath: string[] } };
  await db.collection('members').doc(movedId).update({ data: { orgId: 'org-cg-construction', orgPath: [...member.orgPath.slice(0, -1), 'org-cg-construction'] } });
  const { data: filed, cost: s } = await measuredCall(lc, PEOPLE.cgOfficer, 'hardship', 'file', { memberId: movedId, version: asked.version, ...hardshipFiling() });
  expect(filed.record).toMatchObject({ status: 'filed', orgId: 'org-cg-sanitation', orgName: '城关镇环卫所工会', verifiedByName: '张伟' });
  // the steps' one aggregation, the officers along the record's path and its org's name (each a read of
  // its own), the transaction (one message, to the federation); no materials
  expect({ trips: s.total, unindexed: s.unindexedQueries }).toEqual({ trips: 9, unindexed: 0 });
});
