// What has waited too long and for whom: the applications, memberships, cases or hardship records in the
// caller's subtree that
// reached their stage more than N working days ago (domain/workingDays.ts), longest first, each with the
// officers responsible for it (access/coverage.ts). A page is one indexed range read, the officers along the
// page's paths and the org names: what it costs is the page's, however much waits.
import type { Page, WaitingItem, WaitingKind } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { deskOf, waitingScopes, type Stage, type StageFacts, type Staffing } from '../_shared/access/coverage';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { HARDSHIP_RECORDS } from '../_shared/data/hardship';
import { orgNames } from '../_shared/data/orgs';
import { staffingOf } from '../_shared/data/staffing';
import { waitedBefore, workingDaysSince } from '../_shared/domain/workingDays';
import { action, fail, ok } from '../_shared/function';
import { casePage } from '../_shared/workflow/cases';
import { z } from '../_shared/validation';

const input = z.strictObject({
  kind: z.enum(['applications', 'memberships', 'cases', 'hardship'] as const satisfies readonly WaitingKind[], { error: '请选择要查看的事项' }),
  workingDays: z.number({ error: '请填写天数' }).int({ error: '天数应为整数' }).min(1, { error: '至少1个工作日' }).max(60, { error: '最多60个工作日' }).default(5),
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});

/** One waiting record, as each kind is read. */
interface Found {
  _id: string;
  since: Date;
  title: string;
  stage: string;
  stageOf: Stage;
  facts: StageFacts;
  orgId: string;
  page: string;
}

const APPLICATION_STAGES: Record<string, [string, Stage]> = {
  submitted: ['待基层工会审核', 'grassrootsReview'],
  recommended: ['待总工会审批', 'federationReview'],
  approved: ['待登记发放', 'federationReview'],
};
const CASE_STAGES: Record<string, string> = { submitted: '待受理', accepted: '待指派律师' };
const HARDSHIP_STAGES: Record<string, [string, Stage]> = {
  requested: ['待基层工会建档', 'hardshipFiling'],
  returned: ['退回待重新建档', 'hardshipFiling'],
  filed: ['待总工会确认', 'hardshipConfirm'],
};

type Query = (roots: string[], cutoff: Date, after: ReturnType<typeof decodeCursor>, limit: number) => Promise<Found[]>;

