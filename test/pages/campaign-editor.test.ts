/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 活动管理 and the campaign editor through the real campaigns function on localcloud (demo world): a federation
// officer starts a campaign from its kind's template, removes a field only after confirming (never one its kind's
// rules read), adds and moves one, sees the server's validation errors against the rows they belong to, saves it
// as a draft, opens it, and finds it in the list with its budget bar; members then see it.
import { callAs, data } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, answerModals, find, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

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

  // No identifiers shown: the server's keys for fields, tiers and options are the editor's business.
  for (const dev of ['.field-key', '.tier-key', '.option-value']) expect(editor.querySelector(dev)).toBeFalsy();
  // The fields the kind's rules read cannot be removed; another one only after saying so twice.
  expect(editor.querySelector('.field--0 .remove-field')).toBeFalsy();
  expect(editor.data.fields.filter((f: { fixed: boolean }) => f.fixed).map((f: { label: string }) => f.label)).toEqual(['单位名称', '高温岗位职工人数', '送达地址']);
  expect(textOf(editor, '.field--2 .fixed-note')).toBe('夏送清凉按这一项认定职工人数：不能删除，不能换填写方式，会员必须填写。');
  answerModals(false);
  await tap(editor, '.field--4 .remove-field');
  expect(wxLog.modals.at(-1)).toEqual({ title: '删除这一项？', content: '“需要的物资或金额”将从申请表中去掉。已经提交的申请不受影响。' });
  expect(editor.data.fields).toHaveLength(6);
  answerModals(true);
  await tap(editor, '.field--4 .remove-field');
  await waitFor(() => editor.data.fields.length === 5);
  expect(wxLog.toasts.at(-1)).toBe('已删除“需要的物资或金额”');

  // A new select field at the end, moved up one; an option left without a name, shown on its row.
  await tap(editor, '.add-field');
  await typeInto(editor, '.field--5 .field-label', '是否夜班');
  find(editor, '.field--5 .field-type').dispatchEvent('change', { detail: { value: 5 } }); // 选择题
  await waitFor(() => editor.data.fields[5].type === 'select');
  await tap(editor, '.field--5 .add-option');
  await typeInto(editor, '.field--5 .option--0 .option-label', '是');
  await tap(editor, '.field--5 .add-option');
  await tap(editor, '.field--5 .move-up');
  expect(editor.data.fields.map((f: { label: string }) => f.label)).toEqual(['单位名称', '高温作业岗位', '高温岗位职工人数', '送达地址', '是否夜班', '希望送达日期']);
  expect(wxLog.toasts.at(-1)).toBe('“是否夜班”现在是第 5 项');
  expect(editor.querySelector('.field--0 .move-up')).toBeFalsy();
  await save(editor);
  expect(textOf(editor, '.field--4 .field-row-error')).toBe('选项的值不能为空或重复，名称不能为空');
  expect(editor.data.version).toBe(0);

  await typeInto(editor, '.field--4 .option--1 .option-label', '否');
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
  expect(campaign.fields.map((f) => f.label)).toEqual(['单位名称', '高温作业岗位', '高温岗位职工人数', '送达地址', '是否夜班', '希望送达日期']);
  expect(campaign.fields[4]).toEqual({ key: 'field1', label: '是否夜班', type: 'select', required: true, options: [{ value: 'option1', label: '是' }, { value: 'option2', label: '否' }] });
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
  expect(editor.data.fields[1]).toMatchObject({ label: '子女身份证号', fixed: true });
  expect(editor.querySelector('.field--1 .remove-field')).toBeFalsy();

  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  await tap(list, '.campaign--campaign-summer-relief .close');
  await waitFor(() => list.data.notice !== '' || list.data.error !== '');
  expect(textOf(list, '.notice')).toBe('2026年夏送清凉：已结束报名');
  expect(textOf(list, '.campaign--campaign-summer-relief')).toContain('已结束报名');
});

test('a hardship-only campaign takes the grades chosen for it (特困 and 重困 only); a member of another grade is refused', async () => {
  actAs(lc.url, 'o-demo-fed-officer');
  const editor = renderPage(simulate, 'admin/campaign/index', { campaignId: 'campaign-student-aid' });
  await waitFor(() => editor.data.form !== null);
  expect(editor.data.form.hardshipGrades).toEqual({});
  await tap(editor, '.grade--extreme');
  await tap(editor, '.grade--ordinary');
  await tap(editor, '.grade--ordinary');
  await save(editor);
  expect(editor.data.error).toBe('');
  const stored = data(await callAs(lc, 'o-demo-fed-officer', 'campaigns', 'get', { campaignId: 'campaign-student-aid' }));
  expect(stored.campaign.eligibility).toEqual({ hardshipOnly: true, newEmploymentOnly: false, hardshipGrades: ['extreme'] });
  // 王建国's record is 重困: no longer eligible here
  const r = await callAs(lc, 'o-demo-member', 'applications', 'submit', { campaignId: 'campaign-student-aid', requestKey: 'grade-check-0001', answers: {} });
  expect(r).toMatchObject({ ok: false, error: { code: 'INELIGIBLE', message: '该活动仅面向特困建档困难职工' } });
});

test('an org officer cannot manage campaigns', async () => {
  actAs(lc.url, 'o-demo-org-officer');
  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  expect(textOf(list, '.error')).not.toBe('');
  expect(list.querySelectorAll('.campaign')).toHaveLength(0);
});
