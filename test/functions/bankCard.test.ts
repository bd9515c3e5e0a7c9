// The bank card a grant is paid to, through the real applications function: a number failing the Luhn check
// and a holder who is neither the member nor whom the card field allows are refused at submit and at
// resubmit, against their fields, changing nothing; the holder's name is shown beside the masked card.
import type { ApplicationDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import { childId, requestKey, STUDENT_AID, studentAidAnswers, upload } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const WATCHED = ['applications', 'outbox', 'audit', 'stats', 'deltas'];
let notice = '';

const submit = (more: Record<string, unknown>, child = 800) =>
  callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [notice], more) });

beforeAll(async () => {
  notice = await upload(lc, PEOPLE.member);
});

test.each([
  ['a number failing the Luhn check', { bankCard: '6222 0212 3456 7890 123' }, { bankCard: '银行卡号校验不通过，请核对后重新填写' }],
  ['a holder who is neither the member nor the student', { cardHolder: '李四' }, { cardHolder: '持卡人须为申请人本人或受助学生' }],
  ['a card without its holder', { cardHolder: '' }, { cardHolder: '请填写持卡人姓名' }],
])('submit: %s is refused against its field, nothing written', async (_what, more, fields) => {
  const before = await snapshot(lc, WATCHED);
  expect(await submit(more)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/[\u4e00-\u9fa5]/), fields } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('the member’s own card or the student’s is taken; the officer sees the holder beside the masked card', async () => {
  const own = data(await submit({ childName: '王小北', cardHolder: ' 王 建国 ' }, 801)).application;
  const student = data(await submit({ childName: '王小西' }, 802)).application;
  const shown = (a: ApplicationDetail) => Object.fromEntries(a.answers.map((x) => [x.key, x.display]));
  expect(shown(own)).toMatchObject({ cardHolder: '王 建国' });
  const seen = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'detail', { applicationId: student.applicationId })).application;
  expect(shown(seen)).toMatchObject({ cardHolder: '王小西', bankCard: '6222 **** **** 0128' });
});

test('resubmit: a holder changed to someone else is refused, nothing written', async () => {
  const app = data(await submit({ childName: '王小中' }, 803)).application;
  const returned = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition: 'return', comment: '请补充材料' })).application;
  const answers = studentAidAnswers(childId(803), [notice], { childName: '王小中', cardHolder: '张三' });
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE.member, 'applications', 'act', { applicationId: app.applicationId, version: returned.version, transition: 'resubmit', answers });
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { cardHolder: '持卡人须为申请人本人或受助学生' } } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
  const fixed = { ...answers, cardHolder: '王小中' };
  expect(await callAs(lc, PEOPLE.member, 'applications', 'act', { applicationId: app.applicationId, version: returned.version, transition: 'resubmit', answers: fixed })).toMatchObject({ ok: true, data: { application: { status: 'submitted' } } });
});
