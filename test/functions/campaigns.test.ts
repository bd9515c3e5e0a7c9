// Campaigns through the real function on localcloud: what members see on 首页 and the application page,
// the federation officer's editor (create → edit → open → close) with versions, budget and audit, every
// kind of bad input, who may manage what, and what each read costs.
import type { CampaignDraft, ManagedCampaign } from '../../typings/api';
import { shanghaiDate, shanghaiDayStart } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, snapshot } from './api';

const lc = useLocalcloud({ demo: true });

const MEMBER = 'o-demo-member'; // approved, 城关镇环卫所工会
const PENDING = 'o-demo-pending'; // pending, 城关镇环卫所工会
const NEWCOMER = 'o-demo-newcomer'; // not registered
const CG_OFFICER = 'o-demo-org-officer'; // orgOfficer over 城关镇总工会, member of 示范县第一建筑公司工会
const SP_OFFICER = 'o-demo-sp-officer'; // orgOfficer over 水坪镇总工会, member of 水坪镇卫生院工会
const FED = 'o-demo-fed-officer'; // federationOfficer over the county
const ADMIN = 'o-demo-admin';
const DEMO_CAMPAIGNS = ['campaign-student-aid', 'campaign-summer-relief'];
const WATCHED = ['campaigns', 'audit'];
const NOT_MANAGER = '只有总工会干部可以管理活动';
const STALE = '活动已被他人修改，请刷新后再改';

/** The Shanghai calendar day `n` days from today. */
const day = (n: number) => shanghaiDate(shanghaiDayStart(new Date(), n));

const FIELDS: CampaignDraft['fields'] = [
  { key: 'unit', label: '单位名称', type: 'text', required: true, max: 40 },
  { key: 'address', label: '送达地址', type: 'text', required: true, max: 60 },
  { key: 'workers', label: '高温岗位职工人数', type: 'number', required: true, max: 10_000 },
];

function relief(over: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    kindId: 'summerRelief',
    year: 2027,
    title: '城关镇夏送清凉',
    orgId: 'org-chengguan',
    openDay: day(0),
    closeDay: day(30),
    budgetFen: 5_000_000,
    tiers: [],
    maxAmountFen: 200_000,
    eligibility: { hardshipOnly: false, newEmploymentOnly: false },
    fields: FIELDS,
    ...over,
  };
}

type Doc = Record<string, unknown>;

/** The test process's own SDK handle, for setup data (the ledger an approval would have written). */
function sdkDb() {
  lc.useSdk();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local-env' });
  return cloud.database();
}

/** The audit actions on one document, in alphabetical order (the snapshot is ordered by _id, not time). */
async function auditOf(targetId: string): Promise<string[]> {
  const { audit } = await snapshot(lc, ['audit']);
  return (audit as Doc[]).filter((a) => a.targetId === targetId).map((a) => String(a.action)).sort();
}

async function openIds(openid: string): Promise<string[]> {
  return data(await callAs(lc, openid, 'campaigns', 'listOpen', {})).items.map((c) => c.campaignId);
}

async function create(openid: string, draft: CampaignDraft): Promise<ManagedCampaign> {
  return data(await callAs(lc, openid, 'campaigns', 'save', { draft })).campaign;
}

