// The campaign editor: a federation officer creates and edits campaigns of the orgs under them, opens and
// closes them. A new campaign copies its kind (a kind the org sees); its form must keep the fields the
// kind's rules read. Every change is a versioned write with its audit entry, in one transaction.
import type { CampaignDraft, ManagedCampaign } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { campaignManageScopes, mayManageCampaign } from '../_shared/access/campaigns';
import { transaction, Tx, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { AuditEntry } from '../_shared/data/audit';
import type { CampaignDoc } from '../_shared/data/campaigns';
import { ledgerOf, managedCampaign } from '../_shared/data/campaigns';
import { getOrg } from '../_shared/data/orgs';
import { getKind } from '../_shared/data/serviceKinds';
import { validateCampaignDraft } from '../_shared/domain/campaignForm';
import { ruleFields } from '../_shared/domain/ruleFields';
import { kindVisibleTo, snapshotOf } from '../_shared/domain/serviceKinds';
import type { KindSnapshot } from '../../typings/api/serviceKinds';
import { checkBudgetEdit, checkStatusChange, windowOfDays } from '../_shared/domain/campaignRules';
import { action, CallContext, fail, ok } from '../_shared/function';
import { NOT_MANAGER } from './read';
import { saveInput, setStatusInput } from './schema';

const OUT_OF_SCOPE = '您不能管理该工会组织的活动';
const STALE = '活动已被他人修改，请刷新后再改';
const MISSING = '没有找到该活动';

type Saved = Result<{ campaign: ManagedCampaign }>;

/** The stored fields a draft sets (its kind is the campaign's copy, set once). */
function draftFields(draft: CampaignDraft, orgPath: string[]) {
  const { openDay, closeDay, maxAmountFen, quota, placeFen, publicity, kindId: _kindId, ...rest } = draft;
  return {
    ...rest,
    ...(maxAmountFen !== undefined && { maxAmountFen }),
    ...(quota !== undefined && { quota, placeFen: placeFen ?? 0 }),
    ...(publicity !== undefined && { publicity }),
    orgPath,
    ...windowOfDays(openDay, closeDay),
  };
}

const checkDraft = (draft: CampaignDraft, kind: KindSnapshot) => validateCampaignDraft(draft, { settle: kind.settle.mode, required: ruleFields(kind) });

function audit(ctx: CallContext, action: string, campaignId: string, details: AuditEntry['details']): AuditEntry {
  return { at: ctx.now, actorOpenid: ctx.openid, action, targetCollection: 'campaigns', targetId: campaignId, requestId: ctx.requestId, details };
}

async function writeCampaign(tx: Tx, ctx: CallContext, next: CampaignDoc, entry: AuditEntry): Promise<Saved> {
  const { _id, ...data } = next;
  await tx.collection('campaigns').doc(_id).set({ data });
  await tx.collection('audit').add({ data: entry });
  return ok({ campaign: managedCampaign(next) });
}

function refuseManager(actor: Actor): Saved {
  return fail('FORBIDDEN', campaignManageScopes(actor).length ? OUT_OF_SCOPE : NOT_MANAGER);
}

const INVALID = '填写的内容有误，请按提示修改';

export const save = action(saveInput, async (ctx, input): Promise<Saved> => {
  const [actor, org, kindDoc] = await Promise.all([loadActor(ctx.openid), getOrg(input.draft.orgId), input.campaignId === undefined ? getKind(input.draft.kindId) : null]);
  if (!campaignManageScopes(actor).length) return fail('FORBIDDEN', NOT_MANAGER);
  if (!org) return fail('VALIDATION_FAILED', INVALID, { orgId: '没有找到该工会组织' });
  if (!mayManageCampaign(actor, org.path)) return refuseManager(actor);

  const { campaignId, version } = input;
  if (campaignId === undefined) {
    if (!kindDoc || !kindVisibleTo(kindDoc, org.path)) return fail('VALIDATION_FAILED', INVALID, { kindId: '没有这个服务类型，或它不能在该组织使用' });
    const kind = snapshotOf({ ...kindDoc, kindId: kindDoc._id });
    const checked = checkDraft(input.draft, kind);
    if (!checked.ok) return fail('VALIDATION_FAILED', INVALID, checked.fields);
    const doc: Omit<CampaignDoc, '_id'> = {
      ...draftFields(checked.value, org.path),
      kind,
      status: 'draft',
      reservedFen: 0,
      paidFen: 0,
      ...(kind.settle.mode === 'places' && { placesTaken: 0 }),
      version: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    return transaction(async (tx) => {
      const added = await tx.collection('campaigns').add({ data: doc });
      await tx.collection('audit').add({ data: audit(ctx, 'campaign.create', added._id, { orgId: org._id, kindId: kind.kindId, budgetFen: doc.budgetFen }) });
      return ok({ campaign: managedCampaign({ ...doc, _id: added._id }) });
    });
  }

  return transaction(async (tx): Promise<Saved> => {
    const stored = await txGet<CampaignDoc>(tx, 'campaigns', campaignId);
    if (!stored) return fail('NOT_FOUND', MISSING);
    if (!mayManageCampaign(actor, stored.orgPath)) return refuseManager(actor);
    if (stored.version !== version) return fail('CONFLICT', STALE);
    if (stored.kind.kindId !== input.draft.kindId) return fail('VALIDATION_FAILED', '服务类型不能修改', { kindId: '服务类型不能修改' });
    const checked = checkDraft(input.draft, stored.kind);
    if (!checked.ok) return fail('VALIDATION_FAILED', INVALID, checked.fields);
    const draft = checked.value;
    const budget = checkBudgetEdit(ledgerOf(stored), draft.budgetFen);
    if (!budget.ok) return fail(budget.code, budget.message, { budgetFen: budget.message });
    const taken = stored.placesTaken ?? 0;
    if (draft.quota !== undefined && draft.quota < taken) return fail('VALIDATION_FAILED', `名额不能少于已入选的${taken}个`, { quota: `名额不能少于已入选的${taken}个` });
    // Replaces every field the editor owns (an absent maxAmountFen or publicity clears it); keeps kind, status, ledger and dates.
    const { maxAmountFen: _cleared, publicity: _noPublicity, ...kept } = stored;
    const next: CampaignDoc = { ...kept, ...draftFields(draft, org.path), updatedAt: ctx.now, version: stored.version + 1 };
    return writeCampaign(tx, ctx, next, audit(ctx, 'campaign.update', campaignId, { orgId: org._id, budgetFen: next.budgetFen, version: next.version }));
  });
});

export const setStatus = action(setStatusInput, async (ctx, input): Promise<Saved> => {
  const actor = await loadActor(ctx.openid);
  if (!campaignManageScopes(actor).length) return fail('FORBIDDEN', NOT_MANAGER);
  return transaction(async (tx): Promise<Saved> => {
    const stored = await txGet<CampaignDoc>(tx, 'campaigns', input.campaignId);
    if (!stored) return fail('NOT_FOUND', MISSING);
    if (!mayManageCampaign(actor, stored.orgPath)) return refuseManager(actor);
    if (stored.version !== input.version) return fail('CONFLICT', STALE);
    const change = checkStatusChange(stored.status, input.status);
    if (!change.ok) return fail(change.code, change.message);
    const next: CampaignDoc = { ...stored, status: change.value, updatedAt: ctx.now, version: stored.version + 1 };
    const verb = change.value === 'open' ? 'campaign.open' : 'campaign.close';
    return writeCampaign(tx, ctx, next, audit(ctx, verb, stored._id, { from: stored.status, to: change.value, version: next.version }));
  });
});
