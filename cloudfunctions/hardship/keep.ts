// The officers' steps on a record: file (a requested or returned record, or one for a member they name by
// id or ID card), confirm and return (the federation), the yearly review and 脱困. Each step is one
// transaction on the record's version with its history, audit entry and messages (data/hardship.ts).
import type { HardshipDetail, HouseholdMemberInput } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { hardshipScopes, mayKeepHardship } from '../_shared/access/hardship';
import { transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { blankRecord, HARDSHIP_RECORDS, hardshipRecordId, recordById, sealHousehold } from '../_shared/data/hardship';
import { writeRecordStep } from '../_shared/data/workflowStep';
import { memberById, memberByIdCard } from '../_shared/data/memberLookup';
import type { MemberDoc } from '../_shared/data/members';
import { staffingOf } from '../_shared/data/staffing';
import { parseIdCard } from '../_shared/domain/idCard';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { z } from '../_shared/validation';
import { transition } from '../_shared/workflow/machine';
import { hardshipMachine, type FilingFacts, type HardshipRecord } from '../_shared/workflow/hardship';
import { deskMessages } from './desk';
import { detailFor } from './lists';
import { filing, recordId, version } from './schema';

const FORBIDDEN = '您没有办理该会员困难职工档案的权限';

interface FilingInput {
  grade: FilingFacts['grade'];
  causes: FilingFacts['causes'];
  household?: HouseholdMemberInput[];
  monthlyIncomePerHeadFen: number;
  note?: string;
}

/** The filing's facts with the household sealed and the officer's name, or the fields in error. */
async function factsOf(input: FilingInput, actor: Actor, now: Date): Promise<Result<FilingFacts>> {
  const sealed = input.household ? sealHousehold(input.household, now) : null;
  if (sealed && !sealed.ok) return fail('VALIDATION_FAILED', Object.values(sealed.fields)[0], sealed.fields);
  const officer = actor.memberId ? await memberById(actor.memberId) : null;
  return ok({
    grade: input.grade,
    causes: input.causes,
    ...(sealed && { household: sealed.value }),
    monthlyIncomePerHeadFen: input.monthlyIncomePerHeadFen,
    ...(input.note && { note: input.note }),
    officerName: officer?.name ?? '',
  });
}

/** Takes `name` on the record `id` decided on `decidedOn`, in one transaction; the record as the actor
 *  then sees it. */
async function step(ctx: CallContext, actor: Actor, id: string, name: string, decidedOn: number, input: Record<string, unknown>): Promise<Result<{ record: HardshipDetail }>> {
  const stored = await recordById(id);
  if (!stored) return fail('NOT_FOUND', '没有找到该档案');
  const staff = await staffingOf([stored.orgPath]);
  const outcome = await transaction(async (tx): Promise<Result<HardshipRecord>> => {
    const fresh = await txGet<HardshipRecord>(tx, HARDSHIP_RECORDS, id);
    if (!fresh) return fail('NOT_FOUND', '没有找到该档案');
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
  return ok({ record: await detailFor(outcome.data, actor, ctx.now) });
}

/** The member a filing names: by id, or by ID card (the keyed hash). */
async function memberOf(input: { memberId?: string; idCard?: string }, now: Date): Promise<Result<MemberDoc>> {
  if (input.memberId) {
    const m = await memberById(input.memberId);
    return m ? ok(m) : fail('NOT_FOUND', '没有找到该会员');
  }
  const id = parseIdCard(input.idCard ?? '', now);
  if (!id.ok) return fail('VALIDATION_FAILED', id.message, { idCard: id.message });
  const m = await memberByIdCard(id.value);
  return m ? ok(m) : fail('NOT_FOUND', '没有找到该身份证号的会员', { idCard: '没有找到该身份证号的会员，请先请其完成会员认证' });
}

const fileInput = z
  .strictObject({ memberId: z.string().min(1).max(64).optional(), idCard: z.string().trim().min(1).max(30).optional(), version: version.optional(), ...filing })
  .refine((v) => (v.memberId === undefined) !== (v.idCard === undefined), { path: ['idCard'], error: '请填写会员的身份证号' });

export const file = action(fileInput, async (ctx, { memberId, idCard, version: decidedOn, ...input }): Promise<Result<{ record: HardshipDetail }>> => {
  const actor = await loadActor(ctx.openid);
  if (!hardshipScopes(actor).length) return fail('FORBIDDEN', '只有工会干部可以建立困难职工档案');
  const member = await memberOf({ memberId, idCard }, ctx.now);
  if (!member.ok) return member;
  const m = member.data;
  if (!mayKeepHardship(actor, { memberId: m._id, orgPath: m.orgPath })) return fail('FORBIDDEN', FORBIDDEN);
  if (m.status !== 'approved') return fail('INVALID_STATE', '该会员尚未通过会员认证，不能建档');
  const facts = await factsOf(input, actor, ctx.now);
  if (!facts.ok) return facts;
  const id = hardshipRecordId(m._id);
  const existing = await recordById(id);
  if (existing) {
    if (decidedOn === undefined) return fail('CONFLICT', '该会员已有困难职工档案，请刷新后查看');
    return step(ctx, actor, id, 'file', decidedOn, { facts: facts.data });
  }
  const f = facts.data;
  if (!f.household) return fail('VALIDATION_FAILED', '请填写家庭成员', { household: '请填写家庭成员' });
  const staff = await staffingOf([m.orgPath]);
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
    await writeRecordStep(tx, ctx, HARDSHIP_RECORDS, record, { action: 'hardship.file', details: { version: 1, grade: f.grade, status: 'filed' } }, deskMessages(record, staff, ctx.openid));
    return ok(record);
  });
  if (!outcome.ok) return outcome;
  return ok({ record: await detailFor(outcome.data, actor, ctx.now) });
});


const decision = { recordId, version };
const comment = z.string().trim().max(500);

export const confirm = action(z.strictObject({ ...decision, comment: comment.optional() }), async (ctx, input) =>
  step(ctx, await loadActor(ctx.openid), input.recordId, 'confirm', input.version, { comment: input.comment }),
);

export const returnRecord = action(z.strictObject({ ...decision, comment }), async (ctx, input) =>
  step(ctx, await loadActor(ctx.openid), input.recordId, 'return', input.version, { comment: input.comment }),
);

export const review = action(z.strictObject({ ...decision, ...filing }), async (ctx, { recordId: id, version: decidedOn, ...input }) => {
  const actor = await loadActor(ctx.openid);
  // who may review is checked before anything is read of the household (the machine checks it again)
  const stored = await recordById(id);
  if (!stored) return fail('NOT_FOUND', '没有找到该档案');
  if (!mayKeepHardship(actor, stored)) return fail('FORBIDDEN', FORBIDDEN);
  const facts = await factsOf(input, actor, ctx.now);
  if (!facts.ok) return facts;
  return step(ctx, actor, id, 'review', decidedOn, { facts: facts.data });
});

export const exit = action(z.strictObject({ ...decision, comment }), async (ctx, input) =>
  step(ctx, await loadActor(ctx.openid), input.recordId, 'exit', input.version, { comment: input.comment, reason: input.comment }),
);
