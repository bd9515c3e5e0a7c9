// The draws collection: each draw by lot of a places campaign as it was made (applications/draw.ts), with
// the seed and the candidates that let anyone redo it.
import type { DrawView } from '../../../typings/api/applications';
import { db, rows } from '../cloud';

export const DRAWS = 'draws';

export interface DrawDoc {
  _id: string;
  campaignId: string;
  at: Date;
  /** the officer's openid */
  by: string;
  requestKey: string;
  places: number;
  seed: string;
  /** sorted ids of the recommended applications drawn among */
  candidates: string[];
  winners: string[];
}

/** More draws than a campaign ever has. */
const DRAWS_LIMIT = 100;

export function drawView(d: DrawDoc): DrawView {
  return { drawId: d._id, campaignId: d.campaignId, at: new Date(d.at).toISOString(), places: d.places, seed: d.seed, candidates: d.candidates, winners: d.winners };
}

export async function getDraw(drawId: string): Promise<DrawDoc | null> {
  const res = (await db.collection(DRAWS).doc(drawId).get()) as unknown as { data: DrawDoc | null };
  return res.data ?? null;
}

export async function drawsOf(campaignId: string): Promise<DrawDoc[]> {
  return rows<DrawDoc>(db.collection(DRAWS).where({ campaignId }).orderBy('at', 'desc').limit(DRAWS_LIMIT));
}
