// The localcloud console in Chromium, as a developer uses it: find an application in the data, accept the
// progress template as the member, approve the application as the federation officer from the call form,
// fire the drain, and read the member's subscribe message; then export, reset and import the data dir and
// find the application again. One browser and one localcloud for the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { callAs, data, PEOPLE } from '../functions/api';
import { SUMMER_RELIEF, summerReliefAnswers } from '../functions/applicationsFixtures';
import { launchBrowser } from '../harness/browser';
import { useLocalcloud } from '../harness/localcloud';

const lc = useLocalcloud({ demo: true });
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const exportDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'console-export-')), 'backup');

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(10_000); // a step that cannot happen fails with its own message, within the test's time
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 30_000);
afterEach(() => expect(pageErrors).toEqual([]));
afterAll(async () => {
  await browser?.close();
  fs.rmSync(path.dirname(exportDir), { recursive: true, force: true });
});

/** 王建国's 夏送清凉 application, recommended by 张伟; the messages so far drained (without quota). */
async function recommendedApplication(): Promise<string> {
  const { application } = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: 'console-test-0001', answers: summerReliefAnswers('城关镇环卫所') }));
  data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: application.applicationId, version: application.version, transition: 'recommend' }));
  await lc.postJson('/__localcloud/timers/notices/drain/fire');
  return application.applicationId;
}

test('find an application, approve it as the officer from the form, fire the drain, see the member’s message', async () => {
  const applicationId = await recommendedApplication();
  await page.goto(lc.url);
  await page.getByRole('link', { name: /applications/ }).first().click();
  await page.fill('input[name=where]', '{"status": "recommended"}');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('共 1 条').waitFor();
  await page.locator('.doc-head', { hasText: applicationId }).click();
  const json = JSON.parse((await page.locator('.doc-body .json').textContent())!) as { _id: string; version: number; status: string };
  expect(json).toMatchObject({ _id: applicationId, status: 'recommended' });

  // 王建国 accepts the progress template once (WeChat's quota and the product's record)
  await page.getByRole('link', { name: /微信/ }).click();
  await page.getByRole('tab', { name: '订阅额度' }).click();
  await page.getByRole('button', { name: '会员 王建国（环卫工人，困难职工） 允许办理进度通知一次' }).click();
  await page.locator(`tr[data-openid="${PEOPLE.member}"]`).getByText('记录 1').first().waitFor();

  // 刘芳 approves from the form built from the action's schema
  await page.getByRole('link', { name: /云函数/ }).click();
  await page.getByRole('tab', { name: /调用云函数/ }).click();
  await page.selectOption('select[name=function]', 'applications');
  await page.selectOption('select[name=action]', 'act');
  await page.selectOption('select[name=caller]', PEOPLE.fedOfficer);
  await page.fill('input[name=applicationId]', json._id);
  await page.fill('input[name=version]', String(json.version));
  await page.selectOption('select[name=transition]', 'approve');
  await page.fill('input[name=amountFen]', '50000');
  await page.getByRole('button', { name: '调用', exact: true }).click();
  const result = page.getByRole('region', { name: '返回' });
  await result.locator('.badge', { hasText: 'OK' }).waitFor();
  await expect(result.locator('.json').textContent()).resolves.toContain('"status": "approved"');

  // the invocation is in the log as it happened
  await page.getByRole('tab', { name: /调用记录/ }).click();
  const row = page.locator('tr.row', { hasText: 'applications · act' }).filter({ hasText: '总工会干部 刘芳' });
  await row.first().waitFor();
  await expect(row.first().locator('.badge').textContent()).resolves.toBe('OK');
  // and a call made elsewhere appears while the log is open (server-sent events)
  await callAs(lc, PEOPLE.pending, 'members', 'me', {});
  await page.locator('tr.row', { hasText: 'members · me' }).filter({ hasText: '待审核会员 李秀英' }).waitFor();

  // the drain sends the approval's message
  await page.getByRole('link', { name: /定时触发器/ }).click();
  await page.locator('tr[data-timer="notices/drain"]').getByRole('button', { name: '立即触发' }).click();
  await page.getByText('已触发 notices/drain').waitFor();

  await page.getByRole('link', { name: /微信/ }).click();
  await page.getByRole('tab', { name: '服务通知' }).click();
  await page.getByRole('button', { name: /会员 王建国/ }).click();
  const card = page.getByTestId('service-notification').filter({ hasText: '申请已批准' });
  await card.waitFor();
  await expect(card.textContent()).resolves.toMatch(/办理进度通知.*办理事项申请已批准/);
  expect(await card.evaluate((el) => el.classList.contains('refused'))).toBe(false);
});

test('export, reset and import: the data is back', async () => {
  await page.getByRole('link', { name: /数据目录/ }).click();
  await page.fill('input[name=exportDir]', exportDir);
  await page.getByRole('button', { name: '导出', exact: true }).click();
  await page.getByRole('status').filter({ hasText: exportDir }).waitFor();
  expect(fs.existsSync(path.join(exportDir, 'localcloud-export.json'))).toBe(true);

  await page.getByRole('button', { name: '重置为演示数据' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '重置' }).click();
  await page.locator('.ok-card', { hasText: '重置完成' }).waitFor();
  await page.goto(`${lc.url}/#/data/applications`);
  await page.getByText('共 0 条').waitFor();

  await page.getByRole('link', { name: /数据目录/ }).click();
  await page.fill('input[name=importDir]', exportDir);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '导入' }).click();
  await page.locator('.ok-card', { hasText: '导入完成' }).waitFor();
  await page.goto(`${lc.url}/#/data/applications`);
  await page.fill('input[name=where]', '{"status": "approved"}');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('共 1 条').waitFor();
});

test('a document is edited and deleted only after a confirmation', async () => {
  await page.goto(`${lc.url}/#/data/orgs`);
  await page.locator('.doc-head', { hasText: 'org-tr-bus' }).click();
  await page.getByRole('button', { name: '编辑' }).click();
  const editor = page.getByLabel('文档 JSON');
  await editor.fill((await editor.inputValue()).replace('县公交公司工会', '县公交集团工会'));
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  expect((await lc.getJson<{ documents: { name: string }[] }>(`/__localcloud/database/orgs/documents?where=${encodeURIComponent('{"_id":"org-tr-bus"}')}`)).documents[0].name).toBe('县公交公司工会');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.locator('.doc-summary', { hasText: '县公交集团工会' }).waitFor();

  await page.getByRole('button', { name: '删除' }).click(); // the document stays open after its edit
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await page.getByText('共 12 条').waitFor();
});
