// Service kinds as data, through the real functions on localcloud: a federation officer creates a 冬送温暖
// kind (households, cash or goods, counted per household person) and a 职工疗休养 kind (places, selected or
// drawn by lot) for the county, and a campaign of each; members apply; the officers decide, pay, deliver
// (never more people than declared), select and draw (reproducible from the recorded seed), and record
// attendance; the figures and sentences of each kind are what the records say and reconcile finds nothing.
// Bad kinds and bad settlements are refused against their fields with nothing changed; editing a kind later
// leaves the past season's figures as they were; a kind of a year group refuses the child 金秋助学 funds; a
// legal-aid sentence names what was recovered by case type; exports and notices show a kind made at run time.
import type { ApplicationDetail, Figures, ServiceKindDraft, ServiceKindView } from '../../typings/api';
import { drawLots } from '../../cloudfunctions/_shared/domain/serviceKinds';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import {
  approvedMember,
  childId,
  draftOfKind,
  kindDraft,
  openCampaign,
  requestKey,
  sanatoriumAnswers,
  STUDENT_AID,
  studentAidAnswers,
  upload,
  winterAnswers,
} from './applicationsFixtures';
import { byHeader, download } from './exportsFixtures';
import { today } from './statisticsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const FED = PEOPLE.fedOfficer;
const CG = PEOPLE.cgOfficer;
const M1 = PEOPLE.member; // 王建国, hardship, 城关镇环卫所工会
const M2 = 'o-kinds-2'; // hardship, 城关镇环卫所工会
const M3 = 'o-kinds-3'; // 示范县第一建筑公司工会 (城关镇), not hardship
const M4 = 'o-kinds-4'; // 城关镇快递物流行业联合工会, not hardship
const WATCHED = ['serviceKinds', 'campaigns', 'applications', 'stats', 'deltas', 'audit', 'outbox', 'draws'];
const AROUND = { from: today(), to: today() };


const submit = async (openid: string, campaignId: string, answers: Record<string, unknown>) =>
  data(await callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers })).application;
const act = async (openid: string, a: ApplicationDetail, transition: string, more: Record<string, unknown> = {}) =>
  data(await callAs(lc, openid, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition, ...more })).application;
const figures = async (input: Record<string, unknown>): Promise<Figures[]> => data(await callAs(lc, FED, 'statistics', 'figures', { orgId: 'org-county', period: AROUND, ...input })).figures;

let winter: ServiceKindView;
let sanatorium: ServiceKindView;
let WINTER = '';
let SANATORIUM = '';

beforeAll(async () => {
  await approvedMember(lc, M2, 41);
  await approvedMember(lc, M3, 42, false, 'org-cg-construction');
  await approvedMember(lc, M4, 43, false, 'org-cg-couriers');
}, 60_000);