describe('what members see on 首页', () => {
  test('an approved member sees the open campaigns of their org path and may apply', async () => {
    const r = data(await callAs(lc, MEMBER, 'campaigns', 'listOpen', {}));
    expect(r.items.map((c) => c.campaignId).sort()).toEqual(DEMO_CAMPAIGNS);
    expect(r).toMatchObject({ canApply: true, notice: null });
    const aid = r.items.find((c) => c.campaignId === 'campaign-student-aid')!;
    expect(aid).toMatchObject({ kind: { kindId: 'studentAid', label: '金秋助学', settle: { mode: 'cash' } }, status: 'open', orgId: 'org-county', eligibility: { hardshipOnly: true }, budgetFen: 50_000_000 });
    expect(aid.tiers.map((t) => t.amountFen)).toEqual([200_000, 300_000, 500_000]);
    expect(aid).not.toHaveProperty('ledger');
    expect(aid).not.toHaveProperty('reservedFen');
  });

  test('a pending member sees them too, with why they cannot apply yet', async () => {
    const r = data(await callAs(lc, PENDING, 'campaigns', 'listOpen', {}));
    expect(r.items.map((c) => c.campaignId).sort()).toEqual(DEMO_CAMPAIGNS);
    expect(r).toMatchObject({ canApply: false, notice: '会员认证审核中，通过后才能申请' });
  });

  test('an unregistered caller sees none and is told to register', async () => {
    expect(data(await callAs(lc, NEWCOMER, 'campaigns', 'listOpen', {}))).toEqual({ items: [], canApply: false, notice: '请先注册会员' });
  });

  test('a campaign not yet open, or whose last day has passed, is not listed', async () => {
    const later = await create(FED, relief({ title: '明天开始', openDay: day(1), closeDay: day(10) }));
    const ended = await create(FED, relief({ title: '昨天截止', openDay: day(-10), closeDay: day(-1) }));
    for (const c of [later, ended]) data(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'open' }));
    expect((await openIds(MEMBER)).sort()).toEqual(DEMO_CAMPAIGNS);
    // the application page still shows them (the window is checked when applying)
    expect(data(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: later.campaignId })).campaign.status).toBe('open');
  });

  test('get: a member reads a campaign of their org path; a missing one is NOT_FOUND; a newcomer must register', async () => {
    const { campaign } = data(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: 'campaign-summer-relief' }));
    expect(campaign).toMatchObject({ campaignId: 'campaign-summer-relief', kind: { kindId: 'summerRelief', label: '夏送清凉' }, tiers: [], status: 'open' });
    expect(campaign.fields.map((f) => f.key)).toEqual(['unit', 'jobType', 'workers', 'address', 'goods', 'proposedDate']);
    expect(campaign).not.toHaveProperty('version');
    expect(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: 'campaign-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callAs(lc, NEWCOMER, 'campaigns', 'get', { campaignId: 'campaign-summer-relief' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: 'campaign-summer-relief', extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('the editor: a federation officer creates, edits, opens and closes a campaign', () => {
  let c: ManagedCampaign;

  test('create makes a draft with its window as Shanghai days, an empty ledger, version 1, audited', async () => {
    c = await create(FED, relief());
    expect(c).toMatchObject({
      kind: { kindId: 'summerRelief', label: '夏送清凉', settle: { mode: 'goods' }, counting: { people: { by: 'delivered' } } },
      title: '城关镇夏送清凉',
      orgId: 'org-chengguan',
      status: 'draft',
      openDay: day(0),
      closeDay: day(30),
      opensAt: shanghaiDayStart(new Date(), 0).toISOString(),
      closesAt: shanghaiDayStart(new Date(), 31).toISOString(),
      maxAmountFen: 200_000,
      ledger: { budgetFen: 5_000_000, reservedFen: 0, paidFen: 0 },
      version: 1,
    });
    expect(await auditOf(c.campaignId)).toEqual(['campaign.create']);
    const { campaigns } = await snapshot(lc, ['campaigns']);
    expect(campaigns.find((d) => (d as Doc)._id === c.campaignId)).toMatchObject({ orgPath: ['org-county', 'org-chengguan'], reservedFen: 0, paidFen: 0 });
  });

  test('a draft is hidden from members and shown to its managers, newest first', async () => {
    expect(await openIds(MEMBER)).not.toContain(c.campaignId);
    expect(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: c.campaignId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callAs(lc, CG_OFFICER, 'campaigns', 'get', { campaignId: c.campaignId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(data(await callAs(lc, FED, 'campaigns', 'get', { campaignId: c.campaignId })).campaign.status).toBe('draft');
    const managed = data(await callAs(lc, FED, 'campaigns', 'manageList', {})).items;
    expect(managed[0]).toEqual(c);
    expect(managed.map((m) => m.campaignId)).toEqual(expect.arrayContaining(DEMO_CAMPAIGNS));
  });

  test('edit replaces what the editor owns (a cleared cap is gone) and bumps the version', async () => {
    const { maxAmountFen: _cap, ...noCap } = relief({ title: '  城关镇夏送清凉（第二批）', closeDay: day(40), budgetFen: 6_000_000 });
    const edited = data(await callAs(lc, FED, 'campaigns', 'save', { campaignId: c.campaignId, version: 1, draft: noCap })).campaign;
    expect(edited).toMatchObject({ title: '城关镇夏送清凉（第二批）', closeDay: day(40), budgetFen: 6_000_000, ledger: { budgetFen: 6_000_000 }, status: 'draft', version: 2 });
    expect(edited).not.toHaveProperty('maxAmountFen');
    expect(await auditOf(c.campaignId)).toEqual(['campaign.create', 'campaign.update']);
    c = edited;
  });

  test('a stale version is CONFLICT and changes nothing; so is a change of kind refused', async () => {
    const before = await snapshot(lc, WATCHED);
    expect(await callAs(lc, FED, 'campaigns', 'save', { campaignId: c.campaignId, version: 1, draft: relief({ title: '旧版本' }) })).toEqual({ ok: false, error: { code: 'CONFLICT', message: STALE } });
    expect(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: 1, status: 'open' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const asAid = relief({ kindId: 'studentAid', fields: [{ key: 'childIdCard', label: '子女身份证号', type: 'idCard', required: true }] });
    expect(await callAs(lc, FED, 'campaigns', 'save', { campaignId: c.campaignId, version: c.version, draft: asAid })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { kindId: '服务类型不能修改' } } });
    expect(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: 'campaign-nowhere', version: 1, status: 'open' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('open: members under the org see it, members of another branch do not', async () => {
    c = data(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'open' })).campaign;
    expect(c).toMatchObject({ status: 'open', version: 3 });
    expect(await openIds(MEMBER)).toContain(c.campaignId);
    expect(await openIds(CG_OFFICER)).toContain(c.campaignId); // 示范县第一建筑公司工会, also under 城关镇
    expect(await openIds(SP_OFFICER)).not.toContain(c.campaignId); // 水坪镇
    expect((await openIds(SP_OFFICER)).sort()).toEqual(DEMO_CAMPAIGNS);
    expect(data(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: c.campaignId })).campaign.title).toBe('城关镇夏送清凉（第二批）');
    expect(await callAs(lc, SP_OFFICER, 'campaigns', 'get', { campaignId: c.campaignId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('opening an open campaign is INVALID_STATE; close, then reopen; every step audited', async () => {
    const before = await snapshot(lc, WATCHED);
    expect(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'open' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    c = data(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'closed' })).campaign;
    expect(c).toMatchObject({ status: 'closed', version: 4 });
    expect(await openIds(MEMBER)).not.toContain(c.campaignId);
    expect(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'closed' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    c = data(await callAs(lc, FED, 'campaigns', 'setStatus', { campaignId: c.campaignId, version: c.version, status: 'open' })).campaign;
    expect(c).toMatchObject({ status: 'open', version: 5 });
    expect(await auditOf(c.campaignId)).toEqual(['campaign.close', 'campaign.create', 'campaign.open', 'campaign.open', 'campaign.update']);
  });
});

describe('the budget', () => {
  test('cannot go below what is approved and paid', async () => {
    const c = await create(FED, relief({ title: '预算测试' }));
    // what approvals and payments would have written to the ledger
    await sdkDb().collection('campaigns').doc(c.campaignId).update({ data: { reservedFen: 300_000, paidFen: 100_000 } });
    const before = await snapshot(lc, WATCHED);
    const cut = await callAs(lc, FED, 'campaigns', 'save', { campaignId: c.campaignId, version: c.version, draft: relief({ budgetFen: 399_999, maxAmountFen: 200_000 }) });
    expect(cut).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '预算不能少于已批准和已发放的金额（4000元）', fields: { budgetFen: '预算不能少于已批准和已发放的金额（4000元）' } },
    });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    const exact = data(await callAs(lc, FED, 'campaigns', 'save', { campaignId: c.campaignId, version: c.version, draft: relief({ budgetFen: 400_000, maxAmountFen: 200_000 }) })).campaign;
    expect(exact.ledger).toEqual({ budgetFen: 400_000, reservedFen: 300_000, paidFen: 100_000, places: null });
  });
});

describe('bad drafts get VALIDATION_FAILED against their fields and change nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a close day before the open day', { draft: relief({ openDay: day(5), closeDay: day(4) }) }, 'closeDay'],
    ['a day that does not exist', { draft: relief({ openDay: '2027-02-30' }) }, 'openDay'],
    ['a budget of nothing', { draft: relief({ budgetFen: 0 }) }, 'budgetFen'],
    ['a cap above the budget', { draft: relief({ maxAmountFen: 5_000_001 }) }, 'maxAmountFen'],
    ['a 夏送清凉 form without the address its duplicate rule reads', { draft: relief({ fields: FIELDS.filter((f) => f.key !== 'address') }) }, 'fields'],
    ['a 夏送清凉 form without the headcount a delivery is checked against', { draft: relief({ fields: FIELDS.filter((f) => f.key !== 'workers') }) }, 'fields'],
    ['a kind that does not exist', { draft: relief({ kindId: 'winterSwim' }) }, 'kindId'],
    ['no kind', { draft: { ...relief(), kindId: undefined } }, 'draft.kindId'],
    ['a quota on a campaign without places', { draft: relief({ quota: 10 }) }, 'quota'],
    ['two fields with one key', { draft: relief({ fields: [...FIELDS, { ...FIELDS[0], label: '又一个' }] }) }, 'fields.3.key'],
    ['a tier above the budget', { draft: relief({ maxAmountFen: undefined, tiers: [{ key: 'big', label: '大额', amountFen: 5_000_001 }] }) }, 'tiers.0.amountFen'],
    ['money not in whole 分', { draft: relief({ budgetFen: 100.5 }) }, 'draft.budgetFen'],
    ['an org that does not exist', { draft: relief({ orgId: 'org-nowhere' }) }, 'orgId'],
    ['a forged ledger in the draft', { draft: { ...relief(), reservedFen: 0 } }, 'draft'],
    ['a forged status beside the draft', { draft: relief(), status: 'open' }, '_'],
    ['a version without a campaign', { draft: relief(), version: 1 }, 'version'],
  ];
  test.each(cases)('%s', async (_what, input, field) => {
    const before = await snapshot(lc, WATCHED);
    const r = await callAs(lc, FED, 'campaigns', 'save', input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });
});

