// The data step for an environment deployed before year claims moved into applications. Then a standing
// application of a year group's kind (金秋助学) held its claim as a document of `claims` (its _id the claim,
// its applicationId the holder) beside its campaign's key, a string duplicateKey; now the application holds
// the claim among its duplicateKey (an array under the unique index duplicateKey_1). moveYearClaims adds each
// claim to the application that still holds it (its yearClaim), once: idempotent, and a change the old code
// made meanwhile wins (the update is conditional on what was read). The `claims` collection is left in place.
// Through @cloudbase/node-sdk's database API, with the deploy's credentials.
import tcb from '@cloudbase/node-sdk';
import { isDuplicateKey } from '../../cloudfunctions/_shared/data/dbErrors';
import { heldKeys } from '../../cloudfunctions/_shared/domain/serviceKinds';
import type { Credentials } from './cloud';
import { LEGACY_CLAIMS } from './plan';

const PAGE = 100;

export type Database = ReturnType<ReturnType<typeof tcb.init>['database']>;

export function connectDatabase(envId: string, credentials: Credentials): Database {
  return tcb.init({ env: envId, secretId: credentials.secretId, secretKey: credentials.secretKey, sessionToken: credentials.token }).database();
}

interface LegacyClaim {
  _id: string;
  applicationId: string;
}

interface Holder {
  _id: string;
  duplicateKey: string | string[];
  yearClaim: string | null;
}

/** Each claim of `claims` whose application holds it (its yearClaim) but not yet among its keys. */
async function* unmoved(db: Database): AsyncGenerator<{ claim: string; app: Holder }> {
  const _ = db.command;
  for (let after = ''; ; ) {
    const page = (await db.collection(LEGACY_CLAIMS).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ applicationId: true }).get()).data as LegacyClaim[];
    if (page.length === 0) return;
    const ids = [...new Set(page.map((c) => c.applicationId))];
    const apps = (await db.collection('applications').where({ _id: _.in(ids) }).limit(PAGE).field({ duplicateKey: true, yearClaim: true }).get()).data as Holder[];
    const byId = new Map(apps.map((a) => [a._id, a]));
    for (const c of page) {
      const app = byId.get(c.applicationId);
      if (app && app.yearClaim === c._id && !heldKeys(app).includes(c._id)) yield { claim: c._id, app };
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]._id;
  }
}

/** How many claims moveYearClaims would move (for the plan). */
export async function yearClaimsToMove(db: Database): Promise<number> {
  let n = 0;
  for await (const _claim of unmoved(db)) n++;
  return n;
}

/**
 * Moves every claim still only in `claims` into its application's duplicateKey. Answers the claims moved
 * and those it could not: another application holds the key already (only code of this release taking the
 * claim since the first pass does that), for someone to settle by hand.
 */
export async function moveYearClaims(db: Database): Promise<{ moved: number; held: string[] }> {
  let moved = 0;
  const held: string[] = [];
  for await (const { claim, app } of unmoved(db)) {
    try {
      // only if the application is as read: the old code may have released or replaced its key since
      const r = (await db.collection('applications').where({ _id: app._id, yearClaim: claim, duplicateKey: app.duplicateKey }).update({ duplicateKey: [...heldKeys(app), claim] })) as { updated?: number };
      moved += r.updated ?? 0;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      held.push(`${claim} (application ${app._id})`);
    }
  }
  return { moved, held };
}
