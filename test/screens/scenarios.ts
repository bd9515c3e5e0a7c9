// Every page of the mini-program (app.json, the admin subpackage included) as the demo person who uses it,
// opened on the demo world (world.ts) with what a person would have done on it. `npm run screens` draws each
// one; the browser tests (largePrint.test.ts) measure each one. A page added to app.json without a scenario
// here fails those tests by name.
import fs from 'node:fs';
import path from 'node:path';
import { PEOPLE } from '../functions/api';
import { STUDENT_AID } from '../functions/applicationsFixtures';
import { ROOT } from '../harness/localcloud';
import { tap, type RenderedComponent } from '../harness/miniprogram';
import type { World } from './world';

export interface Scenario {
  /** the page's path in app.json */
  page: string;
  /** a name for a second scenario of the same page */
  variant?: string;
  /** who opens it (a demo openid) */
  as: string;
  /** what it is opened with (its query) */
  query?(world: World): Record<string, string>;
  /** what the person does on it before it is drawn */
  act?(page: RenderedComponent, world: World): Promise<void>;
  /** what the screen shows, in a line */
  shows: string;
}

/** The id a scenario's files and test are named by: `pages-index-index`, `admin-application-index--decide`. */
export const scenarioId = (s: Scenario) => `${s.page.replace(/\//g, '-')}${s.variant ? `--${s.variant}` : ''}`;

