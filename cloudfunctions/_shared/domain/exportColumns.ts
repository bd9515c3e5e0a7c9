// The columns of the Excel exports, from plain records: a campaign's applications (fixed columns, then the
// campaign's own form fields, then how its settle mode settles them and the 人次 each counts) and
// legal-aid cases, and hardship records (the household's ID cards always masked). Headers are
// Chinese; statuses and choices are shown by their labels; amounts are 元 as numbers (the sheet formats
// them 0.00); instants are Shanghai time. Personal numbers come through `personal`, which decides masked or
// clear (access/exports.ts) — nothing here decrypts.
import { APPLICATION_STATUS_LABELS } from '../../../typings/api/applications';
import type { FormField } from '../../../typings/api/campaigns';
import type { SettleMode } from '../../../typings/api/serviceKinds';
import { CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, DISPUTE_TYPE_LABELS, PRIOR_PROCEEDINGS_LABELS } from '../../../typings/api/cases';
import type { CaseDoc } from '../data/cases';
import type { ApplicationDoc, SealedAnswer } from '../data/applications';
import type { PersonalDataKind } from '../personalData';
import { HARDSHIP_CAUSE_LABELS, HARDSHIP_GRADE_LABELS, HARDSHIP_STATUS_LABELS } from '../../../typings/api/hardship';
import type { HardshipRecord } from '../workflow/hardship';
import { refundedFen } from './campaignRules';
import { isLapsed } from './hardship';
import { fullyRefunded, peopleCounted } from './figures';
import { dayjs, UNION_TZ } from './shanghaiTime';

export type Cell = string | number | null;

export interface Column<R> {
  header: string;
  /** in characters */
  width: number;
  /** an amount in 元, formatted 0.00 */
  yuan?: boolean;
  value(row: R): Cell;
}

/** A record and the name of its org, as a row of an export. */
export interface ExportRow<D> {
  doc: D;
  orgName: string;
}

/** '2026-11-21 09:30', Shanghai time. */
export function shanghaiDateTime(instant: Date | string | null): string | null {
  return instant ? dayjs(instant).tz(UNION_TZ).format('YYYY-MM-DD HH:mm') : null;
}

export const fenToYuan = (fen: number | null | undefined): number | null => (typeof fen === 'number' ? fen / 100 : null);

/** How a personal number of an application shows in its export. */
export type RevealPersonal = (doc: ApplicationDoc, kind: PersonalDataKind, sealed: SealedAnswer) => string;

const PERSONAL_TYPES: readonly string[] = ['idCard', 'phone', 'bankCard'];

function answerColumn(field: FormField, personal: RevealPersonal): Column<ExportRow<ApplicationDoc>> {
  const money = field.type === 'money';
  return {
    header: money && !field.label.includes('元') ? `${field.label}（元）` : field.label,
    width: PERSONAL_TYPES.includes(field.type) ? 22 : field.type === 'textarea' ? 40 : 16,
    yuan: money,
    value: ({ doc }) => {
      const v = doc.answers[field.key];
      if (v === undefined || v === null) return null;
      if (typeof v === 'object' && !Array.isArray(v)) return PERSONAL_TYPES.includes(field.type) ? personal(doc, field.type as PersonalDataKind, v) : v.masked;
      if (Array.isArray(v)) return v.join('、');
      if (money) return fenToYuan(Number(v));
      if (field.type === 'select') return field.options?.find((o) => o.value === v)?.label ?? String(v);
      return v;
    },
  };
}

type R = ExportRow<ApplicationDoc>;

const PAYMENT: Column<R>[] = [
  { header: '付款凭证号', width: 18, value: ({ doc }) => doc.payment?.reference ?? null },
  { header: '付款日期', width: 12, value: ({ doc }) => doc.payment?.paidOn ?? null },
  { header: '已退款（元）', width: 14, yuan: true, value: ({ doc }) => (doc.refunds?.length ? fenToYuan(refundedFen(doc.refunds)) : null) },
];
const DELIVERY: Column<R>[] = [
  { header: '实际慰问人数', width: 12, value: ({ doc }) => doc.delivery?.headcount ?? null },
  { header: '送达日期', width: 12, value: ({ doc }) => doc.delivery?.deliveredOn ?? null },
];
const amountColumn = (header: string): Column<R> => ({ header, width: 14, yuan: true, value: ({ doc }) => fenToYuan(doc.amountFen) });

/** How the applications of a settle mode were settled. */
const SETTLEMENT_COLUMNS: Record<SettleMode, Column<R>[]> = {
  cash: [amountColumn('核定金额（元）'), ...PAYMENT],
  goods: [amountColumn('核定物资价值（元）'), ...DELIVERY],
  both: [amountColumn('核定金额（元）'), ...PAYMENT, ...DELIVERY],
  places: [amountColumn('名额费用（元）'), { header: '参加日期', width: 12, value: ({ doc }) => doc.attendance?.attendedOn ?? null }],
};

