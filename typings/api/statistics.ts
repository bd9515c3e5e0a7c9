// The figures of the annual report: per service and campaign, per org subtree and period, read from counters
// kept in the same write as every application and case step; their reconciliation; and Excel exports.

/** A service: a service kind's id (api/serviceKinds.ts), or legal aid (its own workflow, cases). */
export type Service = string;

export const LEGAL_AID = 'legalAid';
export const LEGAL_AID_LABEL = '法律援助';

/** A period in Asia/Shanghai calendar days: a year, a quarter, a month, or from … to (inclusive, YYYY-MM-DD). */
export type Period =
  | { year: number }
  | { year: number; quarter: 1 | 2 | 3 | 4 }
  | { year: number; month: number }
  | { from: string; to: string };

/**
 * Flows count the events of the period by the day they happened (Asia/Shanghai): an application received on
 * 30 June and approved on 2 July counts as received in June and approved in July. `pending` is a stock: the
 * applications (cases) received in the period that are still undecided (open) now.
 */
export interface Figures {
  service: Service;
  /** null for a whole service */
  campaignId: string | null;
  /** the kind's label (金秋助学), or the campaign's title */
  title: string;
  received: number;
  approved: number;
  declined: number;
  withdrawn: number;
  pending: number;
  /** 人次: as the kind counts its settled applications (once each, by the people a form declared, or by a
   *  delivery's headcount); workers helped by closed cases (法律援助: a group case counts each worker) */
  peopleReached: number;
  /** approved amounts (in 分) */
  approvedFen: number;
  /** settled amounts: cash paid, goods delivered, places taken, in 分 */
  paidFen: number;
  /** recovered for workers by closed legal-aid cases, in 分 */
  recoveredFen: number;
  /** of recoveredFen, what wage-arrears cases (欠薪) recovered */
  recoveredWagesFen: number;
  /** the report sentence, e.g. 金秋助学：资助困难职工子女 319 人次，发放助学金 91.39 万元 */
  sentence: string;
}

export interface OrgFigures {
  orgId: string;
  orgName: string;
  figures: Figures[];
}

export interface FiguresInput {
  orgId: string;
  period: Period;
  /** one service's figures (one row per campaign of it with campaignId omitted), or every service's total */
  service?: Service;
  /** one campaign's figures */
  campaignId?: string;
}

export interface FiguresOutput extends OrgFigures {
  /** the resolved period, inclusive Shanghai days */
  from: string;
  to: string;
  /** the same figures for each child org of orgId: the drill-down */
  children: OrgFigures[];
}

export interface Difference {
  /** the counter document */
  counterId: string;
  field: string;
  counter: number;
  recomputed: number;
}

export type ExportInput =
  | { kind: 'applications'; campaignId: string }
  | { kind: 'cases'; orgId: string; period: Period }
  /** the hardship records (困难职工档案) of an org's subtree, as they stand */
  | { kind: 'hardship'; orgId: string };

export interface StatisticsApi {
  /** Officers (grassroots, federation) over orgId: the figures of its subtree, with its children's. */
  figures: { input: FiguresInput; output: FiguresOutput };
  /** Federation officers and admins: recompute the counters of orgId's subtree from the records and report
   *  every difference (`repair: true` also writes the recomputed values). */
  reconcile: { input: { orgId: string; repair?: boolean }; output: { counters: number; records: number; differences: Difference[] } };
  /** The timer (every minute) only: the steps' deltas added to the counters, a batch at a time. */
  fold: { input: Record<string, never>; output: FoldOutcome };
}

export interface FoldOutcome {
  /** deltas this run added to the counters */
  folded: number;
  batches: number;
  /** deltas still waiting when it stopped */
  left: number;
  /** another run held the fold: this one did nothing */
  busy: boolean;
}

export interface ExportsApi {
  /** Officers: an .xlsx in cloud storage (audited), with a temporary URL to download it. Personal numbers
   *  are masked unless the caller's role needs them in clear. */
  create: { input: ExportInput; output: { fileId: string; url: string; fileName: string; rows: number } };
}
