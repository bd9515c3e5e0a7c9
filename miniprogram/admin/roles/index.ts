// 角色管理 (admins): who holds which role over which org (roles.list), granting one to a member found by name,
// phone or ID card (roles.findMembers, then roles.grant: member, role, org) and revoking one (roles.revoke, after a
// second tap to confirm; the last admin of an org is refused, and the page says why).
import { ROLE_LABELS } from '../../../typings/api';
import type { Role, RoleCandidate, RoleHolderView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { largePrint } from '../../services/fontScale';

interface GrantRow {
  grantId: string;
  title: string;
  note: string;
}

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const row = (g: RoleHolderView): GrantRow => ({
  grantId: g.grantId,
  title: `${g.memberName} · ${ROLE_LABELS[g.role]}`,
  note: `${g.orgName} · ${formatTime(g.grantedAt)} 授予`,
});

Component({
  behaviors: [largePrint],
  data: {
    grants: [] as GrantRow[],
    loaded: false,
    error: '',
    notice: '',
    confirming: '',
    roleOptions: ROLE_OPTIONS,
    form: { memberId: '', role: '' as Role | '', orgId: '' },
    /** the member search: what was typed, what it found, who was chosen */
    query: '',
    searching: false,
    searched: false,
    candidates: [] as RoleCandidate[],
    chosen: null as RoleCandidate | null,
    orgName: '',
    errors: {} as Record<string, string>,
    granting: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('roles', 'list', {});
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ grants: r.data.grants.map(row), error: '' });
    },
    onQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ query: e.detail.value, 'errors.memberId': '' });
    },
    async onSearch() {
      const query = this.data.query.trim();
      if (!query) return this.setData({ 'errors.memberId': '请输入会员的姓名、手机号或身份证号' });
      this.setData({ searching: true, 'errors.memberId': '' });
      const r = await call('roles', 'findMembers', { query });
      this.setData({ searching: false, searched: true });
      if (!r.ok) return this.setData({ candidates: [], 'errors.memberId': r.error.message });
      this.setData({ candidates: r.data.members });
    },
    onChoose(e: WechatMiniprogram.BaseEvent) {
      const chosen = this.data.candidates.find((c) => c.memberId === (e.currentTarget.dataset as { id: string }).id) ?? null;
      this.setData({ chosen, 'form.memberId': chosen?.memberId ?? '', candidates: [], searched: false, 'errors.memberId': '' });
    },
    onChangeMember() {
      this.setData({ chosen: null, 'form.memberId': '' });
    },
    onRole(e: WechatMiniprogram.CustomEvent<{ value: Role }>) {
      this.setData({ 'form.role': e.detail.value, 'errors.role': '' });
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.setData({ 'form.orgId': e.detail.id, orgName: e.detail.name, 'errors.orgId': '' });
    },
    async onGrant() {
      const { memberId, role, orgId } = this.data.form;
      const errors: Record<string, string> = {};
      if (!memberId) errors.memberId = '请先查找并选择会员';
      if (!role) errors.role = '请选择角色';
      if (!orgId) errors.orgId = '请选择角色管辖的组织';
      if (Object.keys(errors).length) return this.setData({ errors });
      this.setData({ granting: true, error: '', notice: '' });
      const r = await call('roles', 'grant', { memberId, role: role as Role, orgId });
      this.setData({ granting: false });
      if (!r.ok) return this.setData({ error: r.error.message, errors: r.error.fields ?? {} });
      this.setData({
        grants: [row(r.data.grant), ...this.data.grants],
        notice: `已授予：${row(r.data.grant).title}`,
        form: { memberId: '', role: '', orgId: '' },
        chosen: null,
        query: '',
        orgName: '',
      });
    },
    onRevoke(e: WechatMiniprogram.BaseEvent) {
      this.setData({ confirming: (e.currentTarget.dataset as { id: string }).id, notice: '' });
    },
    onCancelRevoke() {
      this.setData({ confirming: '' });
    },
    async onConfirmRevoke() {
      const grantId = this.data.confirming;
      const r = await call('roles', 'revoke', { grantId });
      this.setData({ confirming: '' });
      if (!r.ok) return this.setData({ error: r.error.message });
      const revoked = this.data.grants.find((g) => g.grantId === grantId);
      this.setData({ grants: this.data.grants.filter((g) => g.grantId !== grantId), notice: `已撤销：${revoked?.title ?? ''}` });
    },
  },
});