export const SCENARIOS: Scenario[] = [
  { page: 'pages/index/index', as: PEOPLE.member, shows: '首页 of 会员 王建国: the open campaigns and the services' },
  { page: 'pages/progress/index', as: PEOPLE.member, shows: '办事进度: his 法律援助 case and his two applications' },
  { page: 'pages/apply/index', as: PEOPLE.member, query: () => ({ campaignId: STUDENT_AID }), shows: 'the 金秋助学 application form, empty' },
  {
    page: 'pages/apply/index',
    variant: 'errors',
    as: PEOPLE.member,
    query: () => ({ campaignId: STUDENT_AID }),
    act: (page) => tap(page, '.submit'),
    shows: 'the 金秋助学 form after 提交申请 with nothing filled in: every field says what is missing',
  },
  { page: 'pages/application/index', as: PEOPLE.member, query: (w) => ({ applicationId: w.summerRelief.applicationId }), shows: 'his approved 夏送清凉 application' },
  { page: 'pages/legal-aid/index', as: PEOPLE.member, shows: 'the 法律援助 form' },
  { page: 'pages/case/index', as: PEOPLE.member, query: (w) => ({ caseId: w.legalAid.caseId }), shows: 'his case with 律师 陈明: the timeline and the message box' },
  { page: 'pages/notices/index', as: PEOPLE.member, shows: '通知: the subscription prompt and the published notice' },
  { page: 'pages/notices/notice', as: PEOPLE.member, query: (w) => ({ noticeId: w.noticeId }), shows: 'one notice with its link' },
  { page: 'pages/publicity/index', as: PEOPLE.member, shows: '公示: 城关镇金秋助学’s list, masked, his objection to 陈*强’s line and its status' },
  {
    page: 'pages/publicity/index',
    variant: 'object',
    as: PEOPLE.member,
    act: (page) => tap(page, '.object'),
    shows: '公示 after 提出异议 on 李*兰’s line: the reason box, 提交异议 and 取消',
  },
  { page: 'pages/messages/index', as: PEOPLE.member, shows: '我的消息: the news of his application and case' },
  { page: 'pages/mine/index', as: PEOPLE.member, shows: '我的: status, masked profile, the developer panel entry' },
  { page: 'pages/workbench/index', as: PEOPLE.cgOfficer, shows: '审核 of the 城关镇 officer' },
  { page: 'pages/register/index', as: PEOPLE.newcomer, shows: '会员认证 for a newcomer' },
  { page: 'pages/hardship/index', as: PEOPLE.member, shows: '困难职工档案 of 王建国: 在档, 重困, the review day and how it was filed' },
  { page: 'pages/dev/index', as: PEOPLE.member, shows: 'the local-mode developer panel' },
  { page: 'admin/membership/index', as: PEOPLE.cgOfficer, shows: '入会审核: the pending 李秀英' },
  { page: 'admin/roles/index', as: PEOPLE.admin, shows: '角色管理: the grant form and the grants' },
  { page: 'admin/hardship/index', as: PEOPLE.cgOfficer, query: () => ({ filter: 'all' }), shows: '困难职工档案 of the 城关镇 officer: the filters and every record in 城关镇' },
  {
    page: 'admin/hardship-record/index',
    as: PEOPLE.cgOfficer,
    query: () => ({ recordId: 'hardship-member-o-demo-member' }),
    shows: '王建国’s record for the 城关镇 officer: what was verified, the household masked, the yearly review form and 脱困',
  },
  {
    page: 'admin/applications/index',
    as: PEOPLE.cgOfficer,
    act: (page) => tap(page, `.campaign--${STUDENT_AID}`),
    shows: '申请审核 of the 城关镇 officer: three 金秋助学 applications waiting',
  },
  {
    page: 'admin/application/index',
    as: PEOPLE.cgOfficer,
    query: (w) => ({ applicationId: w.studentAid.applicationId }),
    shows: 'the officer’s view of the 金秋助学 application: answers, timeline, 推荐上报 / 退回 / 不予通过',
  },
  {
    page: 'admin/applications/index',
    variant: 'draw',
    as: PEOPLE.fedOfficer,
    act: (page, w) => tap(page, `.campaign--${w.sanatorium}`),
    shows: '申请审核 of the federation officer on 职工疗休养: its places, the draw (抽签) and three recommended',
  },
  {
    page: 'admin/application/index',
    variant: 'deliver',
    as: PEOPLE.fedOfficer,
    query: (w) => ({ applicationId: w.summerRelief.applicationId }),
    shows: 'the approved 夏送清凉 application as the federation records its delivery: headcount, date, photos',
  },
  {
    page: 'admin/application/index',
    variant: 'cancel',
    as: PEOPLE.fedOfficer,
    query: (w) => ({ applicationId: w.summerRelief.applicationId }),
    act: (page) => tap(page, '.act--cancel'),
    shows: '撤销批准 of the approved 夏送清凉 application: the bar asks the reason the member will read',
  },
  {
    page: 'admin/application/index',
    variant: 'refund',
    as: PEOPLE.fedOfficer,
    query: (w) => ({ applicationId: w.paid.applicationId }),
    shows: 'a paid 金秋助学 application: no 撤销, the 登记退款 form (amount, date, reference, reason)',
  },
  { page: 'admin/campaigns/index', as: PEOPLE.fedOfficer, shows: '活动管理 of the federation officer, with budget bars' },
  { page: 'admin/campaign/index', as: PEOPLE.fedOfficer, query: () => ({ campaignId: STUDENT_AID }), shows: 'the campaign editor on 金秋助学' },
  {
    page: 'admin/campaign/index',
    variant: 'places',
    as: PEOPLE.fedOfficer,
    query: (w) => ({ campaignId: w.sanatorium }),
    shows: 'the campaign editor on 职工疗休养: places and their cost instead of tiers',
  },
  { page: 'admin/kinds/index', as: PEOPLE.fedOfficer, shows: '服务类型: the built-in kinds and the county’s own 县职工大病救助' },
  { page: 'admin/kind/index', as: PEOPLE.fedOfficer, query: (w) => ({ kindId: w.ownKindId }), shows: 'the kind editor on 县职工大病救助: the cap from the form’s bills' },
  {
    page: 'admin/kind/index',
    variant: 'new',
    as: PEOPLE.fedOfficer,
    query: () => ({ from: 'winterWarmth' }),
    shows: 'a new kind from 冬送温暖: the household, its size read from the form, the form’s fields by name',
  },
  { page: 'admin/cases/index', as: PEOPLE.cgOfficer, shows: '法律援助 queue of the 城关镇 officer' },
  { page: 'admin/publicity/index', as: PEOPLE.fedOfficer, query: (w) => ({ campaignId: w.publicity }), shows: '公示与异议 of 城关镇金秋助学: 王建国’s open objection and the list published' },
  {
    page: 'admin/publicity/index',
    variant: 'answer',
    as: PEOPLE.fedOfficer,
    query: (w) => ({ campaignId: w.publicity }),
    act: (page) => tap(page, '.answer'),
    shows: '公示与异议 answering the objection: the comment box and 异议不成立 / 退回补充 / 不予通过',
  },
  {
    page: 'admin/waiting/index',
    as: PEOPLE.fedOfficer,
    act: (page) => tap(page, '.kind--memberships'),
    shows: '超时未办 of the federation: 李秀英’s registration, waiting two weeks for 张伟 of 城关镇总工会',
  },
  { page: 'admin/case/index', as: PEOPLE.lawyer, query: (w) => ({ caseId: w.legalAid.caseId }), shows: 'the case as 律师 陈明 works it: 记录办理进展, 结案' },
  { page: 'admin/dashboard/index', as: PEOPLE.fedOfficer, shows: '数据统计 of the county (the chart is a canvas)' },
  { page: 'admin/notices/index', as: PEOPLE.staff, shows: '通知公告: the published notice and its delivery' },
  { page: 'admin/notice-compose/index', as: PEOPLE.staff, shows: '发布通知, empty' },
];

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
}

const appJson = (): AppJson => JSON.parse(fs.readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8'));

/** Every page app.json lists, the subpackages' included. */
export function appPages(): string[] {
  const app = appJson();
  return [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

/** The pages the tab bar shows (custom-tab-bar is drawn under them). */
export function tabPages(): string[] {
  return (appJson().tabBar?.list ?? []).map((t) => t.pagePath);
}
