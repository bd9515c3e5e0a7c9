/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// The member's side of 金秋助学/夏送清凉 through the real campaigns and applications functions on localcloud
// (demo world): the open campaigns on 首页, the form rendered from the campaign's fields with the server's
// field errors, a photo uploaded with progress, the draft kept on the phone, one application however often
// 提交 is tapped, the application's timeline and 撤回, and 补充材料 after an officer returned it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApplicationDetail } from '../../typings/api';
import { callAs, data, idCard, snapshot } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';
import {
  actAs,
  answerModals,
  chooseMediaReturns,
  find,
  renderPage,
  setupMiniprogram,
  tap,
  textOf,
  typeInto,
  waitFor,
  wxLog,
} from '../harness/miniprogram';

const simulate = setupMiniprogram();
const wx = (globalThis as unknown as { wx: { getStorageSync(k: string): unknown } }).wx;

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

const MEMBER = 'o-demo-member';
const STUDENT_AID = 'campaign-student-aid';

/** A real PNG's first bytes and enough more that its upload reports progress several times. */
const admissionNotice = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apply-test-')), '录取通知书.png');
fs.writeFileSync(
  admissionNotice,
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40 * 1024, 7)]),
);

/** Every setData payload the page makes, to see what it showed on the way. */
function recordPayloads(page: Page): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  const original = page.instance.setData.bind(page.instance);
  page.instance.setData = (d: Record<string, unknown>, cb?: () => void) => {
    seen.push(d);
    return original(d, cb);
  };
  return seen;
}

async function openForm(query: Record<string, string>): Promise<Page> {
  const page = renderPage(simulate, 'pages/apply/index', query);
  await waitFor(() => page.data.loaded);
  expect(page.data.loadError).toBe('');
  return page;
}

async function pick(page: Page, key: string, value: string): Promise<void> {
  await tap(page, `.opt--${key}-${value}`);
}

/** Fills the 金秋助学 form for a child, photo aside; the card is the child's. */
async function fillStudentAid(page: Page, child: { name: string; idCard: string }): Promise<void> {
  await typeInto(page, '#f-childName', child.name);
  await typeInto(page, '#f-childIdCard', child.idCard);
  await pick(page, 'relationship', 'child');
  await typeInto(page, '#f-school', '武汉大学');
  await typeInto(page, '#f-major', '临床医学');
  await pick(page, 'level', 'undergraduate');
  await typeInto(page, '#f-admissionYear', '2026');
  await typeInto(page, '#f-householdSize', '4');
  await typeInto(page, '#f-incomePerCapita', '850.5');
  await typeInto(page, '#f-hardship', '爱人常年患病，家中两个孩子上学。');
  await typeInto(page, '#f-bankCard', '6222 0212 3456 7890 128');
  await typeInto(page, '#f-cardHolder', child.name);
}

async function uploadPhoto(page: Page, key: string): Promise<void> {
  chooseMediaReturns([admissionNotice]);
  await tap(page, `.add-image--${key}`);
  await waitFor(() => (page.data.images[key] ?? []).some((i: { fileId: string }) => i.fileId));
}

/** Waits for the form to leave for the application's page, and returns the application's id. */
async function submittedId(): Promise<string> {
  await waitFor(() => wxLog.navigations.some((n) => n.url.startsWith('/pages/application/index')));
  const nav = wxLog.navigations.find((n) => n.url.startsWith('/pages/application/index'))!;
  wxLog.navigations.length = 0;
  return new URL(nav.url, 'https://x').searchParams.get('applicationId')!;
}

async function applicationsOf(campaignId: string): Promise<{ _id: string }[]> {
  const { applications } = await snapshot(lc, ['applications']);
  return (applications as { _id: string; campaignId: string }[]).filter((a) => a.campaignId === campaignId);
}

beforeEach(() => {
  wxLog.navigations.length = 0;
  wxLog.modals.length = 0;
  answerModals(true);
});

