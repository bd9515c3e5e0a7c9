// Campaigns are data: a federation opens a season of a service kind (金秋助学, 冬送温暖, 职工疗休养, or a kind
// of its own: api/serviceKinds.ts) by creating one, and the member's form is rendered from, and validated
// against, its field definitions.
import type { KindEligibility, KindSnapshot, ServiceKindDraft, ServiceKindView } from './serviceKinds';

/** One field of the application form. */
export interface FormField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'idCard' | 'phone' | 'bankCard' | 'images';
  required: boolean;
  /** for select */
  options?: { value: string; label: string }[];
  /** for text/textarea: characters; for number/money: the largest value (money in 分); for images: files */
  max?: number;
  /** a line under the field: what to watch out for */
  hint?: string;
  /** what an answer looks like, shown in the empty field as 例如：… (a type's own format otherwise) */
  example?: string;
  /** for bankCard: who may hold the card (持卡人, domain/cardHolder.ts) — the text field of the form where the
   *  holder's name is written, the member always, and besides the member the people the answers `others` name
   *  (金秋助学: the student), called `whom` in the refusal */
  holder?: CardHolderRule;
}

export interface CardHolderRule {
  /** the text field holding the holder's name */
  field: string;
  /** text fields whose answer names someone else who may hold the card */
  others?: string[];
  /** who the others are, in the member's words (受助学生) */
  whom?: string;
}

/** An amount a grant can take, e.g. 本科 3,000 元. */
export interface AmountTier {
  key: string;
  label: string;
  amountFen: number;
}

export interface CampaignView {
  campaignId: string;
  /** its kind as it was when the campaign was created */
  kind: KindSnapshot;
  year: number;
  title: string;
  orgId: string;
  /** ISO instants; the window is set in Asia/Shanghai calendar days */
  opensAt: string;
  closesAt: string;
  budgetFen: number;
  tiers: AmountTier[];
  /** for a campaign without tiers (夏送清凉): the largest amount one application may be granted, in 分;
   *  absent means the budget is the cap */
  maxAmountFen?: number;
  /** places kinds (职工疗休养): how many places, and what one costs (reserved on selection), in 分 */
  quota?: number;
  placeFen?: number;
  eligibility: KindEligibility;
  fields: FormField[];
  status: 'draft' | 'open' | 'closed';
  /** 公示后方可发放: present, the approved list is published for this many working days before settling */
  publicity?: CampaignPublicity;
}

/** The 公示 period a campaign is offered first, in working days. */
export const DEFAULT_PUBLICITY_DAYS = 5;

/** A campaign's 公示 setting (domain/publicity.ts). */
export interface CampaignPublicity {
  /** 1 to 30 working days in Asia/Shanghai; 5 by default */
  workingDays: number;
}

/** What the campaign editor submits: the window as Asia/Shanghai calendar days, both inclusive. The server
 *  stores it as instants: opensAt = start of openDay, closesAt = start of the day after closeDay. */
export interface CampaignDraft {
  /** the service kind (campaigns.kinds); fixed once saved */
  kindId: string;
  year: number;
  title: string;
  orgId: string;
  /** 'YYYY-MM-DD' */
  openDay: string;
  /** 'YYYY-MM-DD', the last day applications are taken */
  closeDay: string;
  budgetFen: number;
  tiers: AmountTier[];
  maxAmountFen?: number;
  quota?: number;
  placeFen?: number;
  eligibility: KindEligibility;
  fields: FormField[];
  /** absent: paid without 公示 */
  publicity?: CampaignPublicity;
}

/** Money a campaign has committed: approved but unpaid (reserved) and paid; their sum never exceeds the budget. */
export interface BudgetLedger {
  budgetFen: number;
  reservedFen: number;
  paidFen: number;
  /** places kinds: the quota and the places given (selected or drawn), which never exceed it */
  places: { quota: number; taken: number } | null;
}

/** A campaign as its federation officers manage it: the view, its window as calendar days, its ledger. */
export interface ManagedCampaign extends CampaignView {
  /** 'YYYY-MM-DD', Asia/Shanghai, both inclusive */
  openDay: string;
  closeDay: string;
  ledger: BudgetLedger;
  /** pass back with save/setStatus; a stale version is CONFLICT */
  version: number;
}

export interface CampaignsApi {
  /** 首页: campaigns taking applications now, run by an org on the caller's org path. `canApply` is false
   *  (with `notice` saying why, e.g. 请先完成会员认证) when the caller may not apply to any. */
  listOpen: { input: Record<string, never>; output: { items: CampaignView[]; canApply: boolean; notice: string | null } };
  /** One campaign and its form, for the member's application page. */
  get: { input: { campaignId: string }; output: { campaign: CampaignView } };
  /** The campaigns of the orgs the caller is a federation officer over, newest first, with their ledgers. */
  manageList: { input: Record<string, never>; output: { items: ManagedCampaign[] } };
  /** Creates a campaign (status draft) without campaignId, or edits one with campaignId and version. The
   *  budget cannot go below what is already reserved and paid; the kind cannot change. */
  save: { input: { campaignId?: string; version?: number; draft: CampaignDraft }; output: { campaign: ManagedCampaign } };
  /** Opens (draft or closed → open) or closes (open → closed) a campaign. */
  setStatus: { input: { campaignId: string; version: number; status: 'open' | 'closed' }; output: { campaign: ManagedCampaign } };
  /** Officers: the service kinds an org's subtree may run (the built-ins and those of the federations on its
   *  path; without orgId, those of the caller's scopes), built-ins first. */
  kinds: { input: { orgId?: string }; output: { items: ServiceKindView[] } };
  /** Federation officers: creates a kind for an org of their scope (without kindId) or edits one (with kindId
   *  and version). Campaigns already created keep the kind as it was. */
  saveKind: { input: { kindId?: string; version?: number; draft: ServiceKindDraft }; output: { kind: ServiceKindView } };
}