/** The columns of a campaign's applications export; files (images fields) are left out. */
export function applicationColumns(campaign: { kindLabel: string; settle: SettleMode; fields: readonly FormField[] }, personal: RevealPersonal): Column<R>[] {
  const fixed: Column<R>[] = [
    { header: '申请编号', width: 34, value: ({ doc }) => doc._id },
    { header: '申请人', width: 10, value: ({ doc }) => doc.applicantName },
    { header: '所属工会', width: 22, value: ({ orgName }) => orgName },
    { header: '服务类型', width: 12, value: () => campaign.kindLabel },
    { header: '申请事项', width: 30, value: ({ doc }) => doc.headline },
    { header: '状态', width: 14, value: ({ doc }) => APPLICATION_STATUS_LABELS[doc.status] },
    { header: '提交时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.createdAt) },
    { header: '最近办理时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.updatedAt) },
  ];
  // a payment refunded whole no longer reaches anyone (figures.ts)
  const counted: Column<R> = { header: '计入人次', width: 9, value: ({ doc }) => (fullyRefunded(doc) ? 0 : peopleCounted(doc)) };
  return [...fixed, ...campaign.fields.filter((f) => f.type !== 'images').map((f) => answerColumn(f, personal)), ...SETTLEMENT_COLUMNS[campaign.settle], counted];
}

/** The columns of a legal-aid cases export; the contact phone is always masked. */
export function caseColumns(): Column<ExportRow<CaseDoc>>[] {
  return [
    { header: '案件编号', width: 34, value: ({ doc }) => doc._id },
    { header: '当事人', width: 10, value: ({ doc }) => doc.personName },
    { header: '代为申请', width: 9, value: ({ doc }) => (doc.onBehalf ? '是' : '否') },
    { header: '联系电话', width: 14, value: ({ doc }) => doc.contactPhone.masked },
    { header: '承办工会', width: 22, value: ({ orgName }) => orgName },
    { header: '纠纷类型', width: 12, value: ({ doc }) => DISPUTE_TYPE_LABELS[doc.disputeType] },
    { header: '用人单位', width: 24, value: ({ doc }) => doc.employerName },
    { header: '涉及金额（元）', width: 14, yuan: true, value: ({ doc }) => fenToYuan(doc.amountInDisputeFen) },
    { header: '涉及人数', width: 9, value: ({ doc }) => doc.workersAffected },
    { header: '仲裁诉讼情况', width: 16, value: ({ doc }) => PRIOR_PROCEEDINGS_LABELS[doc.priorProceedings] },
    { header: '状态', width: 16, value: ({ doc }) => CASE_STATUS_LABELS[doc.status] },
    { header: '承办律师', width: 10, value: ({ doc }) => doc.lawyer?.name ?? null },
    { header: '申请时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.createdAt) },
    { header: '办结时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.finishedAt) },
    { header: '办理结果', width: 10, value: ({ doc }) => (doc.outcome ? CASE_OUTCOME_LABELS[doc.outcome] : null) },
    { header: '追回金额（元）', width: 14, yuan: true, value: ({ doc }) => fenToYuan(doc.recoveredFen) },
    { header: '超期', width: 6, value: ({ doc }) => (doc.overdue ? '是' : '否') },
    { header: '督办', width: 6, value: ({ doc }) => (doc.supervised ? '是' : '否') },
  ];
}

/** The columns of hardship records at `now` (whether each has lapsed is as of the export). */
export function hardshipColumns(now: Date): Column<ExportRow<HardshipRecord>>[] {
  return [
    { header: '姓名', width: 10, value: ({ doc }) => doc.memberName },
    { header: '身份证号', width: 22, value: ({ doc }) => doc.memberIdCardMasked },
    { header: '所属工会', width: 22, value: ({ orgName }) => orgName },
    { header: '状态', width: 12, value: ({ doc }) => (isLapsed(doc, now) ? '已过复核期' : HARDSHIP_STATUS_LABELS[doc.status]) },
    { header: '困难类别', width: 10, value: ({ doc }) => (doc.grade ? HARDSHIP_GRADE_LABELS[doc.grade] : null) },
    { header: '致困原因', width: 16, value: ({ doc }) => doc.causes.map((c) => HARDSHIP_CAUSE_LABELS[c]).join('、') || null },
    { header: '家庭人口', width: 9, value: ({ doc }) => doc.household.length + 1 },
    { header: '家庭成员', width: 40, value: ({ doc }) => doc.household.map((h) => `${h.name}（${h.relation}）${h.idCard.masked}`).join('；') || null },
    { header: '月人均收入（元）', width: 14, yuan: true, value: ({ doc }) => fenToYuan(doc.monthlyIncomePerHeadFen) },
    { header: '核实人', width: 10, value: ({ doc }) => doc.verifiedByName },
    { header: '核实时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.verifiedAt) },
    { header: '确认时间', width: 17, value: ({ doc }) => shanghaiDateTime(doc.confirmedAt) },
    { header: '复核日期', width: 12, value: ({ doc }) => (doc.status === 'confirmed' ? doc.reviewDueOn : null) },
    { header: '脱困原因', width: 24, value: ({ doc }) => (doc.status === 'exited' ? doc.exitReason : null) },
  ];
}

/** The row of cells of a record. */
export function cellsOf<R>(columns: readonly Column<R>[], row: R): Cell[] {
  return columns.map((c) => c.value(row));
}
