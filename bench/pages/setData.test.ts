/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// The setData payloads of the mini-program's list pages (bench/miniprogram.ts runs this with
// bench/pages/jest.config.js and reads what it writes to $BENCH_PAGES_OUT). Each list gets more than two pages
// of records through the real functions on localcloud (demo world); each page is rendered under
// miniprogram-simulate as the person who uses it, and the largest setData of its first page (20 rows) and of
// 加载更多 (the next 20) are recorded, with the key that weighs most in each.
import fs from 'node:fs';
import type { CampaignDraft, NoticeDraft } from '../../typings/api';
import { callAs, data, idCard, PEOPLE } from '../../test/functions/api';
import { requestKey, SUMMER_RELIEF, summerReliefAnswers } from '../../test/functions/applicationsFixtures';
import { useLocalcloud } from '../../test/harness/localcloud';
import { actAs, recordSetData, renderPage, setupMiniprogram, tap, waitFor } from '../../test/harness/miniprogram';
import type { ListFigures, Payload } from '../miniprogram';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

/** Records per list: two full pages of 20. */
const SEEDED = 40;
const PAGE = 20;

type Page = ReturnType<typeof renderPage>;

interface ListPage {
  /** the page's path in the mini-program */
  page: string;
  title: string;
  as: string;
  /** the list's key in the page's data, and its loading flag */
  list: string;
  loading: string;
  /** what 加载更多 is; none for a page that shows its whole list at once */
  more: string | null;
  /** brings the page to the list measured; the index of the first setData that belongs to that list */
  open?(page: Page, sizes: number[]): Promise<number>;
  note?: string;
}

const LISTS: ListPage[] = [
  { page: 'pages/progress/index', title: '办事进度 · 申请', as: PEOPLE.member, list: 'items', loading: 'loading', more: '.more', note: 'first page: the applications and cases lists in one setData' },
  { page: 'pages/progress/index', title: '办事进度 · 案件', as: PEOPLE.member, list: 'cases', loading: 'casesLoading', more: '.more-cases', note: 'first page: the applications and cases lists in one setData' },
  { page: 'pages/notices/index', title: '通知', as: PEOPLE.member, list: 'items', loading: 'loading', more: '.more' },
  { page: 'pages/messages/index', title: '我的消息', as: PEOPLE.member, list: 'items', loading: 'loading', more: '.more' },
  {
    page: 'admin/applications/index',
    title: '申请审核 (夏送清凉, 待基层审核)',
    as: PEOPLE.cgOfficer,
    list: 'items',
    loading: 'loading',
    more: '.more',
    async open(page, sizes) {
      if (page.data.campaignId === SUMMER_RELIEF) return 0;
      const from = sizes.length;
      await tap(page, `.campaign--${SUMMER_RELIEF}`);
      await waitFor(() => page.data.campaignId === SUMMER_RELIEF && !page.data.loading && page.data.items.length > 0, 15_000);
      return from;
    },
  },
  { page: 'admin/cases/index', title: '法律援助 · 待办', as: PEOPLE.cgOfficer, list: 'items', loading: 'loading', more: '.more' },
  { page: 'admin/notices/index', title: '通知管理', as: PEOPLE.staff, list: 'items', loading: 'loading', more: '.more' },
  { page: 'admin/membership/index', title: '入会审核', as: PEOPLE.cgOfficer, list: 'queue', loading: 'loading', more: '.more' },
  { page: 'admin/campaigns/index', title: '活动管理', as: PEOPLE.fedOfficer, list: 'campaigns', loading: 'loading', more: null, note: 'no paging: campaigns.manageList returns all of them (a federation runs a few a year)' },
];

/** The largest of the payloads, and what weighs most in it. */
function largest(payloads: Record<string, unknown>[]): Payload {
  const sized = payloads.map((p) => ({ p, bytes: Buffer.byteLength(JSON.stringify(p)) }));
  const { p, bytes } = sized.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const byKey = new Map<string, { bytes: number; paths: number }>();
  for (const [k, v] of Object.entries(p)) {
    const base = k.replace(/[[.].*$/, '');
    const e = byKey.get(base) ?? { bytes: 0, paths: 0 };
    byKey.set(base, { bytes: e.bytes + Buffer.byteLength(JSON.stringify({ [k]: v ?? null })) - 2, paths: e.paths + 1 });
  }
  const [key, top] = [...byKey].reduce((a, b) => (b[1].bytes > a[1].bytes ? b : a));
  return { bytes, key, keyBytes: top.bytes, paths: top.paths };
}

// ---- the records, through the functions, each kind in its own sequence (the kinds side by side) ----

async function applications(): Promise<void> {
  for (let n = 1; n <= SEEDED; n++) {
    data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(`城关镇环卫所第${n}作业点`) }));
  }
}

