// Who may hold the bank card a grant is paid to, as a form's bank card field declares it.
import { cardHolderProblems, holderRuleProblems } from '../../cloudfunctions/_shared/domain/cardHolder';
import { definitionProblems } from '../../cloudfunctions/_shared/domain/campaignForm';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import type { FormField } from '../../typings/api/campaigns';

const STUDENT: FormField[] = [
  { key: 'childName', label: '子女姓名', type: 'text', required: true },
  { key: 'bankCard', label: '收款银行卡号', type: 'bankCard', required: true, holder: { field: 'cardHolder', others: ['childName'], whom: '受助学生' } },
  { key: 'cardHolder', label: '持卡人姓名', type: 'text', required: true },
];
const MEMBER_ONLY: FormField[] = [
  { key: 'bankCard', label: '收款银行卡号', type: 'bankCard', required: false, holder: { field: 'cardHolder' } },
  { key: 'cardHolder', label: '持卡人姓名', type: 'text', required: false },
];
const CARD = '6222021234567890128';

describe('cardHolderProblems', () => {
  test.each([
    ['the member', STUDENT, { childName: '王小明', bankCard: CARD, cardHolder: '王建国' }, {}],
    ['the student the form names', STUDENT, { childName: '王小明', bankCard: CARD, cardHolder: '王小明' }, {}],
    ['a name written with spaces and another middle dot', STUDENT, { childName: '阿依古丽·买买提', bankCard: CARD, cardHolder: '阿依古丽 • 买买提' }, {}],
    ['someone else', STUDENT, { childName: '王小明', bankCard: CARD, cardHolder: '李四' }, { cardHolder: '持卡人须为申请人本人或受助学生' }],
    ['someone else where only the member may hold it', MEMBER_ONLY, { bankCard: CARD, cardHolder: '王小明' }, { cardHolder: '持卡人须为申请人本人' }],
    ['a card without its holder', MEMBER_ONLY, { bankCard: CARD }, { cardHolder: '请填写持卡人姓名' }],
    ['no card, no holder needed', MEMBER_ONLY, {}, {}],
  ])('%s', (_what, fields, answers, problems) => {
    expect(cardHolderProblems(fields, answers, '王建国')).toEqual(problems);
  });
});

describe('a holder rule in a form definition', () => {
  test('names text fields of the form, on a bank card field only', () => {
    const errors: Record<string, string> = {};
    holderRuleProblems({ ...STUDENT[1], holder: { field: 'holderName' } }, STUDENT, 'fields.1', errors);
    holderRuleProblems({ ...STUDENT[1], holder: { field: 'cardHolder', others: ['bankCard'] } }, STUDENT, 'fields.2', errors);
    holderRuleProblems({ ...STUDENT[0], holder: { field: 'cardHolder' } }, STUDENT, 'fields.0', errors);
    expect(errors).toEqual({
      'fields.1.holder': '持卡人姓名应填在表单的文字字段“holderName”中',
      'fields.2.holder': '可作为持卡人的姓名应来自表单的文字字段',
      'fields.0.holder': '只有银行卡号字段可以设置持卡人',
    });
  });

  test('every built-in kind with a bank card names its holder, and its rule fits its form', () => {
    for (const kindId of ['studentAid', 'winterWarmth', 'festivalCare', 'medicalAid']) {
      const { template } = builtinKind(kindId);
      const card = template.fields.find((f) => f.type === 'bankCard');
      expect(card?.holder?.field).toBe('cardHolder');
      const errors: Record<string, string> = {};
      definitionProblems(template, errors);
      expect(errors).toEqual({});
    }
  });
});
