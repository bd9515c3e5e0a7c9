/**
 * @jest-environment jsdom
 */
// The sample page renders under miniprogram-simulate and reaches the real `hello` function on localcloud.
import path from 'node:path';
import { Localcloud, startLocalcloud } from '../harness/localcloud';
import { actAs, MINIPROGRAM, setupMiniprogram, waitFor } from '../harness/miniprogram';

let lc: Localcloud;
const simulate = setupMiniprogram();

beforeAll(async () => {
  lc = await startLocalcloud();
});
afterAll(async () => {
  await lc?.dispose();
});

test('首页 shows the caller identity returned by the hello function', async () => {
  actAs(lc.url, 'o-demo-member');
  const page = simulate.render(simulate.load(path.join(MINIPROGRAM, 'pages/index/index')));
  page.attach(document.createElement('parent-wrapper'));
  page.querySelector('.check')!.dispatchEvent('tap');
  await waitFor(() => page.data.greeting !== '' || page.data.error !== '');
  expect(page.data.error).toBe('');
  expect(page.querySelector('.greeting')!.dom!.textContent).toContain('o-demo-member');
});

test('首页 says the connection failed when localcloud is unreachable', async () => {
  actAs('http://127.0.0.1:9', 'o-demo-member');
  const page = simulate.render(simulate.load(path.join(MINIPROGRAM, 'pages/index/index')));
  page.attach(document.createElement('parent-wrapper'));
  page.querySelector('.check')!.dispatchEvent('tap');
  await waitFor(() => page.data.error !== '');
  expect(page.querySelector('.error')!.dom!.textContent).toBe('连接失败，请稍后再试');
});
