/**
 * @jest-environment jsdom
 */
// The key flow through the real members/orgs functions on localcloud (demo world): a newcomer registers on
// 会员认证, the org officer approves on 入会审核, the member sees 已认证 on 我的. Plus what the form shows for
// bad input, locally (same rules as the server) and from the server (its field errors).
import { idCardCheckChar } from '../../cloudfunctions/_shared/domain/idCard';
import { useLocalcloud } from '../harness/localcloud';
import path from 'node:path';
import { actAs, blurField, MINIPROGRAM, find, recordSetData, renderPage, setupMiniprogram, tap, tapItem, textOf, typeInto, waitFor } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

/** A valid ID number: 17 digits and their GB 11643 check char. */
const idCard = (first17: string) => first17 + idCardCheckChar(first17);

type Page = ReturnType<typeof renderPage>;

async function pickOrgBySearch(page: Page, query: string, name: string): Promise<void> {
  const picker = find(page, '#org');
  await tap(picker, '.open-search');
  await typeInto(picker, '.search', query);
  await waitFor(() => picker.querySelectorAll('.org-item').some((i) => textOf(i).includes(name)));
  await tapItem(picker, '.org-item', name);
}

test('newcomer registers, the org officer approves, the member sees 已认证 on 我的', async () => {
  actAs(lc.url, 'o-demo-newcomer');
  const home = renderPage(simulate, 'pages/index/index');
  await waitFor(() => home.data.standing !== 'loading');
  expect(textOf(home, '.prompt--register')).toContain('先完成会员认证');

  const form = renderPage(simulate, 'pages/register/index');
  await typeInto(form, '#name', '周小梅');
  await typeInto(form, '#idCard', idCard('42032219880815042'));
  await typeInto(form, '#phone', '13972001234');
  await typeInto(form, '#workUnit', '城关镇环卫所');
  await pickOrgBySearch(form, '环卫', '城关镇环卫所工会');
  expect(textOf(find(form, '#org'), '.chosen')).toBe('城关镇环卫所工会');
  // 困难职工 is no choice of the form: officers keep hardship records (the hardship function)
  expect(form.querySelector('#hardship')).toBeFalsy();
  await tap(form, '.ne--delivery');
  expect(form.data.form).toMatchObject({ newEmployment: 'delivery' });
  await tap(form, '.submit');
  await waitFor(() => form.data.done || form.data.message !== '');
  expect(form.data.message).toBe('');
  expect(textOf(form, '.done')).toContain('已提交');

  const mine = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => mine.data.loaded);
  expect(textOf(mine, '.status')).toBe('审核中');
  const mineText = textOf(mine);
  expect(mineText).not.toContain('420322198808150'); // the ID card only masked
  expect(mineText).not.toContain('13972001234');

  actAs(lc.url, 'o-demo-org-officer');
  const review = renderPage(simulate, 'admin/membership/index');
  await waitFor(() => review.data.loaded);
  await tapItem(review, '.applicant', '周小梅');
  await waitFor(() => review.data.open !== null);
  expect(textOf(review)).toContain('城关镇环卫所');
  await tap(review, '.approve');
  await waitFor(() => review.data.notice !== '' || review.data.error !== '');
  expect(textOf(review, '.notice')).toBe('已通过：周小梅');
  expect(review.data.queue.some((q: { name: string }) => q.name === '周小梅')).toBe(false);

  actAs(lc.url, 'o-demo-newcomer');
  const after = renderPage(simulate, 'pages/mine/index');
  await waitFor(() => after.data.loaded);
  expect(textOf(after, '.status')).toBe('已认证');
  expect(textOf(after)).toContain('外卖骑手');
});

test('the form checks ID card and phone as they are typed, with the server rules', async () => {
  actAs(lc.url, 'o-demo-newcomer');
  const form = renderPage(simulate, 'pages/register/index');
  await typeInto(form, '#idCard', '4203221988081504');
  expect(form.data.errors.idCard).toBe(''); // half-typed is not wrong yet
  await blurField(form, '#idCard', '4203221988081504');
  expect(textOf(form, '#idCard')).toContain('身份证号长度或格式不对');
  const valid = idCard('42032219880815042');
  const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  await typeInto(form, '#idCard', wrongCheck);
  expect(textOf(form, '#idCard')).toContain('校验位不对');
  await typeInto(form, '#idCard', idCard('42032219881315042')); // month 13
  expect(textOf(form, '#idCard')).toContain('出生日期不正确');
  await typeInto(form, '#idCard', valid);
  expect(form.data.errors.idCard).toBe('');
  await typeInto(form, '#phone', '12345678901');
  expect(textOf(form, '#phone')).toContain('请填写中国大陆手机号');
  await typeInto(form, '#phone', '139 7200 1234');
  expect(form.data.errors.phone).toBe('');
});

test('what the server rejects is shown against its field', async () => {
  actAs(lc.url, 'o-demo-newcomer2');
  const form = renderPage(simulate, 'pages/register/index');
  await typeInto(form, '#name', 'X');
  await typeInto(form, '#idCard', idCard('42032219750312041')); // o-demo-member's ID card
  await typeInto(form, '#phone', '13972005678');
  await typeInto(form, '#workUnit', '城关镇环卫所');
  await tap(form, '.submit');
  await waitFor(() => form.data.message !== '');
  expect(textOf(form, '.message')).toBe('填写的内容有误，请按提示修改');
  expect(textOf(form, '#name')).toContain('请填写真实姓名');
  expect(textOf(find(form, '#org'), '.org-error')).not.toBe('');

  await typeInto(form, '#name', '钱多多');
  await pickOrgBySearch(form, '环卫', '城关镇环卫所工会');
  await tap(form, '.submit');
  await waitFor(() => form.data.message !== '' && !form.data.submitting && form.data.errors.idCard !== undefined);
  expect(textOf(form, '#idCard')).toContain('已经登记过');
  expect(form.data.done).toBe(false);
});

test('the org picker browses the tree level by level, one level per setData', async () => {
  actAs(lc.url, 'o-demo-newcomer');
  const form = renderPage(simulate, 'pages/register/index');
  const picker = find(form, '#org');
  const sizes = recordSetData(picker);
  await tap(picker, '.open-browse');
  await waitFor(() => picker.data.items.length > 0);
  expect(picker.data.items.map((i: { name: string }) => i.name)).toEqual(['示范县总工会']);
  await tapItem(picker, '.org-item', '示范县总工会');
  await tapItem(picker, '.org-item', '水坪镇总工会');
  expect(textOf(picker, '.trail')).toBe('全部›示范县总工会›水坪镇总工会');
  await tapItem(picker, '.org-item', '水坪镇卫生院工会');
  expect(form.data.form.orgId).toBe('org-sp-clinic');
  expect(textOf(picker, '.chosen')).toBe('水坪镇卫生院工会');
  // One level at a time: the largest setData is a fraction of the tree the picker fetched once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tree = await require(path.join(MINIPROGRAM, 'services/cloud.js')).call('orgs', 'tree', {});
  expect(tree.ok).toBe(true);
  expect(Math.max(...sizes)).toBeLessThan(Buffer.byteLength(JSON.stringify(tree.data)) / 2);
});
