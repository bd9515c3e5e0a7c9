// Notices (通知公告), the pure rules: text limits counted as WeChat counts them (characters, not UTF-16
// units), who a notice is for as a key and a label, the excerpt on the board, where a link goes, and the
// 订阅号 article made from a notice.
import { NOTICE_LIMITS, NOTICE_LINK_PAGES, type NoticeAudience, type NoticeLink } from '../../../typings/api/notices';

/** The member's notice page (miniprogram/pages/notices/notice). */
export function noticePage(noticeId: string): string {
  return `pages/notices/notice?noticeId=${encodeURIComponent(noticeId)}`;
}

/** The application form of a campaign (miniprogram/pages/apply, property campaignId). */
export function campaignApplyPage(campaignId: string): string {
  return `pages/apply/index?campaignId=${encodeURIComponent(campaignId)}`;
}

const length = (s: string): number => [...s].length;

/** Field errors of a notice's title and body (already trimmed) beyond their types; empty when both are fine. */
export function checkNoticeText(title: string, body: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!title) errors.title = '请填写标题';
  else if (length(title) > NOTICE_LIMITS.title) errors.title = `标题最多${NOTICE_LIMITS.title}个字`;
  else if (/[\r\n]/.test(title)) errors.title = '标题不能换行';
  if (!body) errors.body = '请填写正文';
  else if (length(body) > NOTICE_LIMITS.body) errors.body = `正文最多${NOTICE_LIMITS.body}个字`;
  return errors;
}

/** 'org:<orgId>' or 'campaign:<campaignId>': what the board matches a member's orgs and applications on. */
export function audienceKey(audience: NoticeAudience): string {
  return audience.kind === 'org' ? `org:${audience.orgId}` : `campaign:${audience.campaignId}`;
}

/** The board keys of a member: every org on their path and every campaign they applied to. */
export function boardKeys(orgPath: readonly string[], campaignIds: readonly string[]): string[] {
  return [...new Set([...orgPath.map((id) => `org:${id}`), ...campaignIds.map((id) => `campaign:${id}`)])];
}

/** e.g. 城关镇总工会全体会员, 2026年金秋助学申请人 (`name`: the org's name or the campaign's title). */
export function audienceLabel(audience: NoticeAudience, name: string): string {
  return audience.kind === 'org' ? `${name}全体会员` : `${name}申请人`;
}

/** An application as a campaign's audience reads it: whose, and its place in (createdAt, _id) order. */
export interface AudienceApplication {
  _id: string;
  applicantOpenid: string;
  createdAt: Date;
}

const precedes = (a: AudienceApplication, b: AudienceApplication): boolean => {
  const [x, y] = [new Date(a.createdAt).getTime(), new Date(b.createdAt).getTime()];
  return x < y || (x === y && a._id < b._id);
};

/**
 * The applications of `page` at which their applicant is reached: each applicant once, at their first
 * standing application of the campaign (`standing`: every standing application of the page's applicants),
 * so a campaign's audience is paged by its applications on an index and still holds each applicant once.
 */
export function firstApplications(page: readonly AudienceApplication[], standing: readonly AudienceApplication[]): AudienceApplication[] {
  const first = new Map<string, AudienceApplication>();
  for (const a of [...page, ...standing]) {
    const f = first.get(a.applicantOpenid);
    if (!f || precedes(a, f)) first.set(a.applicantOpenid, a);
  }
  return page.filter((a) => first.get(a.applicantOpenid)?._id === a._id);
}

export const EXCERPT_LENGTH = 60;

/** The body's first characters on one line, with … when cut. */
export function excerptOf(body: string, max = EXCERPT_LENGTH): string {
  const flat = [...body.replace(/\s+/g, ' ').trim()];
  return flat.length > max ? `${flat.slice(0, max).join('')}…` : flat.join('');
}

/** Whether every member of an audience whose org path is `audiencePath` sees a campaign (members see the
 *  campaigns, other than drafts, of the orgs on their own path). */
export function audienceSeesCampaign(audiencePath: readonly string[], campaign: { orgId: string; status: string }): boolean {
  return campaign.status !== 'draft' && audiencePath.includes(campaign.orgId);
}

/** Where 查看详情 goes and its label (`campaignTitle` for a campaign link). */
export function linkTarget(link: NoticeLink, campaignTitle = ''): { label: string; path: string } {
  return link.kind === 'campaign' ? { label: campaignTitle || '活动详情', path: campaignApplyPage(link.campaignId) } : { label: NOTICE_LINK_PAGES[link.page], path: link.page };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
const cut = (s: string, max: number): string => [...s].slice(0, max).join('');

/** The 订阅号 article of a notice, within WeChat's limits (author ≤ 16, digest ≤ 128 characters); the title
 *  fits already (NOTICE_LIMITS.title). The body becomes escaped paragraphs. */
export function accountArticle(n: { title: string; body: string; orgName: string }, thumbMediaId: string) {
  const paragraphs = n.body.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return {
    title: n.title,
    author: cut(n.orgName, 16),
    digest: excerptOf(n.body, 120),
    content: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
    thumb_media_id: thumbMediaId,
    need_open_comment: 0,
    only_fans_can_comment: 0,
  };
}
