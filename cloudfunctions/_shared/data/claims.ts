// The claims collection: one document per (year group, year, subject) that a standing application of a
// year group's kind holds (domain/serviceKinds.ts yearClaimId), so a child funded by 金秋助学 is refused by a
// second student grant programme of the same year. Taken and released inside the application's own
// transaction. Taking one inserts it: a claim someone holds fails the insert with a duplicate key (two
// applicants racing for one subject both insert, so one of them conflicts and, retried, meets the key), and
// that failure ends the transaction, so who holds it is read after, outside (never a read alone deciding).
import { _, db, rows, type Tx } from '../cloud';

export const CLAIMS = 'claims';

export interface ClaimDoc {
  _id: string;
  applicationId: string;
  campaignId: string;
  /** named when another application is refused for it */
  campaignTitle: string;
  at: Date;
}

/** Takes the claim for `holder`, one insert: call before any other write of the transaction, so that a
 *  claim already held (a duplicate key, see claimHeld) writes nothing. */
export async function takeClaim(tx: Tx, claimId: string, holder: Omit<ClaimDoc, '_id'>): Promise<void> {
  await tx.collection(CLAIMS).add({ data: { _id: claimId, ...holder } });
}

/** After a transaction failed on a duplicate key: the claim `claimId`, when an application other than
 *  `applicationId` holds it (the refusal to give), else null. One read. */
export async function claimHeld(claimId: string, applicationId: string): Promise<ClaimDoc | null> {
  const [held] = await rows<ClaimDoc>(db.collection(CLAIMS).where({ _id: claimId, applicationId: _.neq(applicationId) }).limit(1));
  return held ?? null;
}

export async function releaseClaim(tx: Tx, claimId: string): Promise<void> {
  await tx.collection(CLAIMS).doc(claimId).remove();
}
