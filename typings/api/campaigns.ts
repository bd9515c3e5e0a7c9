// Campaigns are data: a federation opens 金秋助学 or 夏送清凉 (or next year's, or a new kind) by creating one,
// and the member's form is rendered from, and validated against, its field definitions.

export type CampaignKind = 'studentAid' | 'summerRelief';

export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  studentAid: '金秋助学',
  summerRelief: '夏送清凉',
};

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
  hint?: string;
}

/** An amount a grant can take, e.g. 本科 3,000 元. */
export interface AmountTier {
  key: string;
  label: string;
  amountFen: number;
}

export interface CampaignView {
  campaignId: string;
  kind: CampaignKind;
  year: number;
  title: string;
  orgId: string;
  /** ISO instants; the window is set in Asia/Shanghai calendar days */
  opensAt: string;
  closesAt: string;
  budgetFen: number;
  tiers: AmountTier[];
  eligibility: { hardshipOnly: boolean };
  fields: FormField[];
  status: 'draft' | 'open' | 'closed';
}
