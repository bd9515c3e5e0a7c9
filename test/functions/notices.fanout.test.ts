// A notice to a large org through localcloud: the fan-out reads the audience a page (500) at a time, sends to
// exactly the members with quota, each once, even where a fan-out that died had already queued some of a
// page's messages; the report adds up to the audience with nothing pending.
import { EJSON } from 'bson';
import templatesFile from '../../cloudbase/subscribe-templates.json';
import type { ManagedNotice } from '../../typings/api/notices';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { requestKey, sdkDb } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const NOTICE_TEMPLATE = templatesFile.templates.noticePublished.templateId;
const MEMBERS = 1100;
const ORG_PATH = ['org-county', 'org-park', 'org-park-food'];
const openidOf = (i: number) => `o-fan-${String(i).padStart(4, '0')}`;
const hasQuota = (i: number) => i % 3 === 0;

const importDocs = async (collection: string, docs: object[]) => {
  const res = await fetch(`${lc.url}/__localcloud/database/${collection}/import`, { method: 'POST', body: docs.map((d) => EJSON.stringify(d, { relaxed: false })).join('\n') + '\n' });
  expect(res.status).toBe(200);
};

test('1100 members of a park: sent once to each with quota, none twice after a crashed page, the report adds up', async () => {
  // the staff may address the park (and the function is loaded before the bulk of the work)
  expect(data(await callAs(lc, PEOPLE.staff, 'notices', 'composeOptions', {})).orgs.map((o) => o.orgId)).toContain('org-park');
  const base = Date.UTC(2026, 0, 1);
  // pairs of members share a submittedAt, so pages break ties by _id
  await importDocs(
    'members',
    Array.from({ length: MEMBERS }, (_, i) => ({
      _id: `m-fan-${String(i).padStart(4, '0')}`,
      openid: openidOf(i),
      name: `会员${i}`,
      idCard: { enc: 'x', hash: `fan-${i}`, masked: 'x' },
      orgId: 'org-park-food',
      orgPath: ORG_PATH,
      status: 'approved',
      submittedAt: new Date(base + Math.floor(i / 2) * 60_000),
    })),
  );
  const consenting = Array.from({ length: MEMBERS }, (_, i) => i).filter(hasQuota).map(openidOf);
  await importDocs(
    'subscriptions',
    consenting.map((openid) => ({ _id: `${openid}:noticePublished`, openid, template: 'noticePublished', quota: 1, updatedAt: new Date() })),
  );
  for (const openid of consenting) await lc.postJson('/__localcloud/openapi/subscriptions', { openid, templateIds: [NOTICE_TEMPLATE] });

  const draft = { title: '园区职工技能大赛报名', body: '请各单位组织报名。', audience: { kind: 'org', orgId: 'org-park' }, pushToAccount: false };
  const { notice } = data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: requestKey(), draft }));
  const audience = MEMBERS + 2; // and the demo lawyer (示范食品) and admin (示范电力)
  expect(notice.report).toMatchObject({ audience, pending: audience });

  // A fan-out that died after queueing part of its first page: those messages exist, its cursor never moved;
  // the rerun of the page inserts none of them again and counts them once.
  const db = sdkDb(lc);
  const now = new Date();
  for (const openid of consenting.slice(0, 10)) {
    await db.collection('outbox').add({
      data: { topic: 'notice', toOpenid: openid, title: draft.title, body: draft.body, page: `pages/notices/notice?noticeId=${notice.noticeId}`, status: 'pending', attempts: 0, createdAt: now, dueAt: now, causeId: `${notice.noticeId}:${openid}`, noticeId: notice.noticeId, orgName: '示范县总工会' },
    });
  }

  let report: ManagedNotice['report'] = notice.report;
  for (let fire = 0; fire < 6 && report.pending > 0; fire++) {
    await fetch(`${lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
    report = data(await callAs(lc, PEOPLE.staff, 'notices', 'report', { noticeId: notice.noticeId })).notice.report;
  }
  expect(report).toEqual({ audience, sent: consenting.length, noQuota: audience - consenting.length, failed: 0, unknown: 0, pending: 0, account: { status: 'none' } });

  const { calls } = await lc.getJson<{ calls: { data: { touser: string; template_id: string } }[] }>('/__localcloud/openapi/calls?apiName=subscribeMessage.send');
  const to = calls.filter((c) => c.data.template_id === NOTICE_TEMPLATE).map((c) => c.data.touser);
  expect(to.length).toBe(consenting.length);
  expect([...to].sort()).toEqual([...consenting].sort());
  const job = ((await db.collection('outbox').where({ causeId: `${notice.noticeId}:fanout` }).get()) as unknown as { data: { status: string; noQuota: number; queued: number }[] }).data[0];
  expect(job).toMatchObject({ status: 'sent', noQuota: audience - consenting.length, queued: consenting.length });
}, 240_000);