describe('a federation officer creates kinds in the admin tab; bad ones are refused against their fields', () => {
  test.each([
    // refused at the boundary (the schema knows the modes), so the field is named as sent
    ['an unknown settle mode', { settle: { mode: 'voucher' } }, 'draft.settle.mode', '结算方式不对，请选择发放现金、发放实物、现金或实物、名额'],
    ['an unknown subject', { subject: { type: 'team' } }, 'draft.subject.type', '请选择申请对象（会员本人、家属、家庭或工作场所）'],
    ['a counting rule naming a field its form lacks', { counting: { people: { by: 'field', field: 'familySize' } } }, 'counting.people.field', '表单中应有必填的整数字段“familySize”（计人次的人数）'],
    ['a duplicate rule (the household) on a missing field', { subject: { type: 'household', sizeField: 'members' } }, 'subject.sizeField', '表单中应有必填的整数字段“members”（家庭人口）'],
    ['a sentence with an unknown placeholder', { sentence: '{title}：走访 {households} 户' }, 'sentence', '报告用语中有不认识的占位符{households}，可用的有：{title}{people}{wan}{received}{approved}'],
  ])('%s', async (_what, over, field, message) => {
    const before = await snapshot(lc, WATCHED);
    const r = await callAs(lc, FED, 'campaigns', 'saveKind', { draft: kindDraft('winterWarmth', 'org-county', over as Partial<ServiceKindDraft>) });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { [field]: message } } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('a 冬送温暖 counted per household person and a 职工疗休养 of places, seen by the county’s officers', async () => {
    winter = data(await callAs(lc, FED, 'campaigns', 'saveKind', {
      draft: kindDraft('winterWarmth', 'org-county', {
        label: '县冬送温暖',
        counting: { people: { by: 'field', field: 'householdSize' } },
        sentence: '{title}：走访慰问困难职工家庭，惠及 {people} 人次，发放慰问金和慰问品 {wan} 万元',
      }),
    })).kind;
    sanatorium = data(await callAs(lc, FED, 'campaigns', 'saveKind', { draft: kindDraft('sanatorium', 'org-county', { label: '县职工疗休养' }) })).kind;
    expect(winter).toMatchObject({ builtin: false, orgId: 'org-county', orgName: '示范县总工会', editable: true, version: 1, settle: { mode: 'both' }, counting: { people: { by: 'field', field: 'householdSize' } } });
    expect(sanatorium).toMatchObject({ settle: { mode: 'places' }, template: { quota: 40 } });
    const seen = data(await callAs(lc, CG, 'campaigns', 'kinds', { orgId: 'org-cg-sanitation' })).items.map((k) => k.label);
    expect(seen).toEqual(expect.arrayContaining(['县冬送温暖', '县职工疗休养', '金秋助学']));
    const { audit } = await snapshot(lc, ['audit']);
    expect((audit as { action: string; targetId: string }[]).filter((a) => a.targetId === winter.kindId).map((a) => a.action)).toEqual(['serviceKind.create']);
  });

  test('a campaign of each, from the kind’s template: members see them on 首页 with the kind', async () => {
    WINTER = await openCampaign(lc, FED, draftOfKind(winter, 'org-county', { tiers: [], maxAmountFen: 100_000 }));
    SANATORIUM = await openCampaign(lc, FED, draftOfKind(sanatorium, 'org-county', { quota: 3, placeFen: 200_000, budgetFen: 1_000_000 }));
    const open = data(await callAs(lc, M1, 'campaigns', 'listOpen', {})).items;
    expect(open.find((c) => c.campaignId === WINTER)).toMatchObject({ kind: { kindId: winter.kindId, label: '县冬送温暖', icon: 'snowflake', settle: { mode: 'both' } }, eligibility: { hardshipOnly: true } });
    expect(open.find((c) => c.campaignId === SANATORIUM)).toMatchObject({ kind: { label: '县职工疗休养' }, quota: 3, placeFen: 200_000 });
  });
});

describe('冬送温暖: households, paid in cash or delivered as goods, counted per household person', () => {
  let paid: ApplicationDetail;
  let delivered: ApplicationDetail;

  test('hardship members apply, one household each; a second one is a duplicate; others are not eligible', async () => {
    paid = await submit(M1, WINTER, winterAnswers(3, { preference: 'cash', bankCard: '6222021234567890128', cardHolder: '王建国' }));
    delivered = await submit(M2, WINTER, winterAnswers(4));
    expect(paid).toMatchObject({ kindLabel: '县冬送温暖', settle: 'both', headline: '王建国家（3人）', status: 'submitted' });
    expect(await callAs(lc, M1, 'applications', 'submit', { campaignId: WINTER, requestKey: requestKey(), answers: winterAnswers(2) })).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '您家本次已经申请过了，不能重复申请' } });
    expect(await callAs(lc, M3, 'applications', 'submit', { campaignId: WINTER, requestKey: requestKey(), answers: winterAnswers(2) })).toMatchObject({ ok: false, error: { code: 'INELIGIBLE' } });
  });

  test('approved, one paid with its 凭证号 and one delivered; a delivery over the declared household is refused, nothing changed', async () => {
    paid = await act(FED, await act(CG, paid, 'recommend'), 'approve', { amountFen: 80_000 });
    expect(paid.actions.sort()).toEqual(['cancel', 'deliver', 'pay']);
    paid = await act(FED, paid, 'pay', { paymentReference: 'DSWN-001', paidOn: today() });
    delivered = await act(FED, await act(CG, delivered, 'recommend'), 'approve', { amountFen: 50_000 });
    expect(delivered.maxHeadcount).toBe(4);
    const photos = [await upload(lc, FED)];
    const before = await snapshot(lc, WATCHED);
    const over = await callAs(lc, FED, 'applications', 'act', { applicationId: delivered.applicationId, version: delivered.version, transition: 'deliver', headcount: 9999, photos, deliveredOn: today() });
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { headcount: '实际慰问人数不能超过申请时申报的4人' } } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    delivered = await act(FED, delivered, 'deliver', { headcount: 4, photos, deliveredOn: today() });
    expect(delivered).toMatchObject({ status: 'delivered', delivery: { headcount: 4 } });
  });

  test('the figures count the households’ people and the money settled, in the kind’s words; reconcile agrees', async () => {
    const [total, row] = await figures({ service: winter.kindId });
    expect(total).toMatchObject({ service: winter.kindId, campaignId: null, title: '县冬送温暖', received: 2, approved: 2, peopleReached: 7, approvedFen: 130_000, paidFen: 130_000 });
    expect(total.sentence).toBe('县冬送温暖：走访慰问困难职工家庭，惠及 7 人次，发放慰问金和慰问品 0.13 万元');
    expect(row).toMatchObject({ campaignId: WINTER, peopleReached: 7 });
    expect(data(await callAs(lc, FED, 'statistics', 'reconcile', { orgId: 'org-county' })).differences).toEqual([]);
  });
});