describe('who may manage campaigns', () => {
  const others: [string, string][] = [
    ['an org officer', CG_OFFICER],
    ['a member', MEMBER],
    ['a lawyer', 'o-demo-lawyer'],
    ['staff', 'o-demo-staff'],
    ['an admin', ADMIN],
    ['a newcomer', NEWCOMER],
  ];
  test.each(others)('%s cannot list, create, edit, open or close', async (_who, openid) => {
    const before = await snapshot(lc, WATCHED);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: NOT_MANAGER } };
    expect(await callAs(lc, openid, 'campaigns', 'manageList', {})).toEqual(refused);
    expect(await callAs(lc, openid, 'campaigns', 'save', { draft: relief() })).toEqual(refused);
    expect(await callAs(lc, openid, 'campaigns', 'save', { campaignId: 'campaign-summer-relief', version: 1, draft: relief({ orgId: 'org-county' }) })).toEqual(refused);
    expect(await callAs(lc, openid, 'campaigns', 'setStatus', { campaignId: 'campaign-summer-relief', version: 1, status: 'closed' })).toEqual(refused);
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('the federation officer lists every campaign under the county with its ledger and version', async () => {
    const items = data(await callAs(lc, FED, 'campaigns', 'manageList', {})).items;
    const aid = items.find((m) => m.campaignId === 'campaign-student-aid')!;
    expect(aid).toMatchObject({ status: 'open', version: 1, ledger: { budgetFen: 50_000_000, reservedFen: 0, paidFen: 0 }, openDay: day(-7) });
    const created = items.map((m) => m.campaignId).filter((id) => !DEMO_CAMPAIGNS.includes(id));
    expect(created.length).toBeGreaterThan(0);
  });

  describe('a federation officer over 水坪镇 only', () => {
    let own: ManagedCampaign;
    let county: ManagedCampaign;

    beforeAll(async () => {
      data(await callAs(lc, ADMIN, 'roles', 'grant', { memberId: `member-${SP_OFFICER}`, role: 'federationOfficer', orgId: 'org-shuiping' }));
      county = await create(FED, relief({ title: '城关镇的活动' }));
    });

    test('creates and opens a campaign of 水坪镇, which only 水坪镇 members see', async () => {
      own = await create(SP_OFFICER, relief({ title: '水坪镇夏送清凉', orgId: 'org-shuiping' }));
      own = data(await callAs(lc, SP_OFFICER, 'campaigns', 'setStatus', { campaignId: own.campaignId, version: own.version, status: 'open' })).campaign;
      expect(await openIds(SP_OFFICER)).toContain(own.campaignId);
      expect(await openIds(MEMBER)).not.toContain(own.campaignId);
      expect(await callAs(lc, MEMBER, 'campaigns', 'get', { campaignId: own.campaignId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // the county's federation officer manages it too: it is under the county
      expect(data(await callAs(lc, FED, 'campaigns', 'manageList', {})).items.map((m) => m.campaignId)).toContain(own.campaignId);
    });

    test('lists only 水坪镇 campaigns', async () => {
      const items = data(await callAs(lc, SP_OFFICER, 'campaigns', 'manageList', {})).items;
      expect(items.map((m) => m.campaignId)).toEqual([own.campaignId]);
    });

    test('cannot create for, move a campaign to, edit, open or see drafts of an org outside 水坪镇', async () => {
      const before = await snapshot(lc, WATCHED);
      const outside = { ok: false, error: { code: 'FORBIDDEN', message: '您不能管理该工会组织的活动' } };
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'save', { draft: relief({ orgId: 'org-chengguan' }) })).toEqual(outside);
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'save', { campaignId: own.campaignId, version: own.version, draft: relief({ orgId: 'org-chengguan' }) })).toEqual(outside);
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'save', { campaignId: county.campaignId, version: county.version, draft: relief({ orgId: 'org-shuiping' }) })).toEqual(outside);
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'setStatus', { campaignId: county.campaignId, version: county.version, status: 'open' })).toEqual(outside);
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'setStatus', { campaignId: 'campaign-summer-relief', version: 1, status: 'closed' })).toEqual(outside);
      expect(await callAs(lc, SP_OFFICER, 'campaigns', 'get', { campaignId: county.campaignId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await snapshot(lc, WATCHED)).toEqual(before);
    });
  });
});

describe('cost', () => {
  async function cost(openid: string, action: 'listOpen' | 'get' | 'manageList', input: Record<string, unknown>) {
    const { result, invocationId } = await callCounted(lc, openid, 'campaigns', action, input);
    expect(result.ok).toBe(true);
    return lc.cost(invocationId);
  }

  test('首页 and the application page each cost two round trips, served by declared indexes', async () => {
    expect(await cost(MEMBER, 'listOpen', {})).toMatchObject({ total: 2, unindexedQueries: 0 }); // member; open campaigns
    expect(await cost(MEMBER, 'get', { campaignId: 'campaign-student-aid' })).toMatchObject({ total: 2, unindexedQueries: 0 }); // campaign and member together
  });

  test('a manager reading a draft adds the actor; the managed list costs three', async () => {
    const draft = await create(FED, relief({ title: '草稿' }));
    expect(await cost(FED, 'get', { campaignId: draft.campaignId })).toMatchObject({ total: 4, unindexedQueries: 0 }); // campaign, member; actor: member, roles
    expect(await cost(FED, 'manageList', {})).toMatchObject({ total: 3, unindexedQueries: 0 }); // actor: member, roles; campaigns
  });
});
