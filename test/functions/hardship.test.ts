// 困难职工档案 through the real functions: a member asks for a record with materials; the grassroots officer
// files it, the federation returns and then confirms it; only then does the member qualify for a hardship-
// only campaign (金秋助学). A record past its review day lapses and stops qualifying until it is reviewed;
// the review timer tells the officers. A member cannot set their own hardship, an officer outside the
// member's scope cannot keep their record, and no household member's ID number is ever in clear in the
// data dir, the logs or a response.
import fs from 'node:fs';
import path from 'node:path';
import type { HardshipDetail, Result } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, CLEAR_ID_NUMBER, data, idCard, PEOPLE, snapshot } from './api';
import { byHeader, download } from './exportsFixtures';
import { approvedMember, childId, confirmedHardship, hardshipFiling, HOUSEHOLD_IDS, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, upload } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const ASKER = 'o-hr-asker'; // 城关镇环卫所工会, no record yet
const LAPSING = 'o-hr-lapsing'; // 城关镇环卫所工会, a confirmed record that will lapse
const { spouse: SPOUSE, child: CHILD } = HOUSEHOLD_IDS;
const WATCHED = ['members', 'hardshipRecords', 'applications', 'audit', 'outbox'];
let askerId = '';
/** the asker's 金秋助学 application, made while 建档困难职工 */
let askerApp = { applicationId: '', version: 0 };
let lapsingId = '';
const notices = new Map<string, string>();
let nextChild = 600;

async function submit(openid: string): Promise<Result<unknown>> {
  if (!notices.has(openid)) notices.set(openid, await upload(lc, openid));
  return callAs(lc, openid, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(nextChild++), [notices.get(openid)!]) });
}

async function outboxTo(openid: string, topic: string) {
  const { outbox } = await snapshot(lc, ['outbox']);
  return (outbox as { toOpenid: string; topic: string; subject?: string; body: string }[]).filter((m) => m.toOpenid === openid && m.topic === topic);
}

beforeAll(async () => {
  askerId = await approvedMember(lc, ASKER, 801, false);
  lapsingId = await approvedMember(lc, LAPSING, 802, false);
});

describe('the member cannot set their own hardship', () => {
  test('an edit or a registration with hardship is FORBIDDEN with its message, and nothing changes', async () => {
    const me = data(await callAs(lc, ASKER, 'members', 'me', {}));
    const p = me.profile!;
    const before = await snapshot(lc, WATCHED);
    const edit = { name: p.name, idCard: idCard('42032219800101801'), phone: '13900001801', workUnit: p.workUnit, orgId: p.orgId, newEmployment: null, version: p.version };
    for (const hardship of [true, false]) {
      expect(await callAs(lc, ASKER, 'members', 'updateProfile', { ...edit, hardship })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringContaining('困难职工身份由工会建档认定，不能自己设置'), fields: { hardship: expect.any(String) } },
      });
    }
    const register = await callAs(lc, 'o-hr-newcomer', 'members', 'register', { name: '钱多多', idCard: idCard('42032219850505066'), phone: '13900001899', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', hardship: true });
    expect(register).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    // without the flag, the edit goes through and keeps the member approved
    expect(data(await callAs(lc, ASKER, 'members', 'updateProfile', edit)).profile).toMatchObject({ status: 'approved' });
  });
});