test('首页 shows the open campaigns as cards; a verified member opens the form, a pending one is told why not', async () => {
  actAs(lc.url, MEMBER);
  const home = renderPage(simulate, 'pages/index/index');
  await waitFor(() => home.data.standing !== 'loading');
  expect(home.querySelectorAll('.campaign')).toHaveLength(2);
  expect(textOf(home, '.campaign--campaign-student-aid')).toContain('金秋助学');
  expect(textOf(home, '.campaign--campaign-student-aid')).toContain('本科3000元');
  expect(textOf(home, '.campaign--campaign-summer-relief')).toContain('夏送清凉');
  await tap(home, '.campaign--campaign-student-aid');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/pages/apply/index?campaignId=${STUDENT_AID}` }]);

  wxLog.navigations.length = 0;
  actAs(lc.url, 'o-demo-pending');
  const pending = renderPage(simulate, 'pages/index/index');
  await waitFor(() => pending.data.standing !== 'loading');
  await tap(pending, '.campaign--campaign-student-aid');
  expect(wxLog.navigations).toEqual([]);
  expect(wxLog.toasts[wxLog.toasts.length - 1]).toBe(pending.data.notice || '请先完成会员认证');
});

test('金秋助学: the form from its fields, server field errors, a photo with progress, the draft, one application for a double tap', async () => {
  actAs(lc.url, MEMBER);
  const form = await openForm({ campaignId: STUDENT_AID });
  const text = textOf(form);
  for (const label of ['子女姓名', '子女身份证号', '与会员关系', '录取学校', '学历层次', '入学年份', '录取通知书照片', '家庭月人均收入（元）', '家庭困难情况', '收款银行卡号', '持卡人姓名']) {
    expect(text).toContain(label);
  }
  expect(text).toContain('请填写会员本人或受助学生名下的银行卡'); // the field's hint
  // empty fields show an example of an answer (the kind's template gives it) or the format a type expects
  const placeholders = Object.fromEntries(form.data.fields.map((f: { key: string; placeholder: string }) => [f.key, f.placeholder]));
  expect(placeholders).toMatchObject({ school: '例如：武汉大学', householdSize: '例如：4', childIdCard: '18位，末位可能是 X', level: '请选择' });
  expect(find(form, '#f-hardship').querySelector('.t-textarea__wrapper-inner')).toBeTruthy();
  expect(form.querySelector('.opt--level-postgraduate')).toBeTruthy();

  // nothing filled: the server says what is missing, against each field
  await tap(form, '.submit');
  await waitFor(() => form.data.message !== '' && !form.data.submitting);
  expect(textOf(form, '.error--childName')).toBe('请填写子女姓名');
  expect(textOf(form, '.error--level')).toBe('请选择学历层次');
  expect(textOf(form, '.error--admissionNotice')).toBe('请上传录取通知书照片');
  expect(await applicationsOf(STUDENT_AID)).toHaveLength(0);

  // money that is not 元 is caught on the phone
  await typeInto(form, '#f-incomePerCapita', '85元');
  await tap(form, '.submit');
  expect(textOf(form, '.error--incomePerCapita')).toContain('请填写金额');

  await fillStudentAid(form, { name: '王小明', idCard: idCard('42032220080101001') });
  expect(form.data.errors.childName).toBe('');
  const payloads = recordPayloads(form);
  await uploadPhoto(form, 'admissionNotice');
  const percents = payloads.map((p) => p['images.admissionNotice[0].percent']).filter((v): v is number => typeof v === 'number');
  expect(percents.some((p) => p > 0 && p < 100)).toBe(true); // progress was shown on the way
  const photo = form.data.images.admissionNotice[0];
  expect(photo.fileId).toMatch(new RegExp(`^cloud://.+/uploads/${MEMBER}/${STUDENT_AID}/\\d+-\\w+\\.png$`));

  // the draft is on the phone: the form opened again shows it all, with the same request key
  const again = await openForm({ campaignId: STUDENT_AID });
  expect(again.data.values).toEqual(form.data.values);
  expect(again.data.images.admissionNotice.map((i: { fileId: string }) => i.fileId)).toEqual([photo.fileId]);
  expect(again.data.requestKey).toBe(form.data.requestKey);
  expect(find(again, '#f-childName').data.value).toBe('王小明'); // shown in the input

  // a double tap sends once
  const sends: unknown[] = [];
  const setData = form.instance.setData.bind(form.instance);
  form.instance.setData = (d: Record<string, unknown>, cb?: () => void) => {
    if (d.submitting === true) sends.push(d);
    return setData(d, cb);
  };
  // on a phone the view renders on its own thread, so both taps can reach the page before 提交 shows busy
  await Promise.all([form.instance.onSubmit(), form.instance.onSubmit()]);
  const id = await submittedId();
  expect(sends).toHaveLength(1);
  expect(await applicationsOf(STUDENT_AID)).toEqual([expect.objectContaining({ _id: id })]);
  expect(wx.getStorageSync(`apply.draft.${STUDENT_AID}`)).toBe(''); // the draft is gone

  // a retry of the same draft (the reply was lost; the copy opened earlier) answers the same application
  await tap(again, '.submit');
  expect(await submittedId()).toBe(id);
  expect(await applicationsOf(STUDENT_AID)).toHaveLength(1);

  const detail = data(await callAs(lc, MEMBER, 'applications', 'detail', { applicationId: id })).application;
  expect(detail.status).toBe('submitted');
  const shown = Object.fromEntries(detail.answers.map((a) => [a.key, a.display]));
  expect(shown).toMatchObject({ childName: '王小明', level: '本科', incomePerCapita: '850.5元' });
  expect(detail.answers.find((a) => a.key === 'admissionNotice')?.files?.map((f) => f.fileId)).toEqual([photo.fileId]);
});

