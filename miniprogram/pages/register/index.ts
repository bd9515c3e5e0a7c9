// 会员认证: the registration form (members.register), or, with mode=resubmit after a rejection, the same form
// prefilled from the profile (members.updateProfile); the profile holds ID card and phone only masked, so
// those two are typed again. ID card and phone are checked as they are typed with
// the server's own rules; whatever the server still rejects is shown against its field.
import { NEW_EMPLOYMENT_LABELS } from '../../../typings/api';
import type { NewEmploymentKind, RegistrationInput } from '../../../typings/api';
import { call } from '../../services/cloud';
import { refreshMe } from '../../services/session';
import { askToSubscribe } from '../../services/subscribe';
import { parseIdCard, parsePhone } from '../../services/validators';
import { largePrint } from '../../services/fontScale';

type Field = keyof RegistrationInput;
type Errors = Partial<Record<Field, string>>;

const NEW_EMPLOYMENT_OPTIONS = [
  { value: 'none', label: '不是' },
  ...(Object.keys(NEW_EMPLOYMENT_LABELS) as NewEmploymentKind[]).map((k) => ({ value: k, label: NEW_EMPLOYMENT_LABELS[k] })),
];

/** The local rule of a field, when the mini-program has one: the same parsers the server runs. */
function check(field: Field, value: string): string {
  if (field === 'idCard') {
    const r = parseIdCard(value, new Date());
    return r.ok ? '' : r.message;
  }
  if (field === 'phone') {
    const r = parsePhone(value);
    return r.ok ? '' : r.message;
  }
  return '';
}

/** While typing, judge only an entry that is complete, so a half-typed number is not already "wrong". */
function complete(field: Field, value: string): boolean {
  const compact = value.replace(/[\s-]+/g, '');
  if (field === 'idCard') return compact.length >= 18;
  if (field === 'phone') return compact.length >= 11;
  return false;
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: 'resubmit' edits the rejected profile */
    mode: { type: String, value: 'register' },
  },
  data: {
    form: { name: '', idCard: '', phone: '', workUnit: '', orgId: '', newEmployment: 'none' },
    orgName: '',
    version: 0,
    errors: {} as Errors,
    newEmploymentOptions: NEW_EMPLOYMENT_OPTIONS,
    submitting: false,
    message: '',
    done: false,
  },
  lifetimes: {
    attached() {
      if (this.data.mode === 'resubmit') this.prefill();
    },
  },
  methods: {
    async prefill() {
      const r = await refreshMe();
      if (!r.ok) return this.setData({ message: r.error.message });
      const p = r.data.profile;
      if (!p) return;
      this.setData({
        form: { name: p.name, idCard: '', phone: '', workUnit: p.workUnit, orgId: p.orgId, newEmployment: p.newEmployment ?? 'none' },
        orgName: p.orgName,
        version: p.version,
        message: p.reviewNote ? `未通过原因：${p.reviewNote}` : '',
      });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = e.currentTarget.dataset.field as Field;
      const value = e.detail.value;
      const error = complete(field, value) ? check(field, value) : '';
      this.setData({ [`form.${field}`]: value, [`errors.${field}`]: error });
    },
    onBlur(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = e.currentTarget.dataset.field as Field;
      const value = this.data.form[field as 'idCard'];
      if (value) this.setData({ [`errors.${field}`]: check(field, value) });
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.setData({ 'form.orgId': e.detail.id, orgName: e.detail.name, 'errors.orgId': '' });
    },
    onNewEmployment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.newEmployment': e.detail.value });
    },
    async onSubmit() {
      if (this.data.submitting) return;
      askToSubscribe(['applicationStatus']);
      const f = this.data.form;
      const resubmit = this.data.mode === 'resubmit';
      const errors: Errors = { idCard: f.idCard ? check('idCard', f.idCard) : '请填写身份证号', phone: f.phone ? check('phone', f.phone) : '请填写手机号' };
      if (errors.idCard || errors.phone) return this.setData({ errors, message: '填写的内容有误，请按提示修改' });
      const input: RegistrationInput = {
        name: f.name.trim(),
        idCard: f.idCard,
        phone: f.phone,
        workUnit: f.workUnit.trim(),
        orgId: f.orgId,
        newEmployment: f.newEmployment === 'none' ? null : (f.newEmployment as NewEmploymentKind),
      };
      this.setData({ submitting: true, message: '', errors: {} });
      const r = resubmit
        ? await call('members', 'updateProfile', { ...input, version: this.data.version })
        : await call('members', 'register', input);
      this.setData({ submitting: false });
      if (!r.ok) return this.setData({ message: r.error.message, errors: (r.error.fields ?? {}) as Errors });
      this.setData({ done: true });
    },
    onDone() {
      wx.switchTab({ url: '/pages/mine/index' });
    },
  },
});