const caseInput = (employerName: string) => ({
  requestKey: requestKey(),
  disputeType: 'wages' as const,
  employerName,
  amountInDisputeFen: 1_200_000,
  workersAffected: 3,
  description: '在工地干了半年，包工头一直拖欠工资，多次讨要未果。',
  evidence: [],
  contactTime: '工作日晚上',
  priorProceedings: 'none' as const,
});

/** 40 cases for the queue and the member's list, and one the officer accepts and writes to 40 times: 我的消息. */
async function cases(): Promise<void> {
  for (let n = 1; n <= SEEDED; n++) data(await callAs(lc, PEOPLE.member, 'cases', 'open', caseInput(`城关镇第${n}建筑队`)));
  let c = data(await callAs(lc, PEOPLE.member, 'cases', 'open', caseInput('城关镇顺发物流公司'))).case;
  c = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'accept' })).case;
  for (let n = 1; n <= SEEDED; n++) {
    c = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'message', comment: `请补充第${n}份工资条和考勤记录` })).case;
  }
}

async function notices(): Promise<void> {
  for (let n = 1; n <= SEEDED; n++) {
    const draft: NoticeDraft = { title: `城关镇工会通知第${n}号`, body: `第${n}号通知：请各基层工会按时报送材料。`, link: null, audience: { kind: 'org', orgId: 'org-chengguan' }, pushToAccount: false };
    data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: requestKey(), draft }));
  }
}

async function registrations(): Promise<void> {
  for (let n = 1; n <= SEEDED; n++) {
    data(
      await callAs(lc, `o-bench-newcomer-${n}`, 'members', 'register', {
        name: `报名职工${String.fromCharCode(0x4e00 + n)}`,
        idCard: idCard(`42032219850601${String(n).padStart(3, '0')}`),
        phone: `1387100${String(n).padStart(4, '0')}`,
        workUnit: '城关镇环卫所',
        orgId: 'org-cg-sanitation',
        newEmployment: null,
      }),
    );
  }
}

/** 18 more to the demo's two: a list of 20 campaigns. */
async function campaigns(): Promise<void> {
  for (let n = 1; n <= PAGE - 2; n++) {
    const draft: CampaignDraft = {
      kindId: 'summerRelief',
      year: 2027,
      title: `城关镇夏送清凉（第${n}批）`,
      orgId: 'org-chengguan',
      openDay: '2027-06-01',
      closeDay: '2027-08-31',
      budgetFen: 5_000_000,
      tiers: [],
      maxAmountFen: 200_000,
      eligibility: { hardshipOnly: false, newEmploymentOnly: false },
      fields: [
        { key: 'unit', label: '单位名称', type: 'text', required: true, max: 40 },
        { key: 'address', label: '送达地址', type: 'text', required: true, max: 60 },
        { key: 'workers', label: '高温岗位职工人数', type: 'number', required: true, max: 10_000 },
      ],
    };
    data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'save', { draft }));
  }
}

const figures: ListFigures[] = [];

beforeAll(async () => {
  await Promise.all([applications(), cases(), notices(), registrations(), campaigns()]);
  await lc.postJson('/__localcloud/timers/notices/drain/fire'); // the case's messages into 我的消息
}, 300_000);

afterAll(() => {
  if (process.env.BENCH_PAGES_OUT) fs.writeFileSync(process.env.BENCH_PAGES_OUT, JSON.stringify(figures, null, 2));
});

test.each(LISTS.map((l) => [l.title, l] as const))('%s', async (_title, spec) => {
  actAs(lc.url, spec.as);
  const page = renderPage(simulate, spec.page);
  const payloads: Record<string, unknown>[] = [];
  const sizes = recordSetData(page, payloads);
  const rows = () => (page.data[spec.list] as unknown[]).length;
  await waitFor(() => page.data.loaded && !page.data[spec.loading] && rows() > 0, 15_000);
  const from = spec.open ? await spec.open(page, sizes) : 0;
  expect(page.data.error).toBe('');
  expect(rows()).toBe(PAGE);
  const firstPage = largest(payloads.slice(from));
  const firstRows = rows();

  let more: Payload | null = null;
  let moreRows: number | null = null;
  if (spec.more) {
    const before = payloads.length;
    await tap(page, spec.more);
    await waitFor(() => rows() > PAGE && !page.data[spec.loading], 15_000);
    expect(page.data.error).toBe('');
    expect(rows()).toBeGreaterThanOrEqual(2 * PAGE);
    more = largest(payloads.slice(before));
    moreRows = rows() - firstRows;
  }
  figures.push({ page: spec.page, title: spec.title, as: spec.as, firstRows, firstPage, moreRows, more, note: spec.note ?? null });
});
