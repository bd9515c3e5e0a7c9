// 会员认证 and 入会审核 through the real functions on localcloud: the whole flow, every kind of bad input,
// and that no clear ID card number or phone leaves the member.
import fs from 'node:fs';
import path from 'node:path';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, CLEAR_ID_NUMBER, data, idCard, snapshot } from './api';

const lc = useLocalcloud({ demo: true });

const NEWCOMER = 'o-demo-newcomer';
const OFFICER = 'o-demo-org-officer'; // 城关镇总工会's subtree
const ID = idCard('42032219920815122'); // 17th digit even: a woman, born 1992-08-15
const PHONE = '13912345678';
const form = { name: '周小红', idCard: ID, phone: PHONE, workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', newEmployment: null };
const WATCHED = ['members', 'roles', 'audit', 'outbox', 'deltas'];

describe('a newcomer registers, the org officer approves, the member sees 已认证', () => {
  let memberId = '';
  let version = 0;

  test('register creates a pending member with masked identity', async () => {
    const { profile } = data(await callAs(lc, NEWCOMER, 'members', 'register', form));
    expect(profile).toMatchObject({ name: '周小红', status: 'pending', idCard: '4203**********' + ID.slice(-4), phone: '139****5678', gender: 'female', birthDate: '1992-08-15', orgName: '城关镇环卫所工会' });
    memberId = profile.memberId;
    version = profile.version;
  });

  test('a retried registration answers the same member and creates no second one', async () => {
    const before = await snapshot(lc, ['members']);
    const { profile } = data(await callAs(lc, NEWCOMER, 'members', 'register', form));
    expect(profile.memberId).toBe(memberId);
    expect(await snapshot(lc, ['members'])).toEqual(before);
  });

  test('the org officer sees the application in the queue, oldest first, paged by cursor', async () => {
    const first = data(await callAs(lc, OFFICER, 'members', 'pendingList', { limit: 1 }));
    expect(first.items).toHaveLength(1);
    expect(first.cursor).not.toBeNull();
    const second = data(await callAs(lc, OFFICER, 'members', 'pendingList', { limit: 1, cursor: first.cursor }));
    const names = [...first.items, ...second.items].map((p) => p.name);
    expect(names).toEqual(['李秀英', '周小红']);
    expect(second.items[0].idCard).not.toContain(ID.slice(4, 14));
  });

  test('rejecting needs a reason; a stale version gets CONFLICT; approval is told through the outbox', async () => {
    const noReason = await callAs(lc, OFFICER, 'members', 'review', { memberId, version, decision: 'reject' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { reason: expect.any(String) } } });
    const stale = await callAs(lc, OFFICER, 'members', 'review', { memberId, version: version + 5, decision: 'approve' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const { profile } = data(await callAs(lc, OFFICER, 'members', 'review', { memberId, version, decision: 'approve' }));
    expect(profile.status).toBe('approved');
    const again = await callAs(lc, OFFICER, 'members', 'review', { memberId, version: profile.version, decision: 'reject', reason: '资料不全' });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const { outbox, audit } = await snapshot(lc, ['outbox', 'audit']);
    expect(outbox.filter((m) => (m as { toOpenid: string }).toOpenid === NEWCOMER)).toEqual([
      expect.objectContaining({ topic: 'membershipReviewed', title: '会员认证已通过', status: 'pending', causeId: `members/${memberId}/v${profile.version}` }),
    ]);
    expect(audit.filter((a) => (a as { targetId: string }).targetId === memberId).map((a) => (a as { action: string }).action).sort()).toEqual(['member.approve', 'member.register']);
  });

  test('the member sees 已认证 on 我的', async () => {
    const me = data(await callAs(lc, NEWCOMER, 'members', 'me', {}));
    expect(me.registered).toBe(true);
    expect(me.profile?.status).toBe('approved');
  });

  test('new employment left out: not declared at registration, kept as stored by an edit', async () => {
    const { newEmployment: _n, ...without } = form;
    const me = data(await callAs(lc, NEWCOMER, 'members', 'me', {})).profile!;
    const withNew = data(await callAs(lc, NEWCOMER, 'members', 'updateProfile', { ...without, newEmployment: 'courier', version: me.version })).profile;
    const edited = data(await callAs(lc, NEWCOMER, 'members', 'updateProfile', { ...without, workUnit: '城关镇环卫所东站', version: withNew.version })).profile;
    expect(edited).toMatchObject({ workUnit: '城关镇环卫所东站', newEmployment: 'courier', status: 'approved' });
    const { profile } = data(await callAs(lc, 'o-undeclared', 'members', 'register', { ...without, idCard: idCard('42032219930101127'), phone: '13912340001' }));
    expect(profile).toMatchObject({ newEmployment: null, status: 'pending' });
  });

  test('困难职工 is no profile field: sending it is FORBIDDEN and changes nothing (officers keep hardship records)', async () => {
    const me = data(await callAs(lc, NEWCOMER, 'members', 'me', {})).profile!;
    expect(me).not.toHaveProperty('hardship');
    const before = await snapshot(lc, WATCHED);
    expect(await callAs(lc, NEWCOMER, 'members', 'updateProfile', { ...form, hardship: true, version: me.version })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('困难职工身份由工会建档认定') } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });
});

describe('a rejected member sees why and resubmits', () => {
  test('reject with reason, then updateProfile sends it back to review', async () => {
    const pending = data(await callAs(lc, OFFICER, 'members', 'pendingList', {})).items.find((p) => p.name === '李秀英')!;
    data(await callAs(lc, OFFICER, 'members', 'review', { memberId: pending.memberId, version: pending.version, decision: 'reject', reason: '工作单位填写不完整' }));
    const me = data(await callAs(lc, 'o-demo-pending', 'members', 'me', {}));
    expect(me.profile).toMatchObject({ status: 'rejected', reviewNote: '工作单位填写不完整' });
    const resubmitted = await callAs(lc, 'o-demo-pending', 'members', 'updateProfile', {
      name: '李秀英', idCard: idCard('42032219800521062'), phone: '13872000002', workUnit: '城关镇环境卫生管理所', orgId: 'org-cg-sanitation', newEmployment: null, version: me.profile!.version,
    });
    expect(data(resubmitted).profile).toMatchObject({ status: 'pending', reviewNote: null, workUnit: '城关镇环境卫生管理所' });
  });
});

describe('bad input gets its code and a Chinese message and changes nothing', () => {
  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ['wrong check digit', 'o-bad-1', { ...form, idCard: ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1') }, 'VALIDATION_FAILED', 'idCard'],
    ['impossible birth date', 'o-bad-2', { ...form, idCard: idCard('42032219920230123') }, 'VALIDATION_FAILED', 'idCard'],
    ['not a mainland mobile', 'o-bad-3', { ...form, idCard: idCard('42032219930101123'), phone: '02712345678' }, 'VALIDATION_FAILED', 'phone'],
    ['an org that does not exist', 'o-bad-4', { ...form, idCard: idCard('42032219930101124'), orgId: 'org-nowhere' }, 'VALIDATION_FAILED', 'orgId'],
    ['an org that is not a grassroots union', 'o-bad-5', { ...form, idCard: idCard('42032219930101125'), orgId: 'org-chengguan' }, 'VALIDATION_FAILED', 'orgId'],
    ['a second registration with the same ID card', 'o-bad-6', form, 'DUPLICATE', 'idCard'],
    ['a missing name', 'o-bad-7', { ...form, name: '' }, 'VALIDATION_FAILED', 'name'],
    ['a forged status in the event', 'o-bad-8', { ...form, idCard: idCard('42032219930101126'), status: 'approved' }, 'VALIDATION_FAILED', '_'],
  ];
  test.each(cases)('%s', async (_what, openid, input, code, field) => {
    const before = await snapshot(lc, WATCHED);
    const r = await callAs(lc, openid, 'members', 'register', input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    if (field) expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('an officer cannot approve a member outside their subtree', async () => {
    const outsider = data(await callAs(lc, 'o-new-shuiping', 'members', 'register', { ...form, idCard: idCard('42032219880808123'), phone: '13912340000', orgId: 'org-sp-school' })).profile;
    const before = await snapshot(lc, WATCHED);
    const r = await callAs(lc, OFFICER, 'members', 'review', { memberId: outsider.memberId, version: outsider.version, decision: 'approve' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    const list = data(await callAs(lc, OFFICER, 'members', 'pendingList', {}));
    expect(list.items.map((p) => p.memberId)).not.toContain(outsider.memberId);
  });

  test('an unknown action is refused', async () => {
    expect(await callAs(lc, NEWCOMER, 'members', 'dropAll' as 'me', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });
});

describe('personal data', () => {
  test('no clear ID card number or phone in the database files, the logs, or another member’s view', async () => {
    const files: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
    walk(path.join(lc.dataDir));
    const stored = files.map((f) => fs.readFileSync(f, 'latin1')).join('\n');
    for (const secret of [ID, PHONE, ID.slice(6, 14) + ID.slice(14)]) {
      expect(stored).not.toContain(secret);
      expect(lc.output).not.toContain(secret);
    }
    const officerView = JSON.stringify(await callAs(lc, OFFICER, 'members', 'pendingList', {}));
    expect(officerView).not.toMatch(CLEAR_ID_NUMBER);
    expect(officerView).not.toMatch(/1[3-9]\d{9}/);
  });
});

describe('concurrency', () => {
  test('ten officers deciding one application at once: exactly one decision, the rest CONFLICT', async () => {
    const applicant = data(await callAs(lc, 'o-race', 'members', 'register', { ...form, idCard: idCard('42032219700101123'), phone: '13912349999' })).profile;
    // Warm ten instances first, so the decisions below really run at the same time.
    await Promise.all(Array.from({ length: 10 }, () => callAs(lc, OFFICER, 'members', 'me', {})));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        callAs(lc, i % 2 ? OFFICER : 'o-demo-fed-officer', 'members', 'review', { memberId: applicant.memberId, version: applicant.version, decision: i % 3 ? 'approve' : 'reject', reason: '材料不全' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(9).fill('CONFLICT'));
    const { outbox, audit } = await snapshot(lc, ['outbox', 'audit']);
    expect(outbox.filter((m) => (m as { toOpenid: string }).toOpenid === 'o-race')).toHaveLength(1);
    expect(audit.filter((a) => (a as { targetId: string }).targetId === applicant.memberId)).toHaveLength(2);
  });
});

describe('cost', () => {
  test('one queue page costs a fixed number of round trips, all served by declared indexes', async () => {
    const { invocationId } = await callCounted(lc, OFFICER, 'members', 'pendingList', {});
    const stats = await lc.cost(invocationId);
    expect(stats.total).toBe(4); // actor: member + roles; the page; org names
    expect(stats.unindexedQueries).toBe(0);
  });
});
