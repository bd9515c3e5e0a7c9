// Who may hold the bank card a grant is paid to (持卡人): the member, or someone else the application is for
// when its form says so (金秋助学 pays to the student's card). A bank card field names its rule as data
// (FormField.holder): the text field where the holder's name is written and the answer fields naming the
// others who may hold it. Code never knows which kind pays whom.
import type { FormField } from '../../../typings/api/campaigns';
import type { Answers } from './campaignForm';

/** A name as compared: without spaces, and with the middle dots of minority names made one. */
const comparable = (name: string) => name.replace(/\s+/g, '').replace(/[·•・‧.]/g, '·');

/** The refusal of a holder who may not hold the card: the member alone, or the member or `whom`. */
export function holderRefusal(rule: NonNullable<FormField['holder']>): string {
  return rule.others?.length ? `持卡人须为申请人本人或${rule.whom ?? '受助人'}` : '持卡人须为申请人本人';
}

/**
 * The problems, by field, of the holders of the answered bank cards: a card without its holder's name, or
 * a holder who is neither the member (`memberName`) nor someone its rule allows. Empty when all is well.
 */
export function cardHolderProblems(fields: readonly FormField[], answers: Answers, memberName: string): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const card of fields) {
    const rule = card.holder;
    if (card.type !== 'bankCard' || !rule || answers[card.key] === undefined) continue;
    const holder = answers[rule.field];
    if (typeof holder !== 'string' || !holder.trim()) {
      problems[rule.field] = `请填写${fields.find((f) => f.key === rule.field)?.label ?? '持卡人姓名'}`;
      continue;
    }
    const allowed = [memberName, ...(rule.others ?? []).map((k) => answers[k]).filter((v): v is string => typeof v === 'string')];
    if (!allowed.some((name) => comparable(name) === comparable(holder))) problems[rule.field] = holderRefusal(rule);
  }
  return problems;
}

/** The problems of a bank card field's holder rule in its form: the fields it names are the form's text fields. */
export function holderRuleProblems(card: FormField, fields: readonly FormField[], at: string, errors: Record<string, string>): void {
  const rule = card.holder;
  if (!rule) return;
  if (card.type !== 'bankCard') {
    errors[`${at}.holder`] = '只有银行卡号字段可以设置持卡人';
    return;
  }
  const isText = (key: string) => fields.some((f) => f.key === key && f.type === 'text');
  if (!isText(rule.field)) errors[`${at}.holder`] = `持卡人姓名应填在表单的文字字段“${rule.field}”中`;
  else if (rule.others?.some((k) => !isText(k))) errors[`${at}.holder`] = '可作为持卡人的姓名应来自表单的文字字段';
}