describe('asked, filed, returned, confirmed: then the member qualifies', () => {
  let record: HardshipDetail;

  test('without a record the member is not eligible for a hardship-only campaign', async () => {
    expect(await submit(ASKER)).toMatchObject({ ok: false, error: { code: 'INELIGIBLE', message: '该活动仅面向建档困难职工' } });
    expect(data(await callAs(lc, ASKER, 'hardship', 'mine', {})).record).toBeNull();
  });

  test('the member asks with materials; the grassroots officer is told', async () => {
    const photo = await upload(lc, ASKER);
    const asked = data(await callAs(lc, ASKER, 'hardship', 'request', { note: '爱人长期患病，孩子上学，家里入不敷出。', materials: [photo] })).record;
    expect(asked).toMatchObject({ status: 'requested', statusLabel: '待建档', grade: null, lapsed: false });
    // a retried request answers the record it made
    expect(data(await callAs(lc, ASKER, 'hardship', 'request', { note: '爱人长期患病，孩子上学，家里入不敷出。', materials: [photo] })).record.version).toBe(asked.version);
    // somebody else's file is not their material
    const foreign = await upload(lc, LAPSING);
    expect(await callAs(lc, LAPSING, 'hardship', 'request', { note: '家里困难，申请建档。', materials: [foreign.replace(LAPSING, ASKER)] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const told = await outboxTo(PEOPLE.cgOfficer, 'reviewTask');
    expect(told.map((m) => m.subject)).toContain('困难职工建档申请待办理');
    const waiting = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'list', { filter: 'waiting' }));
    expect(waiting.items.map((r) => r.memberId)).toContain(askerId);
    record = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'detail', { recordId: asked.recordId })).record;
    expect(record).toMatchObject({ status: 'requested', actions: ['file'], requestNote: '爱人长期患病，孩子上学，家里入不敷出。' });
    expect(record.materials).toHaveLength(1);
    expect(record.materials[0].url).not.toBe('');
  });

  test('an officer outside the member’s scope can neither see nor keep the record, and nothing changes', async () => {
    const before = await snapshot(lc, WATCHED);
    expect(await callAs(lc, PEOPLE.spOfficer, 'hardship', 'detail', { recordId: record.recordId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const refused = await callAs(lc, PEOPLE.spOfficer, 'hardship', 'file', { memberId: askerId, version: record.version, ...hardshipFiling() });
    expect(refused).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有办理该会员困难职工档案的权限' } });
    expect(await callAs(lc, PEOPLE.spOfficer, 'hardship', 'file', { idCard: idCard('42032219800101801'), ...hardshipFiling() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // nor the member themselves
    expect(await callAs(lc, ASKER, 'hardship', 'file', { memberId: askerId, version: record.version, ...hardshipFiling() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('the grassroots officer files it: the household is stored sealed and shown masked; the federation is told', async () => {
    const bad = await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'file', { memberId: askerId, version: record.version, ...hardshipFiling({ household: [{ name: '周桂英', relation: '配偶', idCard: '420322198002020440' }] }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { 'household.0.idCard': '校验位不对，请核对身份证号' } } });
    record = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'file', { memberId: askerId, version: record.version, ...hardshipFiling() })).record;
    expect(record).toMatchObject({ status: 'filed', grade: 'severe', gradeLabel: '重困', causes: ['illness', 'schooling'], monthlyIncomePerHeadFen: 72_000, verifiedByName: '张伟', actions: [] });
    expect(record.household).toEqual([
      { name: '周桂英', relation: '配偶', idCard: `${SPOUSE.slice(0, 4)}**********${SPOUSE.slice(-4)}` },
      { name: '周小军', relation: '子女', idCard: `${CHILD.slice(0, 4)}**********${CHILD.slice(-4)}` },
    ]);
    expect((await outboxTo(PEOPLE.fedOfficer, 'reviewTask')).map((m) => m.subject)).toContain('困难职工档案待确认');
    // filed is not confirmed: still not eligible
    expect(await submit(ASKER)).toMatchObject({ ok: false, error: { code: 'INELIGIBLE' } });
  });

  test('the federation returns it with a reason; the grassroots officer files it again, the household kept', async () => {
    const fed = data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'detail', { recordId: record.recordId })).record;
    expect(fed.actions.sort()).toEqual(['confirm', 'return']);
    expect(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'return', { recordId: record.recordId, version: record.version, comment: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    record = data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'return', { recordId: record.recordId, version: record.version, comment: '请补充收入证明' })).record;
    expect(record).toMatchObject({ status: 'returned' });
    const { household: _kept, ...again } = hardshipFiling({ monthlyIncomePerHeadFen: 70_000 });
    record = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'file', { memberId: askerId, version: record.version, ...again })).record;
    expect(record).toMatchObject({ status: 'filed', monthlyIncomePerHeadFen: 70_000 });
    expect(record.household).toHaveLength(2);
  });

  test('a stale decision is a CONFLICT; the federation confirms: the member is told, qualifies, and the queue shows the grade', async () => {
    expect(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'confirm', { recordId: record.recordId, version: record.version - 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    record = data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'confirm', { recordId: record.recordId, version: record.version })).record;
    const nextYear = String(Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) + 1);
    expect(record).toMatchObject({ status: 'confirmed', statusLabel: '在档', lapsed: false });
    expect(record.reviewDueOn!.startsWith(nextYear)).toBe(true);
    expect(record.timeline.map((e) => e.action)).toEqual(['request', 'file', 'return', 'file', 'confirm']);
    expect((await outboxTo(ASKER, 'hardshipStatus')).map((m) => m.body)).toEqual([expect.stringContaining('已确认为重困')]);
    const mine = data(await callAs(lc, ASKER, 'hardship', 'mine', {})).record!;
    expect(mine).toMatchObject({ status: 'confirmed', gradeLabel: '重困', reviewDueOn: record.reviewDueOn });
    // the member sees the status, never the household
    expect(mine).not.toHaveProperty('household');
    expect(JSON.stringify(mine)).not.toMatch(CLEAR_ID_NUMBER);
    expect(JSON.stringify(mine)).not.toMatch(/\*{10}/);

    const app = data(await submit(ASKER)) as { application: { applicationId: string; version: number } };
    askerApp = app.application;
    const queue = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted', limit: 50 }));
    expect(queue.items.find((i) => i.applicationId === app.application.applicationId)?.hardship).toEqual({ label: '困难职工', grade: '重困' });
  });

  test('脱困 ends it with a reason; the member then no longer qualifies and may ask again', async () => {
    expect(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'exit', { recordId: record.recordId, version: record.version, comment: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    record = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'exit', { recordId: record.recordId, version: record.version, comment: '爱人康复，收入已高于当地标准' })).record;
    expect(record).toMatchObject({ status: 'exited', statusLabel: '已脱困', exitReason: '爱人康复，收入已高于当地标准', reviewDueOn: null });
    expect(await submit(ASKER)).toMatchObject({ ok: false, error: { code: 'INELIGIBLE' } });
    expect(data(await callAs(lc, ASKER, 'hardship', 'request', { note: '爱人病情反复，再次申请。' })).record).toMatchObject({ status: 'requested' });
  });
});

describe('review and lapse', () => {
  test('a record past its review day lapses: it stops qualifying, the timer tells the officers, a review renews it', async () => {
    const confirmed = await confirmedHardship(lc, lapsingId, 802);
    expect(data(await submit(LAPSING))).toBeTruthy();
    // a year has passed: the review day was yesterday (as the stored record says; nothing else is changed)
    const db = sdkDb(lc);
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await db.collection('hardshipRecords').doc(confirmed.recordId).update({ data: { reviewDueOn: yesterday, lapsesAt: new Date(`${yesterday}T16:00:00Z`) } });
    expect(await submit(LAPSING)).toMatchObject({ ok: false, error: { code: 'INELIGIBLE' } });
    expect(data(await callAs(lc, LAPSING, 'hardship', 'mine', {})).record).toMatchObject({ status: 'confirmed', lapsed: true, statusLabel: '已过复核期' });
    const lapsed = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'list', { filter: 'lapsed' }));
    expect(lapsed.items.map((r) => r.recordId)).toEqual([confirmed.recordId]);
    expect(data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'list', { filter: 'due' })).items.map((r) => r.recordId)).toContain(confirmed.recordId);
    expect(data(await callAs(lc, PEOPLE.spOfficer, 'hardship', 'list', { filter: 'lapsed' })).items).toEqual([]);

    const fire = async () => ((await (await fetch(`${lc.url}/__localcloud/timers/hardship/dueReminder/fire`, { method: 'POST' })).json()) as { result: Result<{ told: number; due: number }> }).result;
    // the demo's own record is not due; this one is, once
    expect(data(await fire())).toEqual({ told: 1, due: 1 });
    expect(data(await fire())).toEqual({ told: 0, due: 0 });
    expect((await outboxTo(PEOPLE.cgOfficer, 'reviewTask')).map((m) => m.subject)).toContain('困难职工档案待复核');
    expect(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'dueReminder', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { household: _kept, ...renewed } = hardshipFiling({ grade: 'extreme' });
    const reviewed = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'review', { recordId: confirmed.recordId, version: confirmed.version, ...renewed })).record;
    expect(reviewed).toMatchObject({ status: 'confirmed', lapsed: false, grade: 'extreme' });
    expect(reviewed.reviewDueOn! > yesterday).toBe(true);
    expect(data(await submit(LAPSING))).toBeTruthy();
  });
});

