// Turning API values into what a member reads.
import { MEMBERSHIP_STATUS_LABELS, NEW_EMPLOYMENT_LABELS, ROLE_LABELS } from '../../typings/api';
import type { MembershipStatus, NewEmploymentKind, ProfileView, RoleGrantView } from '../../typings/api';

/** 'YYYY-MM-DD HH:mm' in China time, whatever the phone's zone (timestamps are UTC ISO strings). */
export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export const statusLabel = (s: MembershipStatus) => MEMBERSHIP_STATUS_LABELS[s];
export const newEmploymentLabel = (k: NewEmploymentKind | null) => (k ? NEW_EMPLOYMENT_LABELS[k] : '否');
export const roleLabel = (g: RoleGrantView) => `${ROLE_LABELS[g.role]}（${g.orgName}）`;

/** A profile flattened for a WXML list of label/value rows. */
export function profileRows(p: ProfileView): { label: string; value: string }[] {
  return [
    { label: '姓名', value: p.name },
    { label: '身份证号', value: p.idCard },
    { label: '手机号', value: p.phone },
    { label: '性别', value: p.gender === 'male' ? '男' : '女' },
    { label: '出生日期', value: p.birthDate },
    { label: '工作单位', value: p.workUnit },
    { label: '所属工会', value: p.orgName },
    { label: '新就业形态', value: newEmploymentLabel(p.newEmployment) },
    { label: '提交时间', value: formatTime(p.submittedAt) },
  ];
}
