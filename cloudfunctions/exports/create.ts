// exports.create: an .xlsx of a campaign's applications, of the legal-aid cases an org's subtree opened
// in a period, or of the hardship records of an org's subtree, for the officers who may see them (access/exports.ts), with personal numbers masked unless
// the caller pays against them. The sheet is streamed to a temp file page by page within a time budget;
// only a whole file is uploaded (to exports/<openid>/), and the audit entry naming it is written right after
// the upload — if that write fails the file is deleted, so no export exists unaudited. Past the budget
// nothing is uploaded and the answer is TOO_LARGE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportInput } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { applicationExportScope, exportsInClear, mayExportCases, mayExportHardship } from '../_shared/access/exports';
import { _, cloud, db } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { ApplicationDoc } from '../_shared/data/applications';
import type { AuditEntry } from '../_shared/data/audit';
import { getCampaign } from '../_shared/data/campaigns';
import type { CaseDoc } from '../_shared/data/cases';
import { HARDSHIP_RECORDS } from '../_shared/data/hardship';
import type { HardshipRecord } from '../_shared/workflow/hardship';
import { tempUrls } from '../_shared/data/files';
import { pagesOf } from '../_shared/data/pages';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { applicationColumns, caseColumns, hardshipColumns, type Column, type ExportRow } from '../_shared/domain/exportColumns';
import { windowOfDays } from '../_shared/domain/campaignRules';
import { resolvePeriod } from '../_shared/domain/figures';
import { shanghaiDate } from '../_shared/domain/shanghaiTime';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { personalDataKeys } from '../_shared/keys';
import { periodInput } from '../_shared/periodInput';
import { decrypt } from '../_shared/personalData';
import { z } from '../_shared/validation';
import { writeSheet } from './sheet';

/** Reading and writing rows must end by then (ms after the call began); the rest of the function's 60 s
 *  timeout (config.json) is for finishing the file, uploading it and auditing. */
export const EXPORT_BUDGET_MS = 40_000;
const TOO_LARGE_MESSAGE = '数据量过大，请缩短期间或按单位分别导出';

const input = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('applications'), campaignId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('cases'), orgId: z.string().min(1).max(64), period: periodInput }),
  z.strictObject({ kind: z.literal('hardship'), orgId: z.string().min(1).max(64) }),
]);

/** What to export, once the caller is known to be allowed. */
interface Plan<R> {
  fileName: string;
  sheetName: string;
  columns: Column<R>[];
  pages: AsyncIterable<R[]>;
  audit: Pick<AuditEntry, 'action' | 'targetCollection' | 'targetId'> & { details: AuditEntry['details'] };
  /** how many personal numbers went out in clear, known once the pages are read */
  clearValues(): number;
}

/** Pages of records with their orgs' names, each name read once. */
async function* withOrgNames<D extends { _id: string; createdAt: Date }>(pages: AsyncIterable<D[]>, orgOf: (d: D) => string): AsyncGenerator<ExportRow<D>[]> {
  const names = new Map<string, string>();
  for await (const page of pages) {
    const missing = page.map(orgOf).filter((id) => !names.has(id));
    for (const [id, name] of await orgNames(missing)) names.set(id, name);
    yield page.map((doc) => ({ doc, orgName: names.get(orgOf(doc)) ?? '' }));
  }
}

/** A name fit for a cloud path: letters, digits, - and _. */
const safeName = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_');

async function applicationsPlan(actor: Actor, campaignId: string, now: Date): Promise<Result<Plan<ExportRow<ApplicationDoc>>>> {
  const campaign = await getCampaign(campaignId);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  const scope = applicationExportScope(actor, campaign.orgPath);
  if (!scope) return fail('FORBIDDEN', '您无权导出这个活动的申请');
  const base = scope.all ? { campaignId } : { campaignId, applicantOrgPath: _.in(scope.orgRoots) };
  const key = personalDataKeys().encryptionKey;
  let clear = 0;
  const columns = applicationColumns({ kindLabel: campaign.kind.label, settle: campaign.kind.settle.mode, fields: campaign.fields }, (doc, kind, sealed) => {
    if (!exportsInClear(actor, doc, kind)) return sealed.masked;
    clear += 1;
    return decrypt(sealed.enc, key);
  });
  return ok({
    fileName: `${safeName(campaign.title)}-申请名单-${shanghaiDate(now)}.xlsx`,
    sheetName: '申请名单',
    columns,
    pages: withOrgNames(pagesOf<ApplicationDoc>('applications', base, { history: false }), (d) => d.applicantOrgId),
    audit: { action: 'export.applications', targetCollection: 'campaigns', targetId: campaignId, details: { scope: scope.all ? 'campaign' : scope.orgRoots.join(',') } },
    clearValues: () => clear,
  });
}

