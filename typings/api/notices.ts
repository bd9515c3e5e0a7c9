// Notices (通知公告) that staff publish, the member's in-app inbox, subscribe-message consent, and the drain
// that delivers the outbox.
import type { Page } from './common';

/** Who a notice is for: the approved members of an org's subtree (the staff's root = 全部会员), or everyone
 *  who applied to a campaign (withdrawn applications excepted). */
export type NoticeAudience = { kind: 'org'; orgId: string } | { kind: 'campaign'; campaignId: string };

/** The member pages a notice may link to, besides a campaign's application form. */
export const NOTICE_LINK_PAGES = {
  'pages/index/index': '首页',
  'pages/legal-aid/index': '法律援助',
  'pages/progress/index': '办事进度',
} as const;
export type NoticeLinkPage = keyof typeof NOTICE_LINK_PAGES;

export type NoticeLink = { kind: 'campaign'; campaignId: string } | { kind: 'page'; page: NoticeLinkPage };

/** Limits the server enforces (and the compose page shows). The title also heads the 订阅号 article, whose
 *  title WeChat caps at 32 characters. */
export const NOTICE_LIMITS = { title: 32, body: 2000 } as const;

export interface NoticeDraft {
  title: string;
  body: string;
  link?: NoticeLink | null;
  audience: NoticeAudience;
  /** also publish it as an article of the union's subscription account (订阅号) */
  pushToAccount: boolean;
}

export interface NoticeSummary {
  noticeId: string;
  title: string;
  /** the body's first characters */
  excerpt: string;
  /** the org that published it (the staff's scope org) */
  orgName: string;
  publishedAt: string;
}

export interface NoticeView extends NoticeSummary {
  body: string;
  /** where 查看详情 goes: a page path with its query, and its label */
  link: { label: string; path: string } | null;
}

/** How a notice reached its audience. audience = sent + noQuota + failed + unknown + pending, always. */
export interface DeliveryReport {
  /** members in the audience when it was published */
  audience: number;
  /** subscribe messages WeChat accepted */
  sent: number;
  /** members without quota for the template (they see it on the notice board only) */
  noQuota: number;
  /** permanent failures (bad openid, bad data) */
  failed: number;
  /** a drain died while sending these; never resent, so never sent twice */
  unknown: number;
  /** not yet processed by the drain (including those not yet fanned out) */
  pending: number;
  account: { status: 'none' | 'pending' | 'published' | 'failed'; error?: string };
}

export interface ManagedNotice extends NoticeSummary {
  body: string;
  audience: NoticeAudience;
  /** e.g. 城关镇总工会全体会员, 2026年金秋助学申请人 */
  audienceLabel: string;
  link: NoticeLink | null;
  pushToAccount: boolean;
  report: DeliveryReport;
}

/** A personal message (application or case progress, membership review) in the member's inbox. */
export interface InboxItem {
  messageId: string;
  title: string;
  body: string;
  /** the page it opens */
  page: string;
  createdAt: string;
}

/** The product's subscribe-message templates, named as in cloudbase/subscribe-templates.json. */
export type TemplateKey = 'applicationStatus' | 'reviewTask' | 'noticePublished';

export interface ComposeOptions {
  /** the orgs the staff may address, roots of their staff grants first */
  orgs: { orgId: string; name: string; depth: number }[];
  /** the campaigns run by an org in their scope, newest first, with their service kind's label */
  campaigns: { campaignId: string; title: string; kindLabel: string }[];
}

export interface DrainOutcome {
  sent: number;
  noQuota: number;
  failed: number;
  /** temporary failures put back with backoff */
  retried: number;
  /** in-flight sends of a dead drain, found after their lease */
  unknown: number;
  /** per-member notice messages created from fan-outs */
  fannedOut: number;
  /** 订阅号 articles published */
  published: number;
}

export interface NoticesApi {
  /** Staff: the orgs and campaigns they may address. */
  composeOptions: { input: Record<string, never>; output: ComposeOptions };
  /** Staff: what a draft would look like and how many members it would reach, without saving anything. */
  preview: { input: { draft: NoticeDraft }; output: { audience: number; audienceLabel: string; notice: NoticeView } };
  /** Staff: publishes (idempotent by requestKey): the board entry, the fan-out to subscribe messages and the
   *  订阅号 push are written together and delivered by the drain. */
  publish: { input: { requestKey: string; draft: NoticeDraft }; output: { notice: ManagedNotice } };
  /** Staff: the notices published in their scope, newest first, with their delivery reports. */
  manageList: { input: { cursor?: string | null; limit?: number }; output: Page<ManagedNotice> };
  /** Staff: one notice with its up-to-date delivery report. */
  report: { input: { noticeId: string }; output: { notice: ManagedNotice } };
  /** Members: the notice board, newest first: notices to an org on their path or a campaign they applied to. */
  board: { input: { cursor?: string | null; limit?: number }; output: Page<NoticeSummary> };
  /** Members: one notice of their board. */
  get: { input: { noticeId: string }; output: { notice: NoticeView } };
  /** The caller's personal messages, newest first. */
  inbox: { input: { cursor?: string | null; limit?: number }; output: Page<InboxItem> };
  /** Records the templates the member accepted in wx.requestSubscribeMessage: one send each. */
  subscribe: { input: { accepted: TemplateKey[] }; output: { quota: Partial<Record<TemplateKey, number>> } };
  /** The timer alone (anyone else gets FORBIDDEN): fans out notices and sends what is due in the outbox. */
  drain: { input: Record<string, never>; output: DrainOutcome };
}