describe('figures', () => {
  test('在档户数, 新建档 and 脱困 of an org and each child for a period, to officers over it', async () => {
    // 王建国 (the demo's), the lapsing member's (reviewed) and the asker's (confirmed, then 脱困, asked again)
    // the asker's 金秋助学 grant, applied for while 建档困难职工, is paid: assistance of 1 人次, 3000元
    const step = async (openid: string, transition: string, more: Record<string, unknown> = {}) => {
      const { application } = data(await callAs(lc, openid, 'applications', 'act', { applicationId: askerApp.applicationId, version: askerApp.version, transition, ...more }));
      askerApp = application;
    };
    await step(PEOPLE.cgOfficer, 'recommend');
    await step(PEOPLE.fedOfficer, 'approve', { amountFen: 300_000 });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await step(PEOPLE.fedOfficer, 'pay', { paymentReference: 'JQZX-HR-01', paidOn: today });
    const year = Number(today.slice(0, 4));
    const town = data(await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'figures', { orgId: 'org-chengguan', period: { year } }));
    expect(town.org).toEqual({ orgId: 'org-chengguan', orgName: '城关镇总工会', onFile: 2, added: 3, exited: 1, people: 1, paidFen: 300_000 });
    expect(town.children.find((c) => c.orgId === 'org-cg-sanitation')).toMatchObject({ onFile: 2, added: 3, exited: 1, people: 1, paidFen: 300_000 });
    expect(town.children.filter((c) => c.orgId !== 'org-cg-sanitation').every((c) => c.onFile + c.added + c.exited + c.people + c.paidFen === 0)).toBe(true);
    const county = data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'figures', { orgId: 'org-county', period: { year } }));
    expect(county.org).toMatchObject({ onFile: 2, added: 3, exited: 1, people: 1, paidFen: 300_000 });
    expect(county.children.find((c) => c.orgId === 'org-chengguan')).toMatchObject({ onFile: 2, added: 3, exited: 1 });
    expect(data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'figures', { orgId: 'org-county', period: { year: year - 1 } })).org).toMatchObject({ onFile: 2, added: 0, exited: 0, people: 0, paidFen: 0 });
    expect(await callAs(lc, PEOPLE.spOfficer, 'hardship', 'figures', { orgId: 'org-chengguan', period: { year } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // refunds count net: part of it leaves 万元, the whole of it leaves the 人次 too
    const refund = (refundFen: number, refundReference: string) => step(PEOPLE.fedOfficer, 'refund', { refundFen, refundedOn: today, refundReference, refundReason: '多发' });
    await refund(100_000, 'TK-HR-1');
    expect(data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'figures', { orgId: 'org-county', period: { year } })).org).toMatchObject({ people: 1, paidFen: 200_000 });
    await refund(200_000, 'TK-HR-2');
    expect(data(await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'figures', { orgId: 'org-county', period: { year } })).org).toMatchObject({ people: 0, paidFen: 0 });
  });
});