const QUERIES: Record<WaitingKind, Query> = {
  applications: async (roots, cutoff, after, limit) => {
    const base = { applicantOrgPath: _.in(roots), status: _.in(Object.keys(APPLICATION_STAGES)), updatedAt: _.lt(cutoff) };
    const docs = await rows<{ _id: string; updatedAt: Date; status: string; applicantName: string; campaignTitle: string; applicantOrgId: string; applicantOrgPath: string[]; campaignOrgPath: string[] }>(
      db
        .collection('applications')
        .where(whereAfter(base, 'updatedAt', after))
        .orderBy('updatedAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .field({ updatedAt: true, status: true, applicantName: true, campaignTitle: true, applicantOrgId: true, applicantOrgPath: true, campaignOrgPath: true }),
    );
    return docs.map((d) => ({
      _id: d._id,
      since: new Date(d.updatedAt),
      title: `${d.applicantName} · ${d.campaignTitle}`,
      stage: APPLICATION_STAGES[d.status][0],
      stageOf: APPLICATION_STAGES[d.status][1],
      facts: { orgPath: d.applicantOrgPath, campaignOrgPath: d.campaignOrgPath },
      orgId: d.applicantOrgId,
      page: `admin/application/index?applicationId=${encodeURIComponent(d._id)}`,
    }));
  },
  memberships: async (roots, cutoff, after, limit) => {
    const base = { orgPath: _.in(roots), status: 'pending', submittedAt: _.lt(cutoff) };
    const docs = await rows<{ _id: string; submittedAt: Date; name: string; workUnit: string; orgId: string; orgPath: string[] }>(
      db.collection('members').where(whereAfter(base, 'submittedAt', after)).orderBy('submittedAt', 'asc').orderBy('_id', 'asc').limit(limit).field({ submittedAt: true, name: true, workUnit: true, orgId: true, orgPath: true }),
    );
    return docs.map((d) => ({ _id: d._id, since: new Date(d.submittedAt), title: `${d.name} · ${d.workUnit}`, stage: '待入会审核', stageOf: 'membership' as const, facts: { orgPath: d.orgPath }, orgId: d.orgId, page: 'admin/membership/index' }));
  },
  cases: async (roots, cutoff, after, limit) => {
    const base = { orgPath: _.in(roots), status: _.in(Object.keys(CASE_STAGES)), progressAt: _.lt(cutoff) };
    const docs = await rows<{ _id: string; progressAt: Date; status: string; personName: string; employerName: string; orgId: string; orgPath: string[] }>(
      db
        .collection('cases')
        .where(whereAfter(base, 'progressAt', after))
        .orderBy('progressAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .field({ progressAt: true, status: true, personName: true, employerName: true, orgId: true, orgPath: true }),
    );
    return docs.map((d) => ({ _id: d._id, since: new Date(d.progressAt), title: `${d.personName} · ${d.employerName}`, stage: CASE_STAGES[d.status], stageOf: 'legalAid' as const, facts: { orgPath: d.orgPath }, orgId: d.orgId, page: casePage(d._id, true) }));
  },
  hardship: async (roots, cutoff, after, limit) => {
    const base = { orgPath: _.in(roots), status: _.in(Object.keys(HARDSHIP_STAGES)), updatedAt: _.lt(cutoff) };
    const docs = await rows<{ _id: string; updatedAt: Date; status: string; memberName: string; orgId: string; orgPath: string[] }>(
      db.collection(HARDSHIP_RECORDS).where(whereAfter(base, 'updatedAt', after)).orderBy('updatedAt', 'asc').orderBy('_id', 'asc').limit(limit).field({ updatedAt: true, status: true, memberName: true, orgId: true, orgPath: true }),
    );
    return docs.map((d) => ({
      _id: d._id,
      since: new Date(d.updatedAt),
      title: `${d.memberName} · 困难职工档案`,
      stage: HARDSHIP_STAGES[d.status][0],
      stageOf: HARDSHIP_STAGES[d.status][1],
      facts: { orgPath: d.orgPath },
      orgId: d.orgId,
      page: `admin/hardship-record/index?recordId=${encodeURIComponent(d._id)}`,
    }));
  },
};

function waitingFor(f: Found, staff: Staffing, names: Map<string, string>): WaitingItem['waitingFor'] {
  const desk = deskOf(f.stageOf, f.facts, staff);
  return desk && { orgName: names.get(desk.orgId) ?? '', names: [...new Set(desk.officers.map((g) => g.memberName ?? '').filter(Boolean))] };
}

export const waiting = action(input, async (ctx, { kind, workingDays, cursor, limit }): Promise<Result<Page<WaitingItem>>> => {
  const roots = waitingScopes(await loadActor(ctx.openid));
  if (!roots.length) return fail('FORBIDDEN', '只有工会干部可以查看超时未办的事项');
  const found = await QUERIES[kind](roots, waitedBefore(ctx.now, workingDays), decodeCursor(cursor), limit);
  const staff = await staffingOf(found.flatMap((f) => [f.facts.orgPath, f.facts.campaignOrgPath ?? []]));
  const names = await orgNames([...found.map((f) => f.orgId), ...staff.map((g) => g.orgId)]);
  const items = found.map((f) => ({
    id: f._id,
    title: f.title,
    stage: f.stage,
    orgName: names.get(f.orgId) ?? '',
    since: f.since.toISOString(),
    workingDays: workingDaysSince(f.since, ctx.now),
    waitingFor: waitingFor(f, staff, names),
    page: f.page,
  }));
  return ok({ items, cursor: nextCursor(found, limit, (last) => ({ at: last.since, id: last._id })) });
});