describe('职工疗休养: places given by selection and by lot, settled when taken', () => {
  const recommended: ApplicationDetail[] = [];
  let selected: ApplicationDetail;

  test('members apply and are recommended; one is selected, taking a place and its cost', async () => {
    for (const who of [M1, M2, M3, M4]) recommended.push(await act(CG, await submit(who, SANATORIUM, sanatoriumAnswers()), 'recommend'));
    selected = await act(FED, recommended.shift()!, 'approve');
    expect(selected).toMatchObject({ status: 'approved', amountFen: 200_000, maxAmountFen: null });
    const c = data(await callAs(lc, FED, 'campaigns', 'manageList', {})).items.find((x) => x.campaignId === SANATORIUM)!;
    expect(c.ledger).toEqual({ budgetFen: 1_000_000, reservedFen: 200_000, paidFen: 0, places: { quota: 3, taken: 1 } });
  });

  test('a draw beyond the places left is refused against the places, nothing changed', async () => {
    const before = await snapshot(lc, WATCHED);
    const r = await callAs(lc, FED, 'applications', 'draw', { campaignId: SANATORIUM, places: 3, requestKey: requestKey() });
    expect(r).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED', message: '本活动只剩2个名额', fields: { places: '本活动只剩2个名额' } } });
    expect(await callAs(lc, FED, 'applications', 'draw', { campaignId: SANATORIUM, places: 51, requestKey: requestKey() })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { places: '每次最多抽取50个名额' } } });
    expect(await callAs(lc, FED, 'applications', 'draw', { campaignId: STUDENT_AID, places: 1, requestKey: requestKey() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('the draw takes the places left among the recommended, recorded so that anyone redoes it from the seed', async () => {
    const key = requestKey();
    const { draw, ledger } = data(await callAs(lc, FED, 'applications', 'draw', { campaignId: SANATORIUM, places: 2, requestKey: key }));
    expect(draw.candidates).toEqual(recommended.map((a) => a.applicationId).sort());
    expect(draw.winners).toHaveLength(2);
    expect(drawLots(draw.seed, draw.candidates, 2)).toEqual(draw.winners);
    expect(ledger).toMatchObject({ reservedFen: 600_000, places: { quota: 3, taken: 3 } });
    // a retry of the same draw answers it again and draws nothing more
    expect(data(await callAs(lc, FED, 'applications', 'draw', { campaignId: SANATORIUM, places: 2, requestKey: key })).draw).toEqual(draw);
    expect(data(await callAs(lc, FED, 'applications', 'draws', { campaignId: SANATORIUM })).items).toEqual([draw]);
    for (const a of recommended) {
      const now = data(await callAs(lc, FED, 'applications', 'detail', { applicationId: a.applicationId })).application;
      expect(now.status).toBe(draw.winners.includes(a.applicationId) ? 'approved' : 'recommended');
    }
    const { audit } = await snapshot(lc, ['audit']);
    expect((audit as { action: string; details: { seed?: string } }[]).find((a) => a.action === 'application.draw')?.details.seed).toBe(draw.seed);
    // the quota is full: selecting the one left is refused
    const left = recommended.find((a) => !draw.winners.includes(a.applicationId))!;
    expect(await callAs(lc, FED, 'applications', 'act', { applicationId: left.applicationId, version: left.version, transition: 'approve' })).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED', message: '本活动的名额已满' } });
  });

  test('a place taken is settled by attendance; the figures count it', async () => {
    selected = await act(FED, selected, 'attend', { attendedOn: today() });
    expect(selected).toMatchObject({ status: 'attended', attendance: { attendedOn: today() } });
    const [total] = await figures({ service: sanatorium.kindId });
    expect(total).toMatchObject({ title: '县职工疗休养', received: 4, approved: 3, pending: 1, peopleReached: 1, approvedFen: 600_000, paidFen: 200_000, sentence: '县职工疗休养：组织职工疗休养 1 人次，投入资金 0.2 万元' });
    expect(data(await callAs(lc, FED, 'statistics', 'reconcile', { orgId: 'org-county' })).differences).toEqual([]);
  });
});

describe('a kind edited later', () => {
  test('changes the campaigns made after; this season keeps the words and the counting it had', async () => {
    const edited = data(await callAs(lc, FED, 'campaigns', 'saveKind', {
      kindId: winter.kindId, version: winter.version,
      draft: kindDraft('winterWarmth', 'org-county', { label: '县冬季送温暖', counting: { people: { by: 'application' } }, sentence: '{title}：慰问 {people} 户，{wan} 万元' }),
    })).kind;
    expect(edited).toMatchObject({ label: '县冬季送温暖', version: 2 });
    const [total, row] = await figures({ service: winter.kindId });
    expect(total).toMatchObject({ title: '县冬送温暖', peopleReached: 7, sentence: '县冬送温暖：走访慰问困难职工家庭，惠及 7 人次，发放慰问金和慰问品 0.13 万元' });
    expect(row.campaignId).toBe(WINTER);
    const next = await openCampaign(lc, FED, draftOfKind(edited, 'org-county', { title: '第二批冬季送温暖', tiers: [] }));
    const a = await submit(M1, next, winterAnswers(5));
    expect(a.kindLabel).toBe('县冬季送温暖');
    const campaign = data(await callAs(lc, M1, 'campaigns', 'get', { campaignId: WINTER })).campaign;
    expect(campaign.kind).toMatchObject({ label: '县冬送温暖', counting: { people: { by: 'field', field: 'householdSize' } } });
    expect(await callAs(lc, FED, 'campaigns', 'saveKind', { kindId: winter.kindId, version: 1, draft: kindDraft('winterWarmth', 'org-county') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('a kind of a year group: one per child a year with 金秋助学', () => {
  test('the child 金秋助学 funds is refused by a second student grant programme of the year, free again once withdrawn', async () => {
    const second = data(await callAs(lc, FED, 'campaigns', 'saveKind', { draft: kindDraft('studentAid', 'org-county', { label: '县助学圆梦', duplicate: { yearGroup: 'studentGrant' } }) })).kind;
    const ROUND2 = await openCampaign(lc, FED, draftOfKind(second, 'org-county'));
    const notice = await upload(lc, M1);
    const first = await submit(M1, STUDENT_AID, studentAidAnswers(childId(900), [notice]));
    const again = await callAs(lc, M2, 'applications', 'submit', { campaignId: ROUND2, requestKey: requestKey(), answers: studentAidAnswers(childId(900), [await upload(lc, M2)]) });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: expect.stringContaining('金秋助学'), fields: { childIdCard: expect.any(String) } } });
    await act(M1, first, 'withdraw');
    expect(await submit(M2, ROUND2, studentAidAnswers(childId(900), [await upload(lc, M2)]))).toMatchObject({ status: 'submitted', kindLabel: '县助学圆梦' });
    // and now 金秋助学 refuses the child, who is claimed for the year
    expect(await callAs(lc, M1, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(900), [notice]) })).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
  });
});

describe('the rest of the product reads kinds from data', () => {
  test('every service’s total: the kinds of the period by label, then legal aid, whose sentence names what was recovered by case type', async () => {
    const injury = data(await callAs(lc, M1, 'cases', 'open', caseForm({ disputeType: 'injury', amountInDisputeFen: 6_000_000, workersAffected: 1, description: '工地受伤，单位不认工伤。', contactTime: '' }))).case;
    const accepted = data(await callAs(lc, CG, 'cases', 'act', { caseId: injury.caseId, version: injury.version, transition: 'accept' })).case;
    data(await callAs(lc, CG, 'cases', 'act', { caseId: accepted.caseId, version: accepted.version, transition: 'close', outcome: 'mediated', recoveredFen: 5_000_000 }));
    const rows = await figures({});
    const services = rows.map((f) => f.service);
    // 金秋助学, both 冬送温暖 campaigns under their one kind, 县助学圆梦, 县职工疗休养
    expect(services.slice(0, -1)).toHaveLength(4);
    expect(services).toEqual(expect.arrayContaining(['studentAid', winter.kindId, sanatorium.kindId]));
    expect(rows.slice(0, -1).map((f) => f.title)).toEqual(rows.slice(0, -1).map((f) => f.title).sort((a, b) => a.localeCompare(b, 'zh')));
    expect(rows.at(-1)).toMatchObject({ service: 'legalAid', recoveredFen: 5_000_000, recoveredWagesFen: 0 });
    expect(rows.at(-1)!.sentence).toBe('法律援助：办理案件 1 件次，帮助职工 1 人次，挽回经济损失 5 万元');
  });

  test('exports: a places kind’s columns, its label and the 人次 each counts', async () => {
    const { url } = data(await callAs(lc, FED, 'exports', 'create', { kind: 'applications', campaignId: SANATORIUM }));
    const sheet = await download(url);
    expect(sheet.header).toEqual(expect.arrayContaining(['服务类型', '名额费用（元）', '参加日期', '计入人次']));
    expect(sheet.header).not.toContain('付款凭证号');
    const rows = sheet.rows.map((r) => byHeader(sheet, r));
    expect(rows.map((r) => r['服务类型'])).toEqual(Array(4).fill('县职工疗休养'));
    expect(rows.map((r) => r['计入人次']).filter((v) => v !== null)).toEqual([1]);
  });

  test('notices: the campaign of a kind made at run time is an audience, named with its kind', async () => {
    const { campaigns } = data(await callAs(lc, PEOPLE.staff, 'notices', 'composeOptions', {}));
    expect(campaigns.find((c) => c.campaignId === SANATORIUM)).toMatchObject({ kindLabel: '县职工疗休养' });
    const draft = { title: '疗休养通知', body: '入选的职工请按时报到。', audience: { kind: 'campaign', campaignId: SANATORIUM }, pushToAccount: false };
    expect(data(await callAs(lc, PEOPLE.staff, 'notices', 'preview', { draft })).audience).toBe(4);
  });
});
