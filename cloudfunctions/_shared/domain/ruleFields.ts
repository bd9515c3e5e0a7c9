// The form fields a service kind's rules read (domain/serviceKinds.ts says what each rule is), by key: every
// form the kind applies to must keep them, of their type and required. Pure and free of I/O, so the campaign
// and kind editors keep those fields as the server will ask (bundled into the mini-program).
import type { ServiceKindDraft } from '../../../typings/api/serviceKinds';
import type { RequiredField } from './campaignForm';

/** A form field a kind's rules read, and the draft property naming it (to show a problem against it). */
export interface RuleField extends RequiredField {
  path: string;
}

/** The fields the kind's subject, settle and counting rules read, in that order. */
export function ruleFields(kind: Pick<ServiceKindDraft, 'subject' | 'settle' | 'counting'>): RuleField[] {
  const s = kind.subject;
  const out: RuleField[] = [];
  if (s.type === 'familyMember') {
    out.push({ key: s.nameField, type: 'text', path: 'subject.nameField', role: '家属姓名' }, { key: s.idCardField, type: 'idCard', path: 'subject.idCardField', role: '家属身份证号' });
  } else if (s.type === 'household') {
    out.push({ key: s.sizeField, type: 'number', path: 'subject.sizeField', role: '家庭人口' });
  } else if (s.type === 'site') {
    out.push(
      { key: s.unitField, type: 'text', path: 'subject.unitField', role: '单位名称' },
      { key: s.addressField, type: 'text', path: 'subject.addressField', role: '地址' },
      { key: s.headcountField, type: 'number', path: 'subject.headcountField', role: '职工人数' },
    );
  }
  if (kind.settle.capField !== undefined) out.push({ key: kind.settle.capField, type: 'money', path: 'settle.capField', role: '核定金额的上限' });
  if (kind.counting.people.by === 'field') out.push({ key: kind.counting.people.field, type: 'number', path: 'counting.people.field', role: '计人次的人数' });
  return out;
}
