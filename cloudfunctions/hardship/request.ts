// The member's side: asking for a record (with materials) and seeing its status. The member never sets
// the record's facts: what they write is a note for the officer, and the files are their materials.
import type { HardshipMine } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { transaction, txGet } from '../_shared/cloud';
import { loadMemberCaller } from '../_shared/data/actor';
import { checkOwnFiles } from '../_shared/data/files';
import { blankRecord, HARDSHIP_RECORDS, hardshipRecordId, mineView } from '../_shared/data/hardship';
import { writeRecordStep } from '../_shared/data/workflowStep';
import { action, fail, ok } from '../_shared/function';
import { db, rows } from '../_shared/cloud';
import { transition } from '../_shared/workflow/machine';
import { hardshipMachine, type HardshipRecord } from '../_shared/workflow/hardship';
import { z } from '../_shared/validation';
import { deskMessages } from './desk';

const requestInput = z.strictObject({
  note: z.string({ error: '请简要说明家庭困难情况' }).trim().min(4, { error: '请简要说明家庭困难情况（至少4个字）' }).max(500),
  materials: z.array(z.string().max(300)).max(9).default([]),
});

export const request = action(requestInput, async (ctx, input): Promise<Result<{ record: HardshipMine }>> => {
  // the member with their grants and the officers along their path, in one aggregation
  const caller = await loadMemberCaller(ctx.openid, ctx.now);
  if (!caller) return fail('NOT_REGISTERED', '请先完成会员认证');
  const { member, actor, staff } = caller;
  if (member.status !== 'approved') return fail('FORBIDDEN', '会员认证通过后才能申请建档');
  const files = await checkOwnFiles(ctx.openid, input.materials);
  if (!files.ok) return fail('VALIDATION_FAILED', files.message, { materials: files.message });
  const id = hardshipRecordId(member._id);
  const outcome = await transaction(async (tx): Promise<Result<HardshipRecord>> => {
    const existing = await txGet<HardshipRecord>(tx, HARDSHIP_RECORDS, id);
    // a retried request answers the record it made
    if (existing?.status === 'requested') return ok(existing);
    if (existing && existing.status !== 'exited') {
      return fail('INVALID_STATE', existing.status === 'confirmed' ? '您已是建档困难职工，无需再申请' : '您的建档申请正在办理中');
    }
    let next: HardshipRecord;
    if (existing) {
      const t = transition(hardshipMachine, existing, 'request', actor, { note: input.note, materials: input.materials }, ctx.now);
      if (!t.ok) return fail(t.code, t.message, t.fields);
      next = t.next;
    } else {
      next = {
        ...blankRecord(member, ctx.now),
        status: 'requested',
        requestNote: input.note,
        materials: input.materials,
        history: [{ at: ctx.now, by: ctx.openid, action: 'request', from: 'requested', to: 'requested', comment: null, part: 'member' }],
      };
    }
    await writeRecordStep(tx, ctx, HARDSHIP_RECORDS, next, { action: 'hardship.request', details: { version: next.version, materials: input.materials.length } }, deskMessages(next, staff, ctx.openid));
    return ok(next);
  });
  if (!outcome.ok) return outcome;
  return ok({ record: mineView(outcome.data, ctx.now) });
});

export const mine = action(z.strictObject({}), async (ctx): Promise<Result<{ record: HardshipMine | null }>> => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请在微信中打开');
  const [r] = await rows<HardshipRecord>(db.collection(HARDSHIP_RECORDS).where({ memberOpenid: ctx.openid }).limit(1));
  return ok({ record: r ? mineView(r, ctx.now) : null });
});
