// The claims collection: one document per (year group, year, subject) that a standing application of a
// year group's kind holds (domain/serviceKinds.ts yearClaimId), so a child funded by 金秋助学 is refused by a
// second student grant programme of the same year. Taken and released inside the application's own
// transaction; two applicants racing for one subject both write the claim, so one of them conflicts and,
// retried, finds it taken (never a read alone deciding).
import { txGet, type Tx } from '../cloud';

export const CLAIMS = 'claims';

export interface ClaimDoc {
  _id: string;
  applicationId: string;
  campaignId: string;
  /** named when another application is refused for it */
  campaignTitle: string;
  at: Date;
}

/** Takes the claim for `holder`: null when it is now theirs (or already was), else the claim another
 *  application holds. Call before any other write of the transaction, so a refusal writes nothing. */
export async function takeClaim(tx: Tx, claimId: string, holder: Omit<ClaimDoc, '_id'>): Promise<ClaimDoc | null> {
  const held = await txGet<ClaimDoc>(tx, CLAIMS, claimId);
  if (held && held.applicationId !== holder.applicationId) return held;
  await tx.collection(CLAIMS).doc(claimId).set({ data: holder });
  return null;
}

export async function releaseClaim(tx: Tx, claimId: string): Promise<void> {
  await tx.collection(CLAIMS).doc(claimId).remove();
}
