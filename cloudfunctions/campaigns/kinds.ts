// Service kinds in the admin tab: the kinds an org may run (the campaign editor's choice, the dashboard's
// filters) and a federation officer's own kinds, created for an org of their scope and edited there. A
// kind is one versioned document written with its audit entry in one transaction; campaigns already made
// keep the copy they took of it.
import type { ServiceKindView } from '../../typings/api/serviceKinds';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { campaignManageScopes } from '../_shared/access/campaigns';
import { kindReadScopes, mayListKinds, mayManageKind } from '../_shared/access/serviceKinds';
import { transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { AuditEntry } from '../_shared/data/audit';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { kindsSeenFrom, kindView, SERVICE_KINDS, yearGroupSubject, type ServiceKindDoc } from '../_shared/data/serviceKinds';
import { validateKindDraft } from '../_shared/domain/serviceKinds';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { z } from '../_shared/validation';
import { saveKindInput } from './schema';

const NOT_OFFICER = '只有工会干部可以查看服务类型';
const NOT_MANAGER = '只有总工会干部可以管理服务类型';

async function views(actor: Actor, docs: ServiceKindDoc[]): Promise<ServiceKindView[]> {
  const names = await orgNames(docs.flatMap((k) => (k.orgId ? [k.orgId] : [])));
  return docs.map((k) => kindView(k, k.orgId ? (names.get(k.orgId) ?? '') : '全国通用', mayManageKind(actor, k)));
}

export const kinds = action(z.strictObject({ orgId: z.string().min(1).max(64).optional() }), async (ctx, input): Promise<Result<{ items: ServiceKindView[] }>> => {
  const actor = await loadActor(ctx.openid);
  if (!kindReadScopes(actor).length) return fail('FORBIDDEN', NOT_OFFICER);
  if (input.orgId === undefined) {
    // the kinds of every org on the paths of the caller's scopes: what they may run somewhere
    const scopes = await Promise.all(kindReadScopes(actor).map(getOrg));
    return ok({ items: await views(actor, await kindsSeenFrom(scopes.flatMap((o) => o?.path ?? []))) });
  }
  const org = await getOrg(input.orgId);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayListKinds(actor, org.path)) return fail('FORBIDDEN', '您无权查看这个组织的服务类型');
  return ok({ items: await views(actor, await kindsSeenFrom(org.path)) });
});

function audit(ctx: CallContext, action: string, kindId: string, details: AuditEntry['details']): AuditEntry {
  return { at: ctx.now, actorOpenid: ctx.openid, action, targetCollection: SERVICE_KINDS, targetId: kindId, requestId: ctx.requestId, details };
}

const INVALID = '填写的内容有误，请按提示修改';

export const saveKind = action(saveKindInput, async (ctx, input): Promise<Result<{ kind: ServiceKindView }>> => {
  const [actor, org] = await Promise.all([loadActor(ctx.openid), getOrg(input.draft.orgId)]);
  if (!campaignManageScopes(actor).length) return fail('FORBIDDEN', NOT_MANAGER);
  if (!org) return fail('VALIDATION_FAILED', INVALID, { orgId: '没有找到该工会组织' });
  if (!mayManageKind(actor, { builtin: false, orgPath: org.path })) return fail('FORBIDDEN', '您不能为该工会组织管理服务类型');
  const checked = validateKindDraft(input.draft, await yearGroupSubject(input.draft.duplicate.yearGroup, input.kindId));
  if (!checked.ok) return fail('VALIDATION_FAILED', INVALID, checked.fields);
  const { orgId: _orgId, ...fields } = checked.value;
  const placed = { ...fields, builtin: false, orgId: org._id, orgPath: org.path };

  if (input.kindId === undefined) {
    const doc: Omit<ServiceKindDoc, '_id'> = { ...placed, version: 1, createdAt: ctx.now, updatedAt: ctx.now };
    const id = await transaction(async (tx) => {
      const added = await tx.collection(SERVICE_KINDS).add({ data: doc });
      await tx.collection('audit').add({ data: audit(ctx, 'serviceKind.create', added._id, { orgId: org._id, label: doc.label, settle: doc.settle.mode }) });
      return added._id;
    });
    return ok({ kind: kindView({ ...doc, _id: id }, org.name, true) });
  }

  const kindId = input.kindId;
  return transaction(async (tx): Promise<Result<{ kind: ServiceKindView }>> => {
    const stored = await txGet<ServiceKindDoc>(tx, SERVICE_KINDS, kindId);
    if (!stored) return fail('NOT_FOUND', '没有找到该服务类型');
    if (!mayManageKind(actor, stored)) return fail('FORBIDDEN', stored.builtin ? '系统内置的服务类型不能修改，可以新建一个' : '您不能修改这个服务类型');
    if (stored.version !== input.version) return fail('CONFLICT', '服务类型已被他人修改，请刷新后再改');
    const next: ServiceKindDoc = { ...stored, ...placed, _id: kindId, version: stored.version + 1, updatedAt: ctx.now };
    const { _id, ...data } = next;
    await tx.collection(SERVICE_KINDS).doc(_id).set({ data });
    await tx.collection('audit').add({ data: audit(ctx, 'serviceKind.update', kindId, { orgId: org._id, label: next.label, version: next.version }) });
    return ok({ kind: kindView(next, org.name, true) });
  });
});