describe('export', () => {
  test('an officer exports the records of their subtree: labels, 元, the household masked; audited; others refused', async () => {
    const r = data(await callAs(lc, PEOPLE.cgOfficer, 'exports', 'create', { kind: 'hardship', orgId: 'org-chengguan' }));
    expect(r).toMatchObject({ rows: 3, fileName: expect.stringMatching(/^城关镇总工会-困难职工档案-\d{4}-\d{2}-\d{2}\.xlsx$/) });
    const sheet = await download(r.url);
    const rows = sheet.rows.map((row) => byHeader(sheet, row));
    const asker = rows.find((row) => row['状态'] === '待建档')!;
    expect(asker).toMatchObject({ 困难类别: '重困', 家庭人口: 3, '月人均收入（元）': 700, 核实人: '张伟', 脱困原因: null });
    expect(String(asker['家庭成员'])).toBe(`周桂英（配偶）${SPOUSE.slice(0, 4)}**********${SPOUSE.slice(-4)}；周小军（子女）${CHILD.slice(0, 4)}**********${CHILD.slice(-4)}`);
    expect(JSON.stringify(sheet)).not.toMatch(CLEAR_ID_NUMBER);
    const { audit } = await snapshot(lc, ['audit']);
    expect(audit.filter((a) => (a as { action: string }).action === 'export.hardship')).toHaveLength(1);
    expect(await callAs(lc, PEOPLE.spOfficer, 'exports', 'create', { kind: 'hardship', orgId: 'org-chengguan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await callAs(lc, PEOPLE.member, 'exports', 'create', { kind: 'hardship', orgId: 'org-cg-sanitation' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('超时未办', () => {
  test('a request waiting 20 days is listed with the grassroots officer it waits for, in their subtrees only', async () => {
    // the asker asked again after 脱困: that request has waited (as the stored record says) 20 days
    await sdkDb(lc).collection('hardshipRecords').doc(`hardship-${askerId}`).update({ data: { updatedAt: new Date(Date.now() - 20 * 86_400_000) } });
    const fed = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'hardship', workingDays: 5 }));
    expect(fed.items).toEqual([
      expect.objectContaining({ id: `hardship-${askerId}`, stage: '待基层工会建档', orgName: '城关镇环卫所工会', waitingFor: { orgName: '城关镇总工会', names: ['张伟'] }, page: `admin/hardship-record/index?recordId=hardship-${askerId}` }),
    ]);
    expect(data(await callAs(lc, PEOPLE.spOfficer, 'reviews', 'waiting', { kind: 'hardship', workingDays: 5 })).items).toEqual([]);
  });
});

describe('personal data', () => {
  test('no clear household ID number in the data dir, the logs or any response', async () => {
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
    walk(lc.dataDir);
    const stored = files.map((f) => fs.readFileSync(f, 'latin1')).join('\n');
    for (const secret of [SPOUSE, CHILD, SPOUSE.slice(6, 14) + SPOUSE.slice(14)]) {
      expect(stored).not.toContain(secret);
      expect(lc.output).not.toContain(secret);
    }
    const views = JSON.stringify([
      await callAs(lc, PEOPLE.cgOfficer, 'hardship', 'list', {}),
      await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'detail', { recordId: `hardship-${askerId}` }),
      await callAs(lc, PEOPLE.fedOfficer, 'hardship', 'detail', { recordId: 'hardship-member-o-demo-member' }),
      await callAs(lc, ASKER, 'hardship', 'mine', {}),
    ]);
    expect(views).not.toMatch(CLEAR_ID_NUMBER);
  });
});
