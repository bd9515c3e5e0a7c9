// The campaigns collection: the stored shape (its kind as it was when created, the window as instants, the
// org path for scope checks, the budget and places ledger beside the budget) and the views built from it.
import type { BudgetLedger, CampaignView, ManagedCampaign } from '../../../typings/api/campaigns';
import { db } from '../cloud';
import { daysOfWindow } from '../domain/campaignRules';

export interface CampaignDoc extends Omit<CampaignView, 'campaignId' | 'opensAt' | 'closesAt'> {
  _id: string;
  /** path of the org running the campaign (root … orgId) */
  orgPath: string[];
  opensAt: Date;
  closesAt: Date;
  /** approved and not yet paid or delivered, in 分 */
  reservedFen: number;
  /** paid, delivered or attended, in 分 */
  paidFen: number;
  /** places kinds: the places given (selected or drawn) */
  placesTaken?: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function ledgerOf(c: Pick<CampaignDoc, 'budgetFen' | 'reservedFen' | 'paidFen' | 'quota' | 'placesTaken'>): BudgetLedger {
  return {
    budgetFen: c.budgetFen,
    reservedFen: c.reservedFen ?? 0,
    paidFen: c.paidFen ?? 0,
    places: c.quota === undefined ? null : { quota: c.quota, taken: c.placesTaken ?? 0 },
  };
}

export function campaignView(c: CampaignDoc): CampaignView {
  return {
    campaignId: c._id,
    kind: c.kind,
    year: c.year,
    title: c.title,
    orgId: c.orgId,
    opensAt: new Date(c.opensAt).toISOString(),
    closesAt: new Date(c.closesAt).toISOString(),
    budgetFen: c.budgetFen,
    tiers: c.tiers,
    ...(c.maxAmountFen !== undefined && { maxAmountFen: c.maxAmountFen }),
    ...(c.quota !== undefined && { quota: c.quota, placeFen: c.placeFen ?? 0 }),
    eligibility: c.eligibility,
    fields: c.fields,
    status: c.status,
    ...(c.publicity && { publicity: c.publicity }),
  };
}

export function managedCampaign(c: CampaignDoc): ManagedCampaign {
  return {
    ...campaignView(c),
    ...daysOfWindow({ opensAt: new Date(c.opensAt), closesAt: new Date(c.closesAt) }),
    ledger: ledgerOf(c),
    version: c.version,
  };
}

export async function getCampaign(campaignId: string): Promise<CampaignDoc | null> {
  const res = (await db.collection('campaigns').doc(campaignId).get()) as unknown as { data: CampaignDoc | null };
  return res.data ?? null;
}
