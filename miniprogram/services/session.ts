// Who the user is (members.me), fetched by each page when it shows and remembered for the custom tab bar,
// which must decide whether to show the 审核 tab without a call of its own on every tab switch.
import type { MeView, Result, Role, WorkbenchCounts } from '../../typings/api';
import { call } from './cloud';

let current: MeView | null = null;
let counts: WorkbenchCounts | null = null;

export async function refreshMe(): Promise<Result<MeView>> {
  const r = await call('members', 'me', {});
  if (r.ok) current = r.data;
  return r;
}

/** The last members.me answer, or null before the first. */
export function lastMe(): MeView | null {
  return current;
}

/** Forgets who the user was (the developer panel switched identity). */
export function forgetMe(): void {
  current = null;
  counts = null;
}

/** Whether the user has a desk (officers and lawyers): what waits there is worth counting. */
export function hasDesk(me: MeView | null): boolean {
  return (me?.roles ?? []).some((r) => r.role === 'orgOfficer' || r.role === 'federationOfficer' || r.role === 'lawyer');
}

/** What waits at the user's desks (reviews.counts), or null for someone without one or when it failed. */
export async function refreshCounts(): Promise<WorkbenchCounts | null> {
  if (!hasDesk(current)) return (counts = null);
  const r = await call('reviews', 'counts', {});
  counts = r.ok ? r.data : null;
  return counts;
}

/** The last counts read, for the 审核 tab's badge. */
export function lastCounts(): WorkbenchCounts | null {
  return counts;
}

/** The workbench entries (审核 tab), the roles that see each and what of the user's desk counts waits there;
 *  the tab shows when any entry does. */
export const WORKBENCH_ENTRIES: { title: string; note: string; url: string; roles: Role[]; waiting?: (c: WorkbenchCounts) => number }[] = [
  { title: '入会审核', note: '审核本组织会员的入会申请', url: '/admin/membership/index', roles: ['orgOfficer', 'federationOfficer'], waiting: (c) => c.membership },
  { title: '申请审核', note: '各项活动的申请：审核、批准、抽签，登记发放、送达和参加', url: '/admin/applications/index', roles: ['orgOfficer', 'federationOfficer'], waiting: (c) => c.grassroots + c.federation + c.payment },
  { title: '法律援助', note: '法律援助案件：受理、指派律师、办理、结案，超期督办', url: '/admin/cases/index', roles: ['orgOfficer', 'federationOfficer', 'lawyer'], waiting: (c) => c.cases + c.assigned },
  { title: '困难职工档案', note: '建档、确认、年度复核和脱困；到期待复核的档案', url: '/admin/hardship/index', roles: ['orgOfficer', 'federationOfficer'] },
  { title: '超时未办', note: '等待超过几个工作日的申请、入会和案件，以及在等谁办理', url: '/admin/waiting/index', roles: ['orgOfficer', 'federationOfficer'] },
  { title: '数据统计', note: '按组织和时段统计申请、人次和金额，复制报告用语，导出 Excel', url: '/admin/dashboard/index', roles: ['orgOfficer', 'federationOfficer'] },
  { title: '活动管理', note: '新建和编辑活动与服务类型，开始或结束报名，查看预算', url: '/admin/campaigns/index', roles: ['federationOfficer'] },
  { title: '通知公告', note: '发布通知，查看每条通知的送达情况', url: '/admin/notices/index', roles: ['staff'] },
  { title: '角色管理', note: '授予或撤销干部、律师、干事、管理员角色', url: '/admin/roles/index', roles: ['admin'] },
];

export function workbenchEntries(me: MeView | null) {
  const held = new Set((me?.roles ?? []).map((r) => r.role));
  return WORKBENCH_ENTRIES.filter((e) => e.roles.some((r) => held.has(r)));
}
