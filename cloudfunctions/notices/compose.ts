// Composing a notice (staff): the orgs and campaigns they may address, the preview with the audience's
// size, and publishing — the notice, its audit entry and the jobs that deliver it (the fan-out to subscribe
// messages, the 订阅号 article) in one transaction, idempotent by the form's requestKey.
import { NOTICE_LINK_PAGES, type ComposeOptions, type ManagedNotice, type NoticeDraft, type NoticeLinkPage, type NoticeView } from '../../typings/api/notices';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { mayAddress, noticeScopes, publishingOrgId } from '../_shared/access/notices';
import { _, db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { AuditEntry } from '../_shared/data/audit';
import { getCampaign, type CampaignDoc } from '../_shared/data/campaigns';
import { accountCause, audienceSize, deliveryReports, fanoutCause, managedNotice, noticeView, type NoticeDoc } from '../_shared/data/notices';
import { allOrgs } from '../_shared/data/orgs';
import { outboxMessage } from '../_shared/data/outbox';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { audienceKey, audienceLabel, audienceSeesCampaign, checkNoticeText, linkTarget, noticePage } from '../_shared/domain/notices';
import { buildPickerTree, type PickerNode } from '../_shared/domain/orgTree';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { z } from '../_shared/validation';

const NOT_STAFF = '只有宣传干事可以发布通知';
const id = z.string({ error: '请选择' }).min(1, { error: '请选择' }).max(64);

const draftInput = z.strictObject({
  // the limits in characters are checked by checkNoticeText; these only bound the payload
  title: z.string({ error: '请填写标题' }).trim().max(200, { error: '标题太长了' }),
  body: z.string({ error: '请填写正文' }).trim().max(10_000, { error: '正文太长了' }),
  link: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('campaign'), campaignId: id }),
      z.strictObject({ kind: z.literal('page'), page: z.enum(Object.keys(NOTICE_LINK_PAGES) as [NoticeLinkPage, ...NoticeLinkPage[]], { error: '请选择链接的页面' }) }),
    ], { error: '请选择链接' })
    .nullish(),
  audience: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('org'), orgId: id }), z.strictObject({ kind: z.literal('campaign'), campaignId: id })], {
    error: '请选择通知对象',
  }),
  pushToAccount: z.boolean({ error: '请选择是否同步到订阅号' }),
});

/** A draft checked against the world: its audience and link exist and the staff may address them. */
interface Resolved {
  draft: NoticeDraft & { link: NoticeDraft['link'] };
  orgId: string;
  orgName: string;
  audienceOrgPath: string[];
  audienceLabel: string;
  linkView: { label: string; path: string } | null;
}

async function resolveDraft(actor: Actor, draft: z.output<typeof draftInput>): Promise<Result<Resolved>> {
  if (!noticeScopes(actor).length) return fail('FORBIDDEN', NOT_STAFF);
  const textErrors = checkNoticeText(draft.title, draft.body);
  if (Object.keys(textErrors).length) {
    const fields = Object.fromEntries(Object.entries(textErrors).map(([k, v]) => [`draft.${k}`, v]));
    return fail('VALIDATION_FAILED', Object.keys(fields).length === 1 ? Object.values(fields)[0] : '填写的内容有误，请按提示修改', fields);
  }
  const { audience, link } = draft;
  const [orgs, audienceCampaign, linkCampaign] = await Promise.all([
    allOrgs(),
    audience.kind === 'campaign' ? getCampaign(audience.campaignId) : null,
    link?.kind === 'campaign' ? getCampaign(link.campaignId) : null,
  ]);
  const byId = new Map(orgs.map((o) => [o._id, o]));
  let audienceOrgPath: string[];
  let name: string;
  if (audience.kind === 'org') {
    const org = byId.get(audience.orgId);
    if (!org) return fail('NOT_FOUND', '没有找到该工会组织');
    [audienceOrgPath, name] = [org.path, org.name];
  } else {
    if (!audienceCampaign) return fail('NOT_FOUND', '没有找到该活动');
    [audienceOrgPath, name] = [audienceCampaign.orgPath, audienceCampaign.title];
  }
  if (!mayAddress(actor, audienceOrgPath)) return fail('FORBIDDEN', '只能向您负责的工会组织的会员发布通知');
  if (link?.kind === 'campaign') {
    if (!linkCampaign) return fail('NOT_FOUND', '没有找到链接的活动');
    if (!audienceSeesCampaign(audienceOrgPath, linkCampaign)) {
      const message = '通知对象看不到这个活动，请换一个链接';
      return fail('VALIDATION_FAILED', message, { 'draft.link': message });
    }
  }
  const orgId = publishingOrgId(actor, audienceOrgPath)!;
  return ok({
    draft: { ...draft, link: link ?? null },
    orgId,
    orgName: byId.get(orgId)?.name ?? '',
    audienceOrgPath,
    audienceLabel: audienceLabel(audience, name),
    linkView: link ? linkTarget(link, linkCampaign?.title) : null,
  });
}

