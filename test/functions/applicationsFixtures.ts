// What the applications tests share: uploads through the mini-program's gateway, the demo campaigns' forms
// filled in, more members, and direct database access for setting a scene (a smaller budget, a closed
// window) through the real wx-server-sdk.
import { randomUUID } from 'node:crypto';
import type { HardshipDetail, HardshipGrade, ServiceKindDraft } from '../../typings/api';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import type { Localcloud } from '../harness/localcloud';
import { callAs, data, idCard, PEOPLE } from './api';

export const STUDENT_AID = 'campaign-student-aid';
export const SUMMER_RELIEF = 'campaign-summer-relief';

/** The first bytes of a real PNG, and some more. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);

/** Uploads as the mini-program does, into the member's own folder unless `cloudPath` says otherwise. */
export async function upload(lc: Localcloud, openid: string, name = `${randomUUID()}.png`, bytes = PNG, cloudPath = `uploads/${openid}/${name}`): Promise<string> {
  const form = new FormData();
  form.append('cloudPath', cloudPath);
  form.append('file', new Blob([bytes], { type: 'image/png' }), name);
  const res = await fetch(`${lc.url}/storage/upload`, { method: 'POST', body: form, headers: { 'x-wx-openid': openid } });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { fileID: string }).fileID;
}

/** A 金秋助学 form for the child with ID `childId17` + check digit (born 2007: 18 years old in 2025/26); the
 *  card held by the child unless `more` names its holder. */
export function studentAidAnswers(childId17: string, notice: string[], more: Record<string, unknown> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    childName: '王小明',
    childIdCard: idCard(childId17),
    relationship: 'child',
    school: '武汉大学',
    major: '计算机科学与技术',
    level: 'undergraduate',
    admissionYear: 2026,
    admissionNotice: notice,
    householdSize: 4,
    incomePerCapita: 85_000,
    hardship: '父亲因病致贫，母亲无固定收入。',
    bankCard: '6222021234567890128',
    ...more,
  };
  return 'cardHolder' in answers ? answers : { ...answers, cardHolder: answers.childName };
}

export function summerReliefAnswers(unit: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { unit, jobType: 'sanitation', workers: 32, address: '城关镇解放路1号', goods: '绿豆汤、藿香正气水、毛巾', proposedDate: '2026-12-01', ...more };
}

/** A child ID's first 17 digits, different for each n < 1000 (born 2007-09-01). */
export const childId = (n: number) => `42032220070901${String(n).padStart(3, '0')}`;

/** A member registered and approved through the members function, and with `hardship` a 建档困难职工 (a
 *  confirmed hardship record, confirmedHardship); their memberId. */
export async function approvedMember(lc: Localcloud, openid: string, n: number, hardship = true, orgId = 'org-cg-sanitation'): Promise<string> {
  const { profile } = data(
    await callAs(lc, openid, 'members', 'register', {
      name: `测试会员${String.fromCharCode(0x4e00 + n)}`,
      idCard: idCard(`4203221980010${String(1000 + n).slice(-4)}`),
      phone: `1390000${String(1000 + n).slice(-4)}`,
      workUnit: '城关镇环卫所',
      orgId,
      newEmployment: null,
    }),
  );
  data(await callAs(lc, PEOPLE.fedOfficer, 'members', 'review', { memberId: profile.memberId, version: profile.version, decision: 'approve' }));
  if (hardship) await confirmedHardship(lc, profile.memberId, n);
  return profile.memberId;
}

/** A spouse's ID card for member `n` < 1000 (born 1982-03-01), a household member of their record. */
export const spouseId = (n: number) => idCard(`42032219820301${String(n).padStart(3, '0')}`);

/** The household of a filing (hardshipFiling): a spouse and a child. */
export const HOUSEHOLD_IDS = { spouse: idCard('42032219800202044'), child: idCard('42032220080303055') };

