// The pure rules of notices: text limits in characters, audience keys and labels, the board's keys, the
// excerpt, which campaigns an audience sees, where links go, the 订阅号 article, a campaign audience's
// applicants each once; and who may publish to whom.
import type { Actor } from '../../cloudfunctions/_shared/access/actor';
import { mayAddress, noticeScopes, publishingOrgId } from '../../cloudfunctions/_shared/access/notices';
import {
  accountArticle,
  audienceKey,
  audienceLabel,
  audienceSeesCampaign,
  boardKeys,
  checkNoticeText,
  excerptOf,
  firstApplications,
  linkTarget,
  noticePage,
} from '../../cloudfunctions/_shared/domain/notices';

describe('checkNoticeText', () => {
  test.each([
    ['a fine notice', '金秋助学开始申请', '请按时提交材料。', {}],
    ['an empty title', '', '正文', { title: '请填写标题' }],
    ['an empty body', '标题', '', { body: '请填写正文' }],
    ['32 characters of title', '通'.repeat(32), '正文', {}],
    ['33 characters of title', '通'.repeat(33), '正文', { title: '标题最多32个字' }],
    ['32 emoji (64 UTF-16 units) are 32 characters', '🎉'.repeat(32), '正文', {}],
    ['a title with a line break', '第一行\n第二行', '正文', { title: '标题不能换行' }],
    ['2000 characters of body', '标题', '字'.repeat(2000), {}],
    ['2001 characters of body', '标题', '字'.repeat(2001), { body: '正文最多2000个字' }],
  ])('%s', (_name, title, body, errors) => {
    expect(checkNoticeText(title, body)).toEqual(errors);
  });
});

test('audience keys, labels and the board keys of a member', () => {
  expect(audienceKey({ kind: 'org', orgId: 'org-chengguan' })).toBe('org:org-chengguan');
  expect(audienceKey({ kind: 'campaign', campaignId: 'c1' })).toBe('campaign:c1');
  expect(audienceLabel({ kind: 'org', orgId: 'x' }, '城关镇总工会')).toBe('城关镇总工会全体会员');
  expect(audienceLabel({ kind: 'campaign', campaignId: 'x' }, '2026年金秋助学')).toBe('2026年金秋助学申请人');
  expect(boardKeys(['org-county', 'org-chengguan'], ['c1', 'c1', 'c2'])).toEqual(['org:org-county', 'org:org-chengguan', 'campaign:c1', 'campaign:c2']);
});

test('the excerpt is one line, cut by characters with …', () => {
  expect(excerptOf('第一行\n\n第二行  结束')).toBe('第一行 第二行 结束');
  expect(excerptOf('一二三四五六', 4)).toBe('一二三四…');
  expect(excerptOf('🎉🎉🎉', 2)).toBe('🎉🎉…');
  expect(excerptOf('一二三四', 4)).toBe('一二三四');
});

test('an audience sees a campaign of an org on its path that is not a draft', () => {
  const path = ['org-county', 'org-chengguan'];
  expect(audienceSeesCampaign(path, { orgId: 'org-county', status: 'open' })).toBe(true);
  expect(audienceSeesCampaign(path, { orgId: 'org-chengguan', status: 'closed' })).toBe(true);
  expect(audienceSeesCampaign(path, { orgId: 'org-county', status: 'draft' })).toBe(false);
  expect(audienceSeesCampaign(path, { orgId: 'org-shuiping', status: 'open' })).toBe(false);
  expect(audienceSeesCampaign(path, { orgId: 'org-cg-sanitation', status: 'open' })).toBe(false); // only part of the audience
});

test('links go to the campaign form or the named page; the notice page', () => {
  expect(linkTarget({ kind: 'campaign', campaignId: 'c 1' }, '金秋助学')).toEqual({ label: '金秋助学', path: 'pages/apply/index?campaignId=c%201' });
  expect(linkTarget({ kind: 'page', page: 'pages/legal-aid/index' })).toEqual({ label: '法律援助', path: 'pages/legal-aid/index' });
  expect(noticePage('notice-1')).toBe('pages/notices/notice?noticeId=notice-1');
});