function noticeDoc(ctx: CallContext, noticeId: string, requestKey: string, r: Resolved, size: number): NoticeDoc {
  const { title, body, link, audience, pushToAccount } = r.draft;
  return {
    _id: noticeId,
    requestKey,
    publishedBy: ctx.openid,
    orgId: r.orgId,
    orgName: r.orgName,
    title,
    body,
    link: link ?? null,
    linkView: r.linkView,
    audience,
    audienceKey: audienceKey(audience),
    audienceOrgPath: r.audienceOrgPath,
    audienceLabel: r.audienceLabel,
    audienceSize: size,
    pushToAccount,
    account: { status: pushToAccount ? 'pending' : 'none' },
    status: 'published',
    publishedAt: ctx.now,
  };
}

export const composeOptions = action(z.strictObject({}), async (ctx): Promise<Result<ComposeOptions>> => {
  const scopes = noticeScopes(await loadActor(ctx.openid));
  if (!scopes.length) return fail('FORBIDDEN', NOT_STAFF);
  const [orgs, campaigns] = await Promise.all([
    allOrgs(),
    rows<Pick<CampaignDoc, '_id' | 'title' | 'createdAt' | 'kind'>>(
      db
        .collection('campaigns')
        .where({ orgPath: _.in(scopes), status: _.in(['open', 'closed']) })
        .orderBy('createdAt', 'desc')
        .limit(100)
        .field({ _id: true, title: true, createdAt: true, kind: true }),
    ),
  ]);
  const listed: ComposeOptions['orgs'] = [];
  const walk = (nodes: PickerNode[], depth: number) => {
    for (const n of nodes) {
      listed.push({ orgId: n.id, name: n.name, depth });
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(buildPickerTree(orgs.filter((o) => o.path.some((id) => scopes.includes(id)))), 0);
  return ok({ orgs: listed, campaigns: campaigns.map((c) => ({ campaignId: c._id, title: c.title, kindLabel: c.kind.label })) });
});

export const preview = action(
  z.strictObject({ draft: draftInput }),
  async (ctx, input): Promise<Result<{ audience: number; audienceLabel: string; notice: NoticeView }>> => {
    const resolved = await resolveDraft(await loadActor(ctx.openid), input.draft);
    if (!resolved.ok) return resolved;
    const size = await audienceSize(resolved.data.draft.audience);
    const doc = noticeDoc(ctx, 'preview', '', resolved.data, size);
    return ok({ audience: size, audienceLabel: doc.audienceLabel, notice: noticeView(doc) });
  },
);

export const publish = action(z.strictObject({ requestKey: requestKeyInput, draft: draftInput }), async (ctx, input): Promise<Result<{ notice: ManagedNotice }>> => {
  const actor = await loadActor(ctx.openid);
  const resolved = await resolveDraft(actor, input.draft);
  if (!resolved.ok) return resolved;
  const noticeId = idForRequest('notice', ctx.openid, input.requestKey);
  const doc = noticeDoc(ctx, noticeId, input.requestKey, resolved.data, await audienceSize(resolved.data.draft.audience));
  const jobs = [{ topic: 'noticeFanout' as const, causeId: fanoutCause(noticeId) }, ...(doc.pushToAccount ? [{ topic: 'accountPush' as const, causeId: accountCause(noticeId) }] : [])];
  const { doc: stored, created } = await transaction(async (tx) => {
    const existing = await txGet<NoticeDoc>(tx, 'notices', noticeId);
    if (existing) return { doc: existing, created: false };
    const { _id, ...data } = doc;
    await tx.collection('notices').doc(_id).set({ data });
    const entry: AuditEntry = {
      at: ctx.now,
      actorOpenid: ctx.openid,
      action: 'notice.publish',
      targetCollection: 'notices',
      targetId: noticeId,
      requestId: ctx.requestId,
      details: { audienceKey: doc.audienceKey, audienceSize: doc.audienceSize, pushToAccount: doc.pushToAccount },
    };
    await tx.collection('audit').add({ data: entry });
    for (const job of jobs) {
      await tx.collection('outbox').add({ data: outboxMessage({ ...job, toOpenid: '', title: doc.title, body: doc.audienceLabel, page: noticePage(noticeId), noticeId }, ctx.now) });
    }
    return { doc, created: true };
  });
  // a new notice has delivered nothing yet; a retried publish answers the report as it stands
  const report = created ? undefined : (await deliveryReports([stored])).get(noticeId);
  const { publishId: _publishId, ...account } = stored.account;
  return ok({ notice: managedNotice(stored, report ?? { audience: stored.audienceSize, sent: 0, noQuota: 0, failed: 0, unknown: 0, pending: stored.audienceSize, account }) });
});
