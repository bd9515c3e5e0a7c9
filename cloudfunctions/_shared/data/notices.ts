// The notices collection: the stored shape, its views, who is in a notice's audience (counted at publish,
// read a page at a time by the fan-out) and the delivery report read from the outbox.
import type { DeliveryReport, ManagedNotice, NoticeAudience, NoticeLink, NoticeSummary, NoticeView } from '../../../typings/api/notices';
import { _, db, rows } from '../cloud';
import { excerptOf, firstApplications, type AudienceApplication } from '../domain/notices';
import { AGGREGATE_MAX_RESULTS } from './aggregate';
import { nextCursor, whereAfter, type CursorPosition } from './cursor';
import { OUTBOX_STATUSES } from './outbox';

export type AccountStatus = DeliveryReport['account'];

export interface NoticeDoc {
  _id: string;
  requestKey: string;
  publishedBy: string;
  /** the org it is published by (the staff grant covering the audience) and its name */
  orgId: string;
  orgName: string;
  title: string;
  body: string;
  link: NoticeLink | null;
  /** the link resolved when published: label and page path */
  linkView: { label: string; path: string } | null;
  audience: NoticeAudience;
  /** 'org:<orgId>' | 'campaign:<campaignId>', what the board reads by */
  audienceKey: string;
  /** the path of the audience's org (a campaign's: its org's): whose staff manage the notice */
  audienceOrgPath: string[];
  audienceLabel: string;
  /** members in the audience when published (corrected to those fanned out once the fan-out ends) */
  audienceSize: number;
  pushToAccount: boolean;
  account: AccountStatus & { publishId?: string };
  status: 'published';
  publishedAt: Date;
}

/** The fan-out job's progress, kept on its outbox message (see notices/jobs.ts). */
export interface FanoutProgress {
  noQuota?: number;
  queued?: number;
}

export const fanoutCause = (noticeId: string): string => `${noticeId}:fanout`;
export const accountCause = (noticeId: string): string => `${noticeId}:account`;

export function noticeSummary(n: NoticeDoc): NoticeSummary {
  return { noticeId: n._id, title: n.title, excerpt: excerptOf(n.body), orgName: n.orgName, publishedAt: new Date(n.publishedAt).toISOString() };
}

export function noticeView(n: NoticeDoc): NoticeView {
  return { ...noticeSummary(n), body: n.body, link: n.linkView };
}

export function managedNotice(n: NoticeDoc, report: DeliveryReport): ManagedNotice {
  return { ...noticeSummary(n), body: n.body, audience: n.audience, audienceLabel: n.audienceLabel, link: n.link, pushToAccount: n.pushToAccount, report };
}

export async function getNotice(noticeId: string): Promise<NoticeDoc | null> {
  const [n] = await rows<NoticeDoc>(db.collection('notices').where({ _id: noticeId }).limit(1));
  return n ?? null;
}

/** The approved members of an org's subtree, or the applicants of a campaign (withdrawn ones excepted). */
const orgAudience = (orgId: string) => ({ orgPath: orgId, status: 'approved' });
const campaignApplications = (campaignId: string) => ({ campaignId, status: _.neq('withdrawn') });

/** How many members an audience holds now: one count, or one aggregation of distinct applicants (one result). */
export async function audienceSize(audience: NoticeAudience): Promise<number> {
  if (audience.kind === 'org') {
    const res = (await db.collection('members').where(orgAudience(audience.orgId)).count()) as { total: number };
    return res.total;
  }
  const res = (await db
    .collection('applications')
    .aggregate()
    .match(campaignApplications(audience.campaignId))
    .group({ _id: '$applicantOpenid' })
    .count('n')
    .limit(1) // $count answers one result
    .end()) as { list: { n: number }[] };
  return res.list[0]?.n ?? 0;
}

export interface AudienceMember {
  openid: string;
  /** the page position: a member's submittedAt, an applicant's first standing application */
  position: CursorPosition;
}

export interface AudiencePage {
  members: AudienceMember[];
  /** where the next page starts; null after the last */
  cursor: string | null;
}

/** How many openids one look-up of earlier applications asks about: their standing applications must fit
 *  in one read of at most 1,000. */
const OPENIDS_PER_LOOKUP = 100;