test('the bank card: a number failing its check and a holder who is neither the member nor the student are refused against their fields', async () => {
  actAs(lc.url, MEMBER);
  const before = (await applicationsOf(STUDENT_AID)).length;
  const form = await openForm({ campaignId: STUDENT_AID });
  await fillStudentAid(form, { name: '王小刚', idCard: idCard('42032220080303003') });
  await uploadPhoto(form, 'admissionNotice');
  const submitAndWait = async () => {
    form.setData({ message: '' });
    await tap(form, '.submit');
    await waitFor(() => form.data.message !== '' && !form.data.submitting);
  };
  await typeInto(form, '#f-bankCard', '6222 0212 3456 7890 123');
  await submitAndWait();
  expect(textOf(form, '.error--bankCard')).toBe('银行卡号校验不通过，请核对后重新填写');
  await typeInto(form, '#f-bankCard', '6222 0212 3456 7890 128');
  await typeInto(form, '#f-cardHolder', '李四');
  await submitAndWait();
  expect(textOf(form, '.error--cardHolder')).toBe('持卡人须为申请人本人或受助学生');
  expect(await applicationsOf(STUDENT_AID)).toHaveLength(before);
  // the member's own card
  await typeInto(form, '#f-cardHolder', '王建国');
  await tap(form, '.submit');
  const id = await submittedId();
  const shown = data(await callAs(lc, MEMBER, 'applications', 'detail', { applicationId: id })).application.answers;
  expect(Object.fromEntries(shown.map((a) => [a.key, a.display]))).toMatchObject({ cardHolder: '王建国', bankCard: '6222 **** **** 0128' });
});

test('the application page shows the timeline; 撤回 asks first, then withdraws', async () => {
  actAs(lc.url, MEMBER);
  const form = await openForm({ campaignId: 'campaign-summer-relief' });
  await typeInto(form, '#f-unit', '城关镇环卫所');
  await tap(form, '.opt--jobType-sanitation');
  await typeInto(form, '#f-workers', '36');
  await typeInto(form, '#f-address', '城关镇解放路12号');
  await typeInto(form, '#f-goods', '绿豆、白糖、藿香正气水');
  find(form, '#f-proposedDate').dispatchEvent('change', { detail: { value: '2026-12-05' } });
  await waitFor(() => form.data.values.proposedDate === '2026-12-05');
  expect(textOf(form, '#f-proposedDate')).toContain('2026-12-05');
  await tap(form, '.submit');
  const id = await submittedId();

  const page = renderPage(simulate, 'pages/application/index', { applicationId: id });
  await waitFor(() => page.data.app !== null);
  expect(textOf(page, '.status')).toBe('待基层工会审核');
  expect(textOf(page, '.timeline')).toMatch(/提交申请\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 本人/);
  expect(textOf(page, '.answers')).toContain('城关镇解放路12号');
  expect(page.querySelector('.supplement')).toBeFalsy();

  answerModals(false);
  await tap(page, '.withdraw');
  expect(wxLog.modals).toHaveLength(1);
  expect(page.data.app.status).toBe('submitted');

  answerModals(true);
  await tap(page, '.withdraw');
  await waitFor(() => page.data.notice !== '' || page.data.error !== '');
  expect(textOf(page, '.status')).toBe('已撤回');
  expect(textOf(page, '.timeline')).toContain('撤回申请');
  expect(page.querySelector('.withdraw')).toBeFalsy();
  expect(data(await callAs(lc, MEMBER, 'applications', 'detail', { applicationId: id })).application.status).toBe('withdrawn');
});

