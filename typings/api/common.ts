// Shapes shared by several functions' contracts.

/** Officer and staff roles; every member also has the implicit role of member once approved. */
export type Role = 'orgOfficer' | 'federationOfficer' | 'lawyer' | 'staff' | 'admin';

export const ROLE_LABELS: Record<Role, string> = {
  orgOfficer: '基层工会干部',
  federationOfficer: '总工会干部',
  lawyer: '律师',
  staff: '宣传干事',
  admin: '管理员',
};

/** A role held over an org and its subtree. */
export interface RoleGrantView {
  grantId: string;
  role: Role;
  orgId: string;
  orgName: string;
}

/** A page of a list ordered by (createdAt, _id); pass `cursor` back for the next page. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}
