/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 活动管理 and the campaign editor through the real campaigns function on localcloud (demo world): a federation
// officer starts a campaign from its kind's template, sees the server's validation errors against the rows they
// belong to, saves it as a draft, opens it, and finds it in the list with its budget bar; members then see it.
import { callAs, data } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, find, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

async function save(editor: Page): Promise<void> {
  await tap(editor, '.save');
  await waitFor(() => !editor.data.saving && (editor.data.notice !== '' || editor.data.error !== ''));
}

test('a new 夏送清凉 from its template: field errors on their rows, saved as a draft, opened, listed', async () => {
  actAs(lc.url, 'o-demo-fed-officer');
  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  expect(textOf(list, '.campaign--campaign-student-aid')).toContain('预算 500000元');
  expect(textOf(list, '.campaign--campaign-student-aid')).toContain('正在报名');
  await tap(list, '.new');
  expect(wxLog.navigations.at(-1)).toEqual({ api: 'navigateTo', url: '/admin/campaign/index' });

  const editor = renderPage(simulate, 'admin/campaign/index');
  await waitFor(() => editor.data.form !== null && editor.data.form.orgName !== '');
  // 金秋助学 is the first template: its tiers and fields, run by the officer's own federation.
  expect(textOf(editor, '#org')).toContain('示范县总工会');
  expect(editor.data.tiers.map((t: { label: string; amountYuan: string }) => `${t.label}${t.amountYuan}`)).toEqual(['专科2000', '本科3000', '研究生5000']);

  // A budget below a tier: the server's message lands on that tier's row.
  await typeInto(editor, '#budget', '1000');
  await save(editor);
  expect(textOf(editor, '.error')).toBe('填写的内容有误，请按提示修改');
  expect(textOf(editor, '.tier--0 .tier-error')).toBe('档次金额不能超过预算');

  // Switching kind starts from that kind's template.
  await tap(editor, '.kind--summerRelief');
  expect(editor.data.tiers).toEqual([]);
  expect(editor.data.fields.map((f: { key: string }) => f.key)).toEqual(['unit', 'jobType', 'workers', 'address', 'goods', 'proposedDate']);
  await typeInto(editor, '#title', '夏送清凉（第二批）');
  await typeInto(editor, '#maxAmount', '3000');

  // A new select field at the end, moved up one; a duplicate key on another row.
  await tap(editor, '.add-field');
  await typeInto(editor, '.field--6 .field-label', '是否夜班');
  await typeInto(editor, '.field--6 .field-key', 'nightShift');
  find(editor, '.field--6 .field-type').dispatchEvent('change', { detail: { value: 5 } }); // 选择题
  await waitFor(() => editor.data.fields[6].type === 'select');
  await tap(editor, '.field--6 .add-option');
  await typeInto(editor, '.field--6 .option-label', '是');
  await typeInto(editor, '.field--6 .option-value', 'yes');
  await tap(editor, '.field--6 .move-up');
  expect(editor.data.fields.map((f: { key: string }) => f.key)).toEqual(['unit', 'jobType', 'workers', 'address', 'goods', 'nightShift', 'proposedDate']);
  await typeInto(editor, '.field--2 .field-key', 'unit');
  await save(editor);
  expect(textOf(editor, '.field--2 .field-row-error')).toBe('字段标识不能重复');
  expect(editor.data.version).toBe(0);

  await typeInto(editor, '.field--2 .field-key', 'workers');
  editor.setData({ error: '' });
  await save(editor);
  expect(editor.data.error).toBe('');
  expect(textOf(editor, '.notice')).toBe('已保存。确认无误后点“开始报名”');
  expect([editor.data.status, editor.data.version]).toEqual(['draft', 1]);

  await tap(editor, '.open');
  await waitFor(() => !editor.data.opening);
  expect(textOf(editor, '.notice')).toBe('已开始报名，会员在首页可以看到这个活动');
  expect(editor.data.status).toBe('open');

  const campaignId = editor.data.campaignId as string;
  const again = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => again.data.loaded);
  const card = textOf(again, `.campaign--${campaignId}`);
  expect(card).toContain('夏送清凉（第二批）');
  expect(card).toContain('正在报名');
  expect(card).toContain('预算 200000元');
  expect(card).toContain('剩余 200000元');

  // Saved as the editor showed it: members see the campaign with the added field where it was moved.
  const { campaign } = data(await callAs(lc, 'o-demo-member', 'campaigns', 'get', { campaignId }));
  expect(campaign).toMatchObject({ title: '夏送清凉（第二批）', kind: { kindId: 'summerRelief', label: '夏送清凉' }, maxAmountFen: 300_000, status: 'open' });
  expect(campaign.fields[5]).toEqual({ key: 'nightShift', label: '是否夜班', type: 'select', required: true, options: [{ value: 'yes', label: '是' }] });
});

test('an existing campaign opens in the editor with its values; closing it from the list', async () => {
  actAs(lc.url, 'o-demo-fed-officer');
  const editor = renderPage(simulate, 'admin/campaign/index', { campaignId: 'campaign-student-aid' });
  await waitFor(() => editor.data.form !== null);
  expect(editor.data.form).toMatchObject({ kindId: 'studentAid', title: `${new Date().getFullYear()}年金秋助学`, budgetYuan: '500000', hardshipOnly: true, orgName: '示范县总工会' });
  expect(editor.data.fields[7]).toMatchObject({ key: 'admissionNotice', type: 'images', maxText: '3', maxUnit: '张' });
  // a saved campaign keeps its kind: no kind to choose, only its name
  expect(editor.querySelectorAll('.kind')).toHaveLength(0);
  expect(textOf(editor, '.kind-fixed')).toBe('金秋助学（保存后不能更改）');

  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  await tap(list, '.campaign--campaign-summer-relief .close');
  await waitFor(() => list.data.notice !== '' || list.data.error !== '');
  expect(textOf(list, '.notice')).toBe('2026年夏送清凉：已结束报名');
  expect(textOf(list, '.campaign--campaign-summer-relief')).toContain('已结束报名');
});

test('an org officer cannot manage campaigns', async () => {
  actAs(lc.url, 'o-demo-org-officer');
  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  expect(textOf(list, '.error')).not.toBe('');
  expect(list.querySelectorAll('.campaign')).toHaveLength(0);
});
