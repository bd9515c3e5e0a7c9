// What the campaign editor and the kind editor do alike to a form's fields. An officer sees each field by its
// name and never the identifier the server keys answers by: a new field, tier or option gets one made here, an
// existing one keeps its own. A field its kind's rules read (domain/ruleFields.ts) stays, of its type and
// required. Removing anything asks first, and moving or removing a field says what happened, so a slip of the
// finger on a phone loses nothing unnoticed.
import type { FormField } from '../../typings/api';

export type FieldType = FormField['type'];

export const FIELD_TYPES: { type: FieldType; label: string }[] = [
  { type: 'text', label: '文字' },
  { type: 'textarea', label: '多行文字' },
  { type: 'number', label: '整数' },
  { type: 'money', label: '金额（元）' },
  { type: 'date', label: '日期' },
  { type: 'select', label: '选择题' },
  { type: 'idCard', label: '身份证号' },
  { type: 'phone', label: '手机号' },
  { type: 'bankCard', label: '银行卡号' },
  { type: 'images', label: '照片' },
];

export const typeLabel = (type: FieldType): string => FIELD_TYPES.find((t) => t.type === type)?.label ?? type;

/** What every editor's field row has. */
export interface FieldRowBase {
  uid: number;
  key: string;
  label: string;
  /** what its kind's rules read it as ('家庭人口'); '' when no rule reads it */
  role: string;
  /** read by its kind's rules: kept, with its type, required */
  fixed: boolean;
}

/** Rows keep a stable id for wx:key while they are edited, added, removed and moved. */
let lastUid = 0;
export const uid = (): number => ++lastUid;

/** An identifier for a new field, tier or option: `prefix` and the first number none of `taken` has. */
export function freshKey(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Asks before something is removed: resolves true on 删除. */
export function confirmRemoval(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({ title, content, confirmText: '删除', confirmColor: '#b3141a', cancelText: '不删除', success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );
}

/** The rows without row `index` once the officer said so (null: a fixed row, or they said no). */
export async function withoutField<T extends FieldRowBase>(rows: readonly T[], index: number): Promise<T[] | null> {
  const row = rows[index];
  if (!row || row.fixed) return null;
  const name = row.label || `第 ${index + 1} 项`;
  if (!(await confirmRemoval('删除这一项？', `“${name}”将从申请表中去掉。已经提交的申请不受影响。`))) return null;
  wx.showToast({ title: `已删除“${name}”`, icon: 'none' });
  return rows.filter((_, i) => i !== index);
}

/** The setData patch moving row `index` of `rows` (at `path`) by `by`, or null at an end; says where it went. */
export function moveField<T extends FieldRowBase>(rows: readonly T[], path: string, index: number, by: number): Record<string, T> | null {
  const to = index + by;
  if (to < 0 || to >= rows.length) return null;
  wx.showToast({ title: `“${rows[index].label || '这一项'}”现在是第 ${to + 1} 项`, icon: 'none' });
  return { [`${path}[${index}]`]: rows[to], [`${path}[${to}]`]: rows[index] };
}

/** The rows marked with the roles `rules` give their keys (a rule's key without a row marks nothing). */
export function markFixed<T extends FieldRowBase>(rows: readonly T[], rules: readonly { key: string; role: string }[]): T[] {
  return rows.map((r) => {
    const role = rules.find((x) => x.key === r.key)?.role ?? '';
    return { ...r, role, fixed: role !== '' };
  });
}