/**
 * One page of an audience in a stable order, after `after`, read by range on an index whatever the
 * audience's size: members by (submittedAt, _id); a campaign's applicants by their applications'
 * (createdAt, _id), each applicant at their first standing application (domain firstApplications).
 */
export async function audiencePage(audience: NoticeAudience, after: CursorPosition | null, limit: number): Promise<AudiencePage> {
  if (audience.kind === 'org') {
    const found = await rows<{ _id: string; openid: string; submittedAt: Date }>(
      db
        .collection('members')
        .where(whereAfter(orgAudience(audience.orgId), 'submittedAt', after))
        .orderBy('submittedAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .field({ _id: true, openid: true, submittedAt: true }),
    );
    const members = found.map((m) => ({ openid: m.openid, position: { at: new Date(m.submittedAt), id: m._id } }));
    return { members, cursor: nextCursor(members, limit, (m) => m.position) };
  }
  const fields = { _id: true, applicantOpenid: true, createdAt: true };
  const standing = campaignApplications(audience.campaignId);
  const page = await rows<AudienceApplication>(
    db.collection('applications').where(whereAfter(standing, 'createdAt', after)).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).field(fields),
  );
  const openids = [...new Set(page.map((a) => a.applicantOpenid))];
  const lookups = [];
  for (let i = 0; i < openids.length; i += OPENIDS_PER_LOOKUP) {
    const some = openids.slice(i, i + OPENIDS_PER_LOOKUP);
    lookups.push(rows<AudienceApplication>(db.collection('applications').where({ applicantOpenid: _.in(some), ...standing }).limit(1000).field(fields)));
  }
  const theirs = (await Promise.all(lookups)).flat();
  const position = (a: AudienceApplication) => ({ at: new Date(a.createdAt), id: a._id });
  return {
    members: firstApplications(page, theirs).map((a) => ({ openid: a.applicantOpenid, position: position(a) })),
    cursor: nextCursor(page, limit, position),
  };
}

/** Notices one deliveryReports call takes: their (notice, status) groups fit in one aggregation. */
const REPORTS_AT_ONCE = Math.floor(AGGREGATE_MAX_RESULTS / OUTBOX_STATUSES.length);

/** The delivery reports of a few notices (a page of them, at most REPORTS_AT_ONCE): one aggregation of their
 *  messages by status and one read of their fan-out jobs, issued together. */
export async function deliveryReports(notices: NoticeDoc[]): Promise<Map<string, DeliveryReport>> {
  const reports = new Map<string, DeliveryReport>();
  if (!notices.length) return reports;
  if (notices.length > REPORTS_AT_ONCE) throw new Error(`deliveryReports takes at most ${REPORTS_AT_ONCE} notices, not ${notices.length}`);
  const ids = notices.map((n) => n._id);
  const [grouped, jobs] = await Promise.all([
    db
      .collection('outbox')
      .aggregate()
      .match({ noticeId: _.in(ids), topic: 'notice' })
      .group({ _id: { noticeId: '$noticeId', status: '$status' }, n: db.command.aggregate.sum(1) })
      .limit(ids.length * OUTBOX_STATUSES.length) // one group per notice and status at most
      .end() as Promise<{ list: { _id: { noticeId: string; status: string }; n: number }[] }>,
    rows<FanoutProgress & { noticeId: string }>(
      db.collection('outbox').where({ causeId: _.in(ids.map(fanoutCause)) }).field({ noticeId: true, noQuota: true, queued: true }).limit(ids.length),
    ),
  ]);
  const counts = new Map<string, Record<string, number>>();
  for (const { _id, n } of grouped.list) counts.set(_id.noticeId, { ...counts.get(_id.noticeId), [_id.status]: n });
  const skipped = new Map(jobs.map((j) => [j.noticeId, j.noQuota ?? 0]));
  for (const notice of notices) {
    const by = counts.get(notice._id) ?? {};
    const sent = by.sent ?? 0;
    const failed = by.failed ?? 0;
    const unknown = by.unknown ?? 0;
    // a member whose quota was gone by the time of sending (43101) counts as without quota too
    const noQuota = (skipped.get(notice._id) ?? 0) + (by.noQuota ?? 0);
    const { publishId: _publishId, ...account } = notice.account;
    reports.set(notice._id, { audience: notice.audienceSize, sent, noQuota, failed, unknown, pending: notice.audienceSize - sent - noQuota - failed - unknown, account });
  }
  return reports;
}