test('the 订阅号 article: escaped paragraphs, author and digest within WeChat’s limits', () => {
  const a = accountArticle({ title: '标题', body: '第一段 <b>&</b>\n\n第二段', orgName: '示范县城关镇快递物流行业联合工会委员会' }, 'thumb-1');
  expect(a).toMatchObject({ title: '标题', thumb_media_id: 'thumb-1', content: '<p>第一段 &lt;b&gt;&amp;&lt;/b&gt;</p><p>第二段</p>' });
  expect([...a.author].length).toBeLessThanOrEqual(16);
  expect([...accountArticle({ title: 't', body: '字'.repeat(2000), orgName: 'o' }, 'm').digest].length).toBeLessThanOrEqual(128);
});

describe('who may publish', () => {
  const actor = (grants: [string, string, string[]][]): Actor => ({
    openid: 'o',
    memberId: 'm',
    verified: true,
    grants: grants.map(([role, orgId, orgPath], i) => ({ grantId: `g${i}`, role: role as Actor['grants'][number]['role'], orgId, orgPath })),
  });
  const cgPath = ['org-county', 'org-chengguan'];
  test('staff over the audience org or an ancestor; no other role', () => {
    expect(mayAddress(actor([['staff', 'org-county', ['org-county']]]), cgPath)).toBe(true);
    expect(mayAddress(actor([['staff', 'org-shuiping', ['org-county', 'org-shuiping']]]), cgPath)).toBe(false);
    expect(mayAddress(actor([['federationOfficer', 'org-county', ['org-county']]]), cgPath)).toBe(false);
    expect(mayAddress(actor([['admin', 'org-county', ['org-county']]]), cgPath)).toBe(false);
    expect(noticeScopes(actor([['orgOfficer', 'org-chengguan', cgPath]]))).toEqual([]);
  });
  test('a notice is published by the highest staff grant over its audience', () => {
    const both = actor([
      ['staff', 'org-chengguan', cgPath],
      ['staff', 'org-county', ['org-county']],
    ]);
    expect(publishingOrgId(both, [...cgPath, 'org-cg-sanitation'])).toBe('org-county');
    expect(publishingOrgId(actor([['staff', 'org-chengguan', cgPath]]), cgPath)).toBe('org-chengguan');
    expect(publishingOrgId(actor([['staff', 'org-chengguan', cgPath]]), ['org-county'])).toBeNull();
  });
});

describe('firstApplications: a campaign audience paged by application reaches each applicant once', () => {
  const app = (id: string, openid: string, at: string) => ({ _id: id, applicantOpenid: openid, createdAt: new Date(at) });
  const a1 = app('a1', 'o-a', '2026-07-01T01:00:00Z');
  const a2 = app('a2', 'o-a', '2026-07-02T01:00:00Z');
  const b1 = app('b1', 'o-b', '2026-07-01T02:00:00Z');
  const c1 = app('c1', 'o-c', '2026-07-03T01:00:00Z');
  const c0 = app('c0', 'o-c', '2026-07-03T01:00:00Z'); // the same instant: the smaller _id comes first

  test('in one page, an applicant is reached at their first application only', () => {
    expect(firstApplications([a1, b1, a2], [a1, a2, b1])).toEqual([a1, b1]);
  });
  test('on a later page, an applicant reached on an earlier page is not reached again', () => {
    // pages of two: [a1, b1] then [a2, c0, c1] (c0/c1 tie on time)
    expect(firstApplications([a1, b1], [a1, a2, b1])).toEqual([a1, b1]);
    expect(firstApplications([a2, c0], [a1, a2, c0, c1])).toEqual([c0]);
    expect(firstApplications([c1], [c0, c1])).toEqual([]);
  });
  test('without the earlier applications looked up, the page alone decides', () => {
    expect(firstApplications([a2, c1], [])).toEqual([a2, c1]);
  });
});
