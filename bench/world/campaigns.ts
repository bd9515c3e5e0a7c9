// Campaigns of past seasons: the demo's two open ones as they would have run in earlier years (same forms,
// tiers and rules), closed, with windows in those years; and each campaign's ledger kept equal to what its
// loaded applications reserve (approved) and settle (paid or delivered).
import type { CampaignDoc } from '../../cloudfunctions/_shared/data/campaigns';
import type { ApplicationDoc } from '../../cloudfunctions/_shared/data/applications';
import { windowOfDays } from '../../cloudfunctions/_shared/domain/campaignRules';

/** The same campaign in `year`, closed: 金秋助学 July–September, 夏送清凉 June–August. */
export function pastCampaign(open: CampaignDoc, year: number): CampaignDoc {
  const [from, to] = open.kind.kindId === 'studentAid' ? ['07-01', '09-30'] : ['06-01', '08-31'];
  const { opensAt, closesAt } = windowOfDays(`${year}-${from}`, `${year}-${to}`);
  const title = open.title.replace(/^\d{4}/, String(year));
  return { ...open, _id: `campaign-${open.kind.kindId}-${year}`, title, year, status: 'closed', opensAt, closesAt, reservedFen: 0, paidFen: 0, version: 1, createdAt: new Date(opensAt.getTime() - 7 * 86_400_000), updatedAt: closesAt };
}

/** What an application adds to its campaign's ledger. */
export function ledgerShare(a: Pick<ApplicationDoc, 'status' | 'amountFen'>): { reservedFen: number; paidFen: number } {
  const fen = a.amountFen ?? 0;
  return { reservedFen: a.status === 'approved' ? fen : 0, paidFen: a.status === 'paid' || a.status === 'delivered' || a.status === 'attended' ? fen : 0 };
}
