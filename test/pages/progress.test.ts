/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 办事进度 through the real applications function on localcloud (demo world): the member's applications newest
// first, a page at a time with small setData payloads, a tap opening one.
import { callAs, data } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, recordSetData, renderPage, setupMiniprogram, tap, tapItem, textOf, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

const MEMBER = 'o-demo-member';

/** 夏送清凉 for `n` work sites, made one after another so their order is known; ids oldest first. */
async function applyForSites(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await callAs(lc, MEMBER, 'applications', 'submit', {
      campaignId: 'campaign-summer-relief',
      requestKey: `progress-test-${i}`,
      answers: { unit: `城关镇环卫所第${i}班组`, jobType: 'sanitation', workers: 10 + i, address: `解放路${i}号`, goods: '绿豆、白糖', proposedDate: '2026-12-05' },
    });
    ids.push(data(r).application.applicationId);
  }
  return ids;
}

test('办事进度 lists my applications newest first, 20 at a time in small payloads; a tap opens one', async () => {
  const ids = await applyForSites(21);
  // someone else's application is not mine
  data(
    await callAs(lc, 'o-demo-org-officer', 'applications', 'submit', {
      campaignId: 'campaign-summer-relief',
      requestKey: 'progress-test-officer',
      answers: { unit: '城关镇建筑公司', jobType: 'construction', workers: 80, address: '城关镇工业园', goods: '防暑药品', proposedDate: '2026-12-06' },
    }),
  );

  actAs(lc.url, MEMBER);
  const page = renderPage(simulate, 'pages/progress/index');
  const sizes = recordSetData(page);
  await waitFor(() => page.data.loaded);
  expect(page.data.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(1).reverse());
  const rows = page.querySelectorAll('.item');
  expect(rows).toHaveLength(20);
  expect(textOf(rows[0])).toContain('夏送清凉');
  expect(textOf(rows[0])).toContain('待基层工会审核');
  expect(textOf(rows[0])).toContain('城关镇环卫所第21班组');
  expect(textOf(page)).not.toContain('城关镇建筑公司');
  // a page of 20 rows: only what the rows show, well under the runtime's comfortable size
  expect(Math.max(...sizes)).toBeLessThan(8 * 1024);

  await tap(page, '.more');
  await waitFor(() => page.data.items.length === 21 && !page.data.loading);
  expect(page.data.items[20].id).toBe(ids[0]);
  expect(page.data.cursor).toBeNull();
  expect(page.querySelector('.more')).toBeFalsy();
  expect(sizes[sizes.length - 1]).toBeLessThan(1024); // the next page is appended, not the list again

  wxLog.navigations.length = 0;
  await tapItem(page, '.item', '城关镇环卫所第7班组');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/pages/application/index?applicationId=${ids[6]}` }]);
});