test('补充材料: returned by the grassroots union, the form comes back prefilled and is resubmitted', async () => {
  actAs(lc.url, MEMBER);
  const form = await openForm({ campaignId: STUDENT_AID });
  await fillStudentAid(form, { name: '王小红', idCard: idCard('42032220080202002') });
  await uploadPhoto(form, 'admissionNotice');
  await tap(form, '.submit');
  const id = await submittedId();

  const submitted: ApplicationDetail = data(await callAs(lc, 'o-demo-org-officer', 'applications', 'detail', { applicationId: id })).application;
  data(
    await callAs(lc, 'o-demo-org-officer', 'applications', 'act', {
      applicationId: id,
      version: submitted.version,
      transition: 'return',
      comment: '录取通知书照片看不清，请重新拍',
    }),
  );

  const page = renderPage(simulate, 'pages/application/index', { applicationId: id });
  await waitFor(() => page.data.app !== null);
  expect(textOf(page, '.status')).toBe('待补充材料');
  expect(textOf(page, '.timeline')).toContain('录取通知书照片看不清，请重新拍');
  expect(textOf(page, '.timeline')).toContain('基层工会');
  await tap(page, '.supplement');
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/pages/apply/index?applicationId=${id}` }]);

  const supplement = await openForm({ applicationId: id });
  expect(textOf(supplement, '.return-note')).toBe('退回原因：录取通知书照片看不清，请重新拍');
  expect(supplement.data.values).toMatchObject({ childName: '王小红', school: '武汉大学', level: 'undergraduate', incomePerCapita: '850.5' });
  expect(supplement.data.values.childIdCard).toBe(idCard('42032220080202002'));
  expect(supplement.data.images.admissionNotice).toHaveLength(1);
  await tap(supplement, '.image__remove');
  await uploadPhoto(supplement, 'admissionNotice');
  const newPhoto = supplement.data.images.admissionNotice[0].fileId;
  expect(newPhoto).toContain(`/uploads/${MEMBER}/${STUDENT_AID}/`);
  await typeInto(supplement, '#f-major', '口腔医学');
  await tap(supplement, '.submit');
  expect(await submittedId()).toBe(id);

  const after = data(await callAs(lc, MEMBER, 'applications', 'detail', { applicationId: id })).application;
  expect(after.status).toBe('submitted');
  expect(after.timeline.map((t) => t.action)).toEqual(['submit', 'return', 'resubmit']);
  expect(after.answers.find((a) => a.key === 'major')?.display).toBe('口腔医学');
  expect(after.answers.find((a) => a.key === 'admissionNotice')?.files?.map((f) => f.fileId)).toEqual([newPhoto]);
  expect(wx.getStorageSync(`apply.draft.application.${id}`)).toBe('');
});

test('a photo that did not go up is marked, blocks 提交, and goes up on 重试', async () => {
  actAs(lc.url, MEMBER);
  const form = await openForm({ campaignId: STUDENT_AID });
  const later = path.join(path.dirname(admissionNotice), 'later.png');
  fs.mkdirSync(later); // a path the upload cannot read: it fails
  chooseMediaReturns([later]);
  await tap(form, '.add-image--admissionNotice');
  await waitFor(() => form.data.images.admissionNotice?.[0]?.failed === true);
  expect(textOf(form, '.image__state--failed')).toBe('上传失败，点此重试');
  await tap(form, '.submit');
  expect(textOf(form, '.message')).toContain('有照片没有传上去');
  expect(form.data.submitting).toBe(false);

  fs.rmdirSync(later);
  fs.copyFileSync(admissionNotice, later);
  await tap(form, '.image__state--failed');
  await waitFor(() => form.data.images.admissionNotice[0].fileId !== '');
  expect(form.querySelector('.image__state--failed')).toBeFalsy();
  expect(form.data.images.admissionNotice[0].fileId).toMatch(/\.png$/);
});
