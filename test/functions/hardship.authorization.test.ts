// Every action of the hardship function against every role, inside and outside the member's scope. A
// refused call changes nothing; an allowed one gets past the permission check (a stale version or a state
// that does not allow the step then answers CONFLICT or INVALID_STATE, so allowed decisions are proved
// without changing data). The record is the demo's: 王建国's, confirmed, of 城关镇环卫所工会 (城关镇).
import { useLocalcloud } from '../harness/localcloud';
import { callAs, idCard, PEOPLE, snapshot } from './api';
import { expectVerdict, type Verdict } from './authorizationTable';

const lc = useLocalcloud({ demo: true });

type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const WATCHED = ['members', 'hardshipRecords', 'audit', 'outbox', 'reminderSignals'];

const RECORD = 'hardship-member-o-demo-member';
const VERSION = 2;
const KEEPERS: Who[] = ['cgOfficer', 'fedOfficer'];
const APPROVED: Who[] = ['member', 'cgOfficer', 'spOfficer', 'fedOfficer', 'lawyer', 'staff', 'admin'];
const FILING = { grade: 'severe', causes: ['illness'], monthlyIncomePerHeadFen: 60_000 };

interface Row extends Verdict<Who> {
  action: string;
  input: Record<string, unknown>;
}

const TABLE: Row[] = [
  // asking: any approved member, for themselves; a file not theirs stops it after the check
  { action: 'request', input: { note: '家里困难，申请建档。', materials: ['cloud://local-env.bucket/uploads/o-someone-else/x.png'] }, allowed: APPROVED, allowedCode: 'VALIDATION_FAILED', refused: { newcomer: 'NOT_REGISTERED' } },
  { action: 'mine', input: {}, allowed: EVERYONE },
  { action: 'list', input: {}, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { action: 'list', input: { filter: 'due' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { action: 'list', input: { filter: 'lapsed' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { action: 'list', input: { filter: 'waiting' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { action: 'detail', input: { recordId: RECORD }, allowed: KEEPERS },
  { action: 'file', input: { memberId: 'member-o-demo-member', version: 999, ...FILING }, allowed: KEEPERS, allowedCode: 'CONFLICT' },
  { action: 'file', input: { idCard: idCard('42032219750312041'), version: 999, ...FILING }, allowed: KEEPERS, allowedCode: 'CONFLICT' },
  // confirm and return at the current version: the record is confirmed, not filed
  { action: 'confirm', input: { recordId: RECORD, version: VERSION }, allowed: ['fedOfficer'], allowedCode: 'INVALID_STATE' },
  { action: 'return', input: { recordId: RECORD, version: VERSION, comment: '请补充材料' }, allowed: ['fedOfficer'], allowedCode: 'INVALID_STATE' },
  { action: 'review', input: { recordId: RECORD, version: 999, ...FILING }, allowed: KEEPERS, allowedCode: 'CONFLICT' },
  { action: 'exit', input: { recordId: RECORD, version: 999, comment: '收入已提高' }, allowed: KEEPERS, allowedCode: 'CONFLICT' },
  { action: 'figures', input: { orgId: 'org-chengguan', period: { year: 2026 } }, allowed: ['cgOfficer', 'fedOfficer'] },
  { action: 'figures', input: { orgId: 'org-county', period: { year: 2026 } }, allowed: ['fedOfficer'] },
  // the review timer: the trigger alone
  { action: 'dueReminder', input: {}, allowed: [] },
];

const cases = TABLE.flatMap((row) => EVERYONE.map((who) => [`hardship.${row.action} ${JSON.stringify(row.input)}`, who, row] as const));

test.each(cases)('%s as %s', async (_name, who, row) => {
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], 'hardship', row.action as 'mine', row.input);
  expectVerdict(r, who, row);
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('lists show only the caller’s subtree', async () => {
  const ids = async (who: Who) => {
    const r = await callAs(lc, PEOPLE[who], 'hardship', 'list', {});
    return r.ok ? r.data.items.map((i) => i.recordId) : r.error.code;
  };
  expect(await ids('cgOfficer')).toEqual([RECORD]);
  expect(await ids('fedOfficer')).toEqual([RECORD]);
  expect(await ids('spOfficer')).toEqual([]);
});