/** What an officer's filing of a hardship record (困难职工档案) holds, with what a test changes given. */
export const hardshipFiling = (more: Record<string, unknown> = {}) => ({
  grade: 'severe',
  causes: ['illness', 'schooling'],
  household: [
    { name: '周桂英', relation: '配偶', idCard: HOUSEHOLD_IDS.spouse },
    { name: '周小军', relation: '子女', idCard: HOUSEHOLD_IDS.child },
  ],
  monthlyIncomePerHeadFen: 72_000,
  note: '已入户核实，爱人长期患病。',
  ...more,
});

/** Makes member `memberId` a 建档困难职工 through the hardship function: the county federation officer files
 *  the record (a grassroots officer may, too) and confirms it. The record. */
export async function confirmedHardship(lc: Localcloud, memberId: string, n: number, grade: HardshipGrade = 'severe'): Promise<HardshipDetail> {
  const filed = data(
    await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'file', {
      memberId,
      grade,
      causes: ['illness'],
      household: [{ name: '李桂芳', relation: '配偶', idCard: spouseId(n) }],
      monthlyIncomePerHeadFen: 65_000,
    }),
  );
  return data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'confirm', { recordId: filed.record.recordId, version: filed.record.version })).record;
}

/** This process's wx-server-sdk database, pointed at `lc`. */
export function sdkDb(lc: Localcloud) {
  lc.useSdk();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local-env' });
  return cloud.database();
}

export const requestKey = () => randomUUID();

/** The Shanghai calendar day `n` days from today. */
const shanghaiDay = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** The draft of a campaign of a built-in kind (or of `kind`, a kind's view) run by `orgId`, from its template. */
export function draftOfKind(kind: { kindId: string; label: string; eligibility: { hardshipOnly: boolean; newEmploymentOnly: boolean }; template: { fields: unknown[]; tiers: unknown[]; budgetFen: number; quota?: number; placeFen?: number } }, orgId: string, over: Record<string, unknown> = {}) {
  const { fields, tiers, budgetFen, quota, placeFen } = kind.template;
  return {
    kindId: kind.kindId, year: Number(shanghaiDay(0).slice(0, 4)), title: `${shanghaiDay(0).slice(0, 4)}年${kind.label}`, orgId,
    openDay: shanghaiDay(-1), closeDay: shanghaiDay(30), budgetFen, tiers, fields, eligibility: kind.eligibility,
    ...(quota !== undefined && { quota, placeFen: placeFen ?? 0 }),
    ...over,
  };
}

/** A built-in as an officer would submit it for `orgId`, changed by `over`. */
export function kindDraft(kindId: string, orgId: string, over: Partial<ServiceKindDraft> = {}): ServiceKindDraft {
  const { label, description, icon, subject, settle, counting, duplicate, sentence, headline, eligibility, template } = builtinKind(kindId);
  return { label, description, icon, orgId, subject, settle, counting, duplicate, sentence, headline, eligibility, template, ...over };
}

/** A campaign saved and opened by `officer` (a federation officer over its org). */
export async function openCampaign(lc: Localcloud, officer: string, draft: Record<string, unknown>): Promise<string> {
  const { campaign } = data(await callAs(lc, officer, 'campaigns', 'save', { draft }));
  data(await callAs(lc, officer, 'campaigns', 'setStatus', { campaignId: campaign.campaignId, version: campaign.version, status: 'open' }));
  return campaign.campaignId;
}

/** A 职工疗休养 form (the built-in template). */
export function sanatoriumAnswers(more: Record<string, unknown> = {}): Record<string, unknown> {
  return { unit: '城关镇环卫所', yearsWorked: 18, category: 'frontline', batch: 'autumn', ...more };
}

/** A 冬送温暖 form (the built-in template) for a household of `size`. */
export function winterAnswers(size: number, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { householdSize: size, hardshipLevel: 'severe', hardship: '爱人长期患病，孩子上学。', address: '城关镇解放路3号', preference: 'goods', ...more };
}
