// The officers' steps on a record: file (a requested or returned record, or one for a member they name by
// id or ID card), confirm and return (the federation), the yearly review and 脱困. Each step reads what it
// needs first in one aggregation (data/actor.ts loadWithCaller: the record, or the member a filing names
// with their record; the caller; the officers along the path; the org's name; the filing officer's name),
// then is one transaction on the record's version with its history, audit entry and messages
// (data/hardship.ts); the answer reads only its materials' URLs.
import type { HardshipDetail, HouseholdMemberInput } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import type { Staffing } from '../_shared/access/coverage';
import { hardshipScopes, mayKeepHardship } from '../_shared/access/hardship';
import { transaction, txGet } from '../_shared/cloud';
import { joinedName, loadActor, loadWithCaller, orgLookup, type Lookup } from '../_shared/data/actor';
import { blankRecord, HARDSHIP_RECORDS, hardshipRecordId, memberRecordLookup, sealHousehold } from '../_shared/data/hardship';
import { writeRecordStep } from '../_shared/data/workflowStep';
import { nameLookup } from '../_shared/data/memberLookup';
import { idCardHash, type MemberDoc } from '../_shared/data/members';
import { staffAlong } from '../_shared/data/staffing';
import { parseIdCard } from '../_shared/domain/idCard';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { z } from '../_shared/validation';
import { transition } from '../_shared/workflow/machine';
import { hardshipMachine, type FilingFacts, type HardshipRecord } from '../_shared/workflow/hardship';
import { deskMessages } from './desk';
import { detailFor } from './lists';
import { filing, recordId, version } from './schema';

const FORBIDDEN = '您没有办理该会员困难职工档案的权限';
const NO_RECORD = '没有找到该档案';

interface FilingInput {
  grade: FilingFacts['grade'];
  causes: FilingFacts['causes'];
  household?: HouseholdMemberInput[];
  monthlyIncomePerHeadFen: number;
  note?: string;
}

/** The filing's facts with the household sealed and the name of the officer filing it, or the fields in error. */
function factsOf(input: FilingInput, officerName: string, now: Date): Result<FilingFacts> {
  const sealed = input.household ? sealHousehold(input.household, now) : null;
  if (sealed && !sealed.ok) return fail('VALIDATION_FAILED', Object.values(sealed.fields)[0], sealed.fields);
  return ok({
    grade: input.grade,
    causes: input.causes,
    ...(sealed && { household: sealed.value }),
    monthlyIncomePerHeadFen: input.monthlyIncomePerHeadFen,
    ...(input.note && { note: input.note }),
    officerName,
  });
}

/** What a step on a record reads first: the caller, the stage officers along the record's path, its org's
 *  name (undefined: read with the answer). */
interface Context {
  actor: Actor;
  staff: Staffing;
  orgName?: string;
}

/** The record `id` in one aggregation with its context (and `joins`); null when there is no such record. */
async function recordInContext(id: string, openid: string, joins: readonly Lookup[] = []): Promise<(Required<Context> & { record: HardshipRecord; joined: Record<string, unknown[]> }) | null> {
  const found = await loadWithCaller<HardshipRecord>(HARDSHIP_RECORDS, { _id: id }, openid, ['orgPath'], [orgLookup('orgId', 'org'), ...joins]);
  if (!found) return null;
  const { doc, actor, staff, joined } = found;
  return { record: doc, actor, staff, orgName: joinedName(joined.org), joined };
}

/** Takes `name` on the record `id` decided on `decidedOn`, in one transaction; the record as the actor then
 *  sees it. `seen` was read before, with the record (its path and org never change). */
async function step(ctx: CallContext, seen: Context, id: string, name: string, decidedOn: number, input: Record<string, unknown>): Promise<Result<{ record: HardshipDetail }>> {
  const { actor, staff, orgName } = seen;
  const outcome = await transaction(async (tx): Promise<Result<HardshipRecord>> => {
    const fresh = await txGet<HardshipRecord>(tx, HARDSHIP_RECORDS, id);
    if (!fresh) return fail('NOT_FOUND', NO_RECORD);
    const t = transition(hardshipMachine, fresh, name, actor, input, ctx.now, decidedOn);
    if (!t.ok) return fail(t.code, t.code === 'FORBIDDEN' ? FORBIDDEN : t.message, t.fields);
    await writeRecordStep(
      tx,
      ctx,
      HARDSHIP_RECORDS,
      t.next,
      { action: `hardship.${name}`, details: { version: t.next.version, grade: t.next.grade, status: t.next.status } },
      [...t.messages.map((m) => ({ ...m, topic: 'hardshipStatus' as const })), ...deskMessages(t.next, staff, ctx.openid)],
    );
    return ok(t.next);
  });
  if (!outcome.ok) return outcome;
  return ok({ record: await detailFor(outcome.data, actor, ctx.now, { orgName }) });
}

/** Where the member a filing names is: by id, or by ID card (the keyed hash); or the card's error. */
function memberMatch(input: { memberId?: string; idCard?: string }, now: Date): Result<Record<string, string>> {
  if (input.memberId) return ok({ _id: input.memberId });
  const id = parseIdCard(input.idCard ?? '', now);
  if (!id.ok) return fail('VALIDATION_FAILED', id.message, { idCard: id.message });
  return ok({ 'idCard.hash': idCardHash(id.value) });
}

const fileInput = z
  .strictObject({ memberId: z.string().min(1).max(64).optional(), idCard: z.string().trim().min(1).max(30).optional(), version: version.optional(), ...filing })
  .refine((v) => (v.memberId === undefined) !== (v.idCard === undefined), { path: ['idCard'], error: '请填写会员的身份证号' });

