/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 入会审核 and 我的 around a rejection, through the real members function on localcloud (demo world): a
// reason is required, the member sees it and resubmits; a decision someone else made first is a CONFLICT.
// The queue pages 20 at a time, the next page appended by path.
import { idCardCheckChar } from '../../cloudfunctions/_shared/domain/idCard';
import { callAs, data, idCard } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, recordSetData, renderPage, setupMiniprogram, tap, tapItem, textOf, typeInto, waitFor } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

async function openApplicant(openid: string, name: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, 'admin/membership/index');
  await waitFor(() => page.data.loaded);
  await tapItem(page, '.applicant', name);
  await waitFor(() => page.data.open !== null);
  return page;
}

test('a stale decision shows 已被他人处理，请刷新; rejecting needs a reason; the member sees it and resubmits', async () => {
  const orgOfficer = await openApplicant('o-demo-org-officer', '李秀英');
  const fedOfficer = await openApplicant('o-demo-fed-officer', '李秀英');
  expect(textOf(orgOfficer)).toContain('城关镇环卫所工会');

  await tap(fedOfficer, '.reject');
  expect(textOf(fedOfficer, '.reason-error')).toBe('请填写不通过的原因，会员会看到');
  await typeInto(fedOfficer, '#reason', '工作单位与所选工会不一致');
  await tap(fedOfficer, '.reject');
  await waitFor(() => fedOfficer.data.notice !== '' || fedOfficer.data.error !== '');
  expect(textOf(fedOfficer, '.notice')).toBe('已退回：李秀英');

  await tap(orgOfficer, '.approve');
  await waitFor(() => orgOfficer.data.conflict || orgOfficer.data.error !== '');
  expect(textOf(orgOfficer, '.conflict')).toContain('已被他人处理，请刷新');
  await tap(orgOfficer, '.refresh');
  await waitFor(() => orgOfficer.data.loaded && orgOfficer.data.open === null && !orgOfficer.data.loading);
  expect(textOf(orgOfficer)).not.toContain('李秀英');

  actAs(lc.url, 'o-demo-pending');
  const mine = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => mine.data.loaded);
  expect(textOf(mine, '.status')).toBe('未通过');
  expect(textOf(mine, '.review-note')).toBe('未通过原因：工作单位与所选工会不一致');

  const form = renderPage(simulate, 'pages/register/index', { mode: 'resubmit' });
  await waitFor(() => form.data.version > 0);
  expect(textOf(form, '.message')).toBe('未通过原因：工作单位与所选工会不一致');
  expect(textOf(find(form, '#org'), '.chosen')).toBe('城关镇环卫所工会');
  await typeInto(form, '#idCard', '42032219800521062' + idCardCheckChar('42032219800521062')); // the demo's own
  await typeInto(form, '#phone', '13872000002');
  await typeInto(form, '#workUnit', '城关镇环卫所清扫队');
  await tap(form, '.submit');
  await waitFor(() => !form.data.submitting);
  expect([form.data.done, form.data.message]).toEqual([true, '']);

  const again = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => again.data.loaded);
  expect(textOf(again, '.status')).toBe('审核中');
  expect(textOf(again)).toContain('城关镇环卫所清扫队');
});

test('someone without an officer role gets no queue', async () => {
  actAs(lc.url, 'o-demo-member'); // holds no role
  const page = renderPage(simulate, 'admin/membership/index');
  await waitFor(() => page.data.loaded);
  expect(textOf(page, '.error')).not.toBe('');
  expect(page.querySelectorAll('.applicant')).toHaveLength(0);
});

test('the queue shows 20 at a time; 加载更多 sends only the new rows, appended by path', async () => {
  const names: string[] = [];
  for (let n = 1; n <= 25; n++) {
    const name = `入会职工${String.fromCharCode(0x4e00 + n)}`;
    names.push(name);
    data(
      await callAs(lc, `o-review-newcomer-${n}`, 'members', 'register', {
        name,
        idCard: idCard(`42032219900301${String(n).padStart(3, '0')}`),
        phone: `1397200${String(n).padStart(4, '0')}`,
        workUnit: '城关镇环卫所',
        orgId: 'org-cg-sanitation',
        newEmployment: null,
      }),
    );
  }

  actAs(lc.url, 'o-demo-org-officer');
  const page = renderPage(simulate, 'admin/membership/index');
  const payloads: Record<string, unknown>[] = [];
  recordSetData(page, payloads);
  await waitFor(() => page.data.loaded && !page.data.loading);
  expect(page.data.queue).toHaveLength(20);
  expect(page.data.cursor).not.toBeNull();
  const firstPage = page.data.queue.map((q: { memberId: string }) => q.memberId);

  const before = payloads.length;
  await tap(page, '.more');
  await waitFor(() => page.data.queue.length > 20 && !page.data.loading);
  const total = page.data.queue.length;
  expect(page.data.cursor).toBeNull();
  expect(page.querySelectorAll('.applicant')).toHaveLength(total);
  expect(page.data.queue.slice(0, 20).map((q: { memberId: string }) => q.memberId)).toEqual(firstPage);
  for (const name of names) expect(textOf(page)).toContain(name);
  // the next page's rows went over by path, queue[20]…; the first 20 were not sent again
  const rowKeys = payloads.slice(before).flatMap((p) => Object.keys(p).filter((k) => k.startsWith('queue')));
  expect(rowKeys).toEqual(Array.from({ length: total - 20 }, (_, i) => `queue[${20 + i}]`));
});