async function casesPlan(actor: Actor, orgId: string, period: z.output<typeof periodInput>): Promise<Result<Plan<ExportRow<CaseDoc>>>> {
  const resolved = resolvePeriod(period);
  if (!resolved.ok) return fail('VALIDATION_FAILED', resolved.message, { [resolved.field]: resolved.message });
  const org = await getOrg(orgId);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayExportCases(actor, org.path)) return fail('FORBIDDEN', '您无权导出这个组织的法律援助案件');
  const { from, to } = resolved;
  const { opensAt: start, closesAt: end } = windowOfDays(from, to);
  const base = { orgPath: orgId, createdAt: _.gte(start).and(_.lt(end)) };
  return ok({
    fileName: `${safeName(org.name)}-法律援助案件-${from}至${to}.xlsx`,
    sheetName: '法律援助案件',
    columns: caseColumns(),
    pages: withOrgNames(pagesOf<CaseDoc>('cases', base, { history: false, evidence: false }), (d) => d.orgId),
    audit: { action: 'export.cases', targetCollection: 'orgs', targetId: orgId, details: { from, to } },
    clearValues: () => 0,
  });
}

async function hardshipPlan(actor: Actor, orgId: string, now: Date): Promise<Result<Plan<ExportRow<HardshipRecord>>>> {
  const org = await getOrg(orgId);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayExportHardship(actor, org.path)) return fail('FORBIDDEN', '您无权导出这个组织的困难职工档案');
  return ok({
    fileName: `${safeName(org.name)}-困难职工档案-${shanghaiDate(now)}.xlsx`,
    sheetName: '困难职工档案',
    columns: hardshipColumns(now),
    pages: withOrgNames(pagesOf<HardshipRecord>(HARDSHIP_RECORDS, { orgPath: orgId }, { history: false, materials: false }), (d) => d.orgId),
    audit: { action: 'export.hardship', targetCollection: 'orgs', targetId: orgId, details: {} },
    clearValues: () => 0,
  });
}

async function build<R>(ctx: CallContext, plan: Plan<R>): Promise<Result<{ fileId: string; url: string; fileName: string; rows: number }>> {
  const file = path.join(os.tmpdir(), `export-${ctx.requestId}.xlsx`);
  try {
    const sheet = await writeSheet(file, plan.sheetName, plan.columns, plan.pages, ctx.now.getTime() + EXPORT_BUDGET_MS);
    if (!sheet.done) return fail('TOO_LARGE', TOO_LARGE_MESSAGE);
    const cloudPath = `exports/${ctx.openid}/${Date.now()}-${plan.fileName}`;
    const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: fs.createReadStream(file) });
    const entry: AuditEntry = {
      at: new Date(),
      actorOpenid: ctx.openid,
      ...plan.audit,
      requestId: ctx.requestId,
      details: { ...plan.audit.details, fileId: fileID, rows: sheet.rows, personalData: plan.clearValues() > 0 ? 'clear' : 'masked', clearValues: plan.clearValues() },
    };
    try {
      await db.collection('audit').add({ data: entry });
    } catch (e) {
      await cloud.deleteFile({ fileList: [fileID] });
      throw e;
    }
    const [url] = await tempUrls([fileID]);
    return ok({ fileId: fileID, url, fileName: plan.fileName, rows: sheet.rows });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export const create = action(input, async (ctx, req: ExportInput): Promise<Result<{ fileId: string; url: string; fileName: string; rows: number }>> => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请先登录');
  const actor = await loadActor(ctx.openid);
  if (req.kind === 'applications') {
    const plan = await applicationsPlan(actor, req.campaignId, ctx.now);
    return plan.ok ? build(ctx, plan.data) : plan;
  }
  if (req.kind === 'hardship') {
    const plan = await hardshipPlan(actor, req.orgId, ctx.now);
    return plan.ok ? build(ctx, plan.data) : plan;
  }
  const plan = await casesPlan(actor, req.orgId, req.period);
  return plan.ok ? build(ctx, plan.data) : plan;
});