export const file = action(fileInput, async (ctx, { memberId, idCard, version: decidedOn, ...input }): Promise<Result<{ record: HardshipDetail }>> => {
  const match = memberMatch({ memberId, idCard }, ctx.now);
  // the member with their record, the caller, the officers along the member's path, the member's org's name
  // and the filing officer's
  const seen = match.ok
    ? await loadWithCaller<MemberDoc>('members', match.data, ctx.openid, ['orgPath'], [memberRecordLookup('record'), orgLookup('orgId', 'org'), nameLookup(ctx.openid, 'officer')])
    : null;
  // one who keeps no records is refused before anything is said of the member (read alone when none was found)
  const actor = seen?.actor ?? (await loadActor(ctx.openid));
  if (!hardshipScopes(actor).length) return fail('FORBIDDEN', '只有工会干部可以建立困难职工档案');
  if (!match.ok) return match;
  if (!seen) return memberId ? fail('NOT_FOUND', '没有找到该会员') : fail('NOT_FOUND', '没有找到该身份证号的会员', { idCard: '没有找到该身份证号的会员，请先请其完成会员认证' });
  const { doc: m, joined } = seen;
  if (!mayKeepHardship(actor, { memberId: m._id, orgPath: m.orgPath })) return fail('FORBIDDEN', FORBIDDEN);
  if (m.status !== 'approved') return fail('INVALID_STATE', '该会员尚未通过会员认证，不能建档');
  const facts = factsOf(input, joinedName(joined.officer), ctx.now);
  if (!facts.ok) return facts;
  const orgName = joinedName(joined.org);
  const id = hardshipRecordId(m._id);
  const existing = (joined.record[0] as HardshipRecord | undefined) ?? null;
  if (existing) {
    if (decidedOn === undefined) return fail('CONFLICT', '该会员已有困难职工档案，请刷新后查看');
    // the record keeps the path and org it was made at: the member may have moved since
    const staff = await staffAlong(existing.orgPath, { orgIds: m.orgPath, staff: seen.staff });
    return step(ctx, { actor, staff, orgName: existing.orgId === m.orgId ? orgName : undefined }, id, 'file', decidedOn, { facts: facts.data });
  }
  const f = facts.data;
  if (!f.household) return fail('VALIDATION_FAILED', '请填写家庭成员', { household: '请填写家庭成员' });
  const record: HardshipRecord = {
    ...blankRecord(m, ctx.now),
    status: 'filed',
    grade: f.grade,
    causes: f.causes,
    household: f.household,
    monthlyIncomePerHeadFen: f.monthlyIncomePerHeadFen,
    note: f.note ?? null,
    verifiedBy: ctx.openid,
    verifiedByName: f.officerName,
    verifiedAt: ctx.now,
    history: [{ at: ctx.now, by: ctx.openid, action: 'file', from: 'filed', to: 'filed', comment: null, part: 'officer', details: { grade: f.grade, householdSize: f.household.length } }],
  };
  const outcome = await transaction(async (tx): Promise<Result<HardshipRecord>> => {
    // another officer filing the same member meanwhile: theirs stands
    if (await txGet<HardshipRecord>(tx, HARDSHIP_RECORDS, id)) return fail('CONFLICT', '该会员的困难职工档案已被他人建立，请刷新后查看');
    await writeRecordStep(tx, ctx, HARDSHIP_RECORDS, record, { action: 'hardship.file', details: { version: 1, grade: f.grade, status: 'filed' } }, deskMessages(record, seen.staff, ctx.openid));
    return ok(record);
  });
  if (!outcome.ok) return outcome;
  return ok({ record: await detailFor(outcome.data, actor, ctx.now, { orgName }) });
});

const decision = { recordId, version };
const comment = z.string().trim().max(500);

/** A step on the record `id` that takes no facts: the record and its context read first, then the step. */
async function decide(ctx: CallContext, id: string, name: string, decidedOn: number, input: Record<string, unknown>): Promise<Result<{ record: HardshipDetail }>> {
  const seen = await recordInContext(id, ctx.openid);
  if (!seen) return fail('NOT_FOUND', NO_RECORD);
  return step(ctx, seen, id, name, decidedOn, input);
}

export const confirm = action(z.strictObject({ ...decision, comment: comment.optional() }), async (ctx, input) =>
  decide(ctx, input.recordId, 'confirm', input.version, { comment: input.comment }),
);

export const returnRecord = action(z.strictObject({ ...decision, comment }), async (ctx, input) =>
  decide(ctx, input.recordId, 'return', input.version, { comment: input.comment }),
);

export const review = action(z.strictObject({ ...decision, ...filing }), async (ctx, { recordId: id, version: decidedOn, ...input }) => {
  const seen = await recordInContext(id, ctx.openid, [nameLookup(ctx.openid, 'officer')]);
  if (!seen) return fail('NOT_FOUND', NO_RECORD);
  // who may review is checked before anything is read of the household (the machine checks it again)
  if (!mayKeepHardship(seen.actor, seen.record)) return fail('FORBIDDEN', FORBIDDEN);
  const facts = factsOf(input, joinedName(seen.joined.officer), ctx.now);
  if (!facts.ok) return facts;
  return step(ctx, seen, id, 'review', decidedOn, { facts: facts.data });
});

export const exit = action(z.strictObject({ ...decision, comment }), async (ctx, input) =>
  decide(ctx, input.recordId, 'exit', input.version, { comment: input.comment, reason: input.comment }),
);
