// The draw by lot of a places campaign (职工疗休养): its federation officer draws some of the places left
// among the recommended applications. The candidates are read first (an indexed page at a time); the seed
// is a hash of the draw's id and the candidates (domain/serviceKinds.ts drawSeed) and the winners follow
// from it (drawLots), so the recorded draw can be redone by anyone and gives the same winners. In one
// transaction the winners are approved (each a place and its cost), the ledger moved, the draw recorded
// and audited; a winner whose application changed since it was read makes the draw CONFLICT, nothing
// written. The draw's id derives from its requestKey: a retry answers the draw already made.
import type { DrawView } from '../../typings/api/applications';
import type { BudgetLedger } from '../../typings/api/campaigns';
import type { Result } from '../../typings/envelope';
import { campaignApprovalScopes } from '../_shared/access/applications';
import { transaction, txGet, type Tx } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { ApplicationDoc } from '../_shared/data/applications';
import type { AuditEntry } from '../_shared/data/audit';
import { getCampaign, ledgerOf, type CampaignDoc } from '../_shared/data/campaigns';
import { DRAWS, drawsOf, drawView, getDraw, type DrawDoc } from '../_shared/data/draws';
import { NO_FILES } from '../_shared/data/files';
import { pagesOf } from '../_shared/data/pages';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { takePlaces } from '../_shared/domain/campaignRules';
import { drawLots, drawSeed } from '../_shared/domain/serviceKinds';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';
import { sameLedger, step, writeDecisions, writeLedger, type Taken } from './decide';

/** At most this many places per draw: the winners are written in one transaction (as a batch approval). */
export const MAX_DRAW_PLACES = 50;
/** More candidates than this are drawn among in smaller campaigns (by org), not in one draw. */
const MAX_CANDIDATES = 5_000;

const drawInput = z.strictObject({
  campaignId: z.string().min(1).max(64),
  places: z.number({ error: '请填写抽取的名额数' }).int({ error: '名额数应为整数' }).min(1, { error: '至少抽取1个名额' }).max(MAX_DRAW_PLACES, { error: `每次最多抽取${MAX_DRAW_PLACES}个名额` }),
  requestKey: requestKeyInput,
});

const FORBIDDEN = '只有本活动的总工会干部可以抽签';
const CHANGED = '有申请刚刚被他人处理，请刷新后重新抽签';

async function candidatesOf(campaignId: string): Promise<string[] | null> {
  const ids: string[] = [];
  for await (const page of pagesOf<Pick<ApplicationDoc, '_id' | 'createdAt'>>('applications', { campaignId, status: 'recommended' }, { _id: true, createdAt: true })) {
    ids.push(...page.map((a) => a._id));
    if (ids.length > MAX_CANDIDATES) return null;
  }
  return ids.sort();
}

type Drawn = Result<{ draw: DrawView; ledger: BudgetLedger }>;

export const draw = action(drawInput, async (ctx, input): Promise<Drawn> => {
  const [actor, campaign] = await Promise.all([loadActor(ctx.openid), getCampaign(input.campaignId)]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  if (!campaignApprovalScopes(actor, campaign.orgPath).length) return fail('FORBIDDEN', FORBIDDEN);
  if (campaign.kind.settle.mode !== 'places') return fail('INVALID_STATE', '只有名额类活动可以抽签');
  const drawId = idForRequest('draw', ctx.openid, input.requestKey);
  const earlier = await getDraw(drawId);
  if (earlier) return ok({ draw: drawView(earlier), ledger: ledgerOf(campaign) });

  const candidates = await candidatesOf(campaign._id);
  if (!candidates) return fail('TOO_LARGE', `待审批的申请超过${MAX_CANDIDATES}件，请按组织分别办理`);
  if (!candidates.length) return fail('VALIDATION_FAILED', '没有待总工会审批的申请可以抽签', { places: '没有待总工会审批的申请可以抽签' });
  const seed = drawSeed(drawId, candidates);
  const winners = drawLots(seed, candidates, input.places);

  return transaction(async (tx: Tx): Promise<Drawn> => {
    const [again, stored] = await Promise.all([txGet<DrawDoc>(tx, DRAWS, drawId), txGet<CampaignDoc>(tx, 'campaigns', campaign._id)]);
    if (again) return ok({ draw: drawView(again), ledger: ledgerOf(stored ?? campaign) });
    if (!stored) return fail('NOT_FOUND', '没有找到该活动');
    const initial = ledgerOf(stored);
    const room = takePlaces(initial, winners.length);
    if (!room.ok) return fail(room.code, room.message, { places: room.message });
    const docs = await Promise.all(winners.map((id) => txGet<ApplicationDoc>(tx, 'applications', id)));
    let ledger = initial;
    const taken: Taken[] = [];
    for (const doc of docs) {
      if (!doc || doc.campaignId !== stored._id) return fail('CONFLICT', CHANGED);
      // approval is the federation's alone: no coverage to consult
      const s = step(ctx, actor, doc, stored, ledger, 'approve', doc.version, { comment: '抽签入选' }, NO_FILES, []);
      if (!s.ok) {
        if (s.code === 'FORBIDDEN') return fail('FORBIDDEN', '您本人的申请在候选之中，请由本活动的其他总工会干部抽签');
        if (s.code === 'BUDGET_EXHAUSTED') return fail(s.code, s.message, { places: s.message });
        return fail('CONFLICT', CHANGED);
      }
      taken.push(s);
      ledger = s.ledger;
    }
    const record: DrawDoc = { _id: drawId, campaignId: stored._id, at: ctx.now, by: ctx.openid, requestKey: input.requestKey, places: input.places, seed, candidates, winners };
    await writeDecisions(tx, ctx, taken);
    if (!sameLedger(initial, ledger)) await writeLedger(tx, stored._id, ledger);
    const { _id, ...data } = record;
    await tx.collection(DRAWS).doc(_id).set({ data });
    const entry: AuditEntry = {
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'application.draw',
      targetCollection: 'campaigns',
      targetId: stored._id,
      requestId: ctx.requestId,
      details: { drawId, seed, candidates: candidates.length, places: input.places, winners: winners.join(',') },
    };
    await tx.collection('audit').add({ data: entry });
    return ok({ draw: drawView(record), ledger });
  });
});

export const draws = action(z.strictObject({ campaignId: z.string().min(1).max(64) }), async (ctx, input): Promise<Result<{ items: DrawView[] }>> => {
  const [actor, campaign] = await Promise.all([loadActor(ctx.openid), getCampaign(input.campaignId)]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  if (!campaignApprovalScopes(actor, campaign.orgPath).length) return fail('FORBIDDEN', '只有本活动的总工会干部可以查看抽签记录');
  return ok({ items: (await drawsOf(campaign._id)).map(drawView) });
});
