/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// The member's side of 法律援助 through the real cases function on localcloud (demo world): the form in plain
// words with its errors, evidence photos and a PDF uploaded with progress, the draft kept on the phone, one
// case however often 提交 is tapped; the case in 办事进度 and on its own page with the timeline, a message and
// more evidence; a declined case with the reason; a closed case with the money recovered, rated once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseDetail, OpenCaseInput } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { PNG, requestKey } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, chooseMediaReturns, find, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const wx = (globalThis as unknown as { wx: Record<string, unknown> & { getStorageSync(k: string): unknown } }).wx;

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legal-aid-test-'));
/** A real PNG and a real PDF, large enough that their uploads report progress several times. */
const photo = path.join(dir, '工资条.png');
fs.writeFileSync(photo, Buffer.concat([PNG, Buffer.alloc(40 * 1024, 7)]));
const contract = path.join(dir, '劳动合同.pdf');
fs.writeFileSync(contract, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024, 32), Buffer.from('\n%%EOF\n')]));

/** The phone's file picker for chat files: hands over `paths` once, as if the member picked them. */
function chooseMessageFileReturns(paths: string[]): void {
  wx.chooseMessageFile = (o: { success?(r: unknown): void }) => {
    const res = { tempFiles: paths.map((p) => ({ path: p, name: path.basename(p), size: fs.statSync(p).size, type: 'file', time: 0 })), errMsg: 'chooseMessageFile:ok' };
    o.success?.(res);
    return Promise.resolve(res);
  };
}

const wages = (more: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  requestKey: requestKey(),
  disputeType: 'wages',
  employerName: '城关镇宏达建筑公司',
  amountInDisputeFen: 1_200_000,
  workersAffected: 1,
  description: '2026年3月到9月在工地干活，老板一直拖欠工资，多次讨要未果。',
  evidence: [],
  contactTime: '工作日晚上',
  priorProceedings: 'none',
  ...more,
});

async function openCase(more: Partial<OpenCaseInput> = {}): Promise<CaseDetail> {
  return data(await callAs(lc, PEOPLE.member, 'cases', 'open', wages(more))).case;
}

async function act(openid: string, c: CaseDetail, transition: string, more: Record<string, unknown> = {}): Promise<CaseDetail> {
  return data(await callAs(lc, openid, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
}

async function myCases(): Promise<string[]> {
  return data(await callAs(lc, PEOPLE.member, 'cases', 'mine', { limit: 50 })).items.map((c) => c.caseId);
}

async function openForm(): Promise<Page> {
  const page = renderPage(simulate, 'pages/legal-aid/index');
  await waitFor(() => page.data.loaded);
  return page;
}

async function openCasePage(caseId: string): Promise<Page> {
  const page = renderPage(simulate, 'pages/case/index', { caseId });
  await waitFor(() => page.data.c !== null || page.data.error !== '');
  expect(page.data.error).toBe('');
  return page;
}

/** Waits for the form to leave for the case's page, and returns the case's id. */
async function openedId(): Promise<string> {
  await waitFor(() => wxLog.navigations.some((n) => n.url.startsWith('/pages/case/index')));
  const nav = wxLog.navigations.find((n) => n.url.startsWith('/pages/case/index'))!;
  expect(nav.api).toBe('redirectTo');
  wxLog.navigations.length = 0;
  return new URL(nav.url, 'https://x').searchParams.get('caseId')!;
}

beforeEach(() => {
  wxLog.navigations.length = 0;
  actAs(lc.url, PEOPLE.member);
});

test('the member opens a case: plain-word errors, a photo and a PDF with progress, the draft, one case for a double tap', async () => {
  const form = await openForm();
  const text = textOf(form);
  for (const words of ['遇到的是什么问题', '欠薪', '工伤', '用人单位', '欠您或争议的钱有多少', '一共有几个人', '事情经过', '证据', '方便接电话', '劳动仲裁']) {
    expect(text).toContain(words);
  }

  // nothing filled in: each question says what it needs, nothing is sent
  await tap(form, '.submit');
  expect(textOf(form, '.message')).toBe('填写的内容有误，请按红字提示修改');
  expect(textOf(form, '.error--disputeType')).toBe('请选择遇到的是什么问题');
  expect(textOf(form, '.error--employerName')).toBe('请填写用人单位（老板或公司）名称');
  expect(textOf(form, '.error--amountYuan')).toContain('请填写金额');
  expect(textOf(form, '.error--description')).toContain('至少 10 个字');
  expect(form.data.submitting).toBe(false);
  expect(await myCases()).toEqual([]);

  await tap(form, '.type--wages');
  expect(form.data.errors.disputeType).toBe('');
  await typeInto(form, '#f-employerName', '城关镇宏达建筑公司');
  await typeInto(form, '#f-amountYuan', '12000.5');
  await typeInto(form, '#f-workersAffected', '3');
  await typeInto(form, '#f-description', '我们三个人在工地干了半年，老板欠了工资一直不给，找了好几次都说没钱。');
  await tap(form, '.contact--2');
  await tap(form, '.prior--arbitration');

  // a photo from the camera and a PDF from a chat, each uploaded with progress into the member's own folder
  const evidence = find(form, '#evidence');
  const percents: number[] = [];
  const setData = evidence.instance.setData.bind(evidence.instance);
  evidence.instance.setData = (d: Record<string, unknown>, cb?: () => void) => {
    for (const [k, v] of Object.entries(d)) if (k.endsWith('.percent') && typeof v === 'number') percents.push(v);
    return setData(d, cb);
  };
  chooseMediaReturns([photo]);
  await tap(evidence, '.add-photos');
  await waitFor(() => evidence.data.items[0]?.fileId);
  expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
  chooseMessageFileReturns([contract]);
  await tap(evidence, '.add-pdf');
  await waitFor(() => evidence.data.items[1]?.fileId);
  expect(textOf(evidence, '.file--pdf')).toContain('劳动合同.pdf');
  const files = form.data.evidence.files.map((f: { fileId: string }) => f.fileId);
  expect(files).toEqual([
    expect.stringMatching(new RegExp(`^cloud://.+/uploads/${PEOPLE.member}/cases/\\d+-\\w+\\.png$`)),
    expect.stringMatching(new RegExp(`^cloud://.+/uploads/${PEOPLE.member}/cases/\\d+-\\w+\\.pdf$`)),
  ]);

  // the draft is on the phone: opened again, the form shows it all, with the same request key
  const again = await openForm();
  expect(again.data.values).toEqual(form.data.values);
  expect(again.data.requestKey).toBe(form.data.requestKey);
  expect(find(again, '#evidence').data.items.map((i: { fileId: string }) => i.fileId)).toEqual(files);
  expect(find(again, '#f-employerName').data.value).toBe('城关镇宏达建筑公司');

  // both taps of a double tap reach the page before it shows busy; one is sent
  const sends: unknown[] = [];
  const formSetData = form.instance.setData.bind(form.instance);
  form.instance.setData = (d: Record<string, unknown>, cb?: () => void) => {
    if (d.submitting === true) sends.push(d);
    return formSetData(d, cb);
  };
  await Promise.all([form.instance.onSubmit(), form.instance.onSubmit()]);
  const id = await openedId();
  expect(sends).toHaveLength(1);
  expect(await myCases()).toEqual([id]);
  expect(wx.getStorageSync('legalAid.draft')).toBe('');

  // a retry of the same draft (the reply was lost; the copy opened earlier) answers the same case
  await tap(again, '.submit');
  expect(await openedId()).toBe(id);
  expect(await myCases()).toEqual([id]);

  const c = data(await callAs(lc, PEOPLE.member, 'cases', 'detail', { caseId: id })).case;
  expect(c).toMatchObject({
    status: 'submitted',
    disputeType: 'wages',
    employerName: '城关镇宏达建筑公司',
    amountInDisputeFen: 1_200_050,
    workersAffected: 3,
    contactTime: '工作日晚上',
    priorProceedings: 'arbitration',
    personName: '王建国',
  });
  expect(c.evidence.map((f) => f.fileId)).toEqual(files);
});

test('办事进度 lists the case; its page shows the timeline, sends a message and more evidence', async () => {
  const opened = await openCase({ employerName: '城关镇顺达物流公司' });

  const progress = renderPage(simulate, 'pages/progress/index');
  await waitFor(() => progress.data.loaded);
  const row = progress.querySelectorAll('.case').find((r) => textOf(r).includes('城关镇顺达物流公司'))!;
  expect(textOf(row)).toContain('法律援助');
  expect(textOf(row)).toContain('欠薪 · 城关镇顺达物流公司');
  expect(textOf(row)).toContain('待受理');
  expect(progress.querySelector('.empty')).toBeFalsy();
  row.dispatchEvent('tap');
  await waitFor(() => wxLog.navigations.length > 0);
  expect(wxLog.navigations).toEqual([{ api: 'navigateTo', url: `/pages/case/index?caseId=${opened.caseId}` }]);

  const page = await openCasePage(opened.caseId);
  expect(textOf(page, '.status')).toBe('待受理');
  expect(textOf(page, '.head')).toContain('涉及金额：12000元 · 1 人');
  expect(textOf(page, '.timeline')).toMatch(/提交申请\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 本人/);
  expect(page.querySelector('.send-rating')).toBeFalsy();

  await tap(page, '.send-message');
  expect(textOf(page, '.error')).toBe('请先写下要说的话');
  await typeInto(page, '#message', '老板说下个月给，但是一直拖，请尽快帮忙。');
  await tap(page, '.send-message');
  await waitFor(() => page.data.busy === '' && page.data.notice !== '');
  expect(textOf(page, '.notice')).toBe('留言已发送');
  expect(page.data.message).toBe('');
  expect(textOf(page, '.timeline')).toContain('“老板说下个月给，但是一直拖，请尽快帮忙。”');

  chooseMediaReturns([photo]);
  await tap(find(page, '#evidence'), '.add-photos');
  await waitFor(() => page.data.evidence.files.length === 1);
  await tap(page, '.send-evidence');
  await waitFor(() => page.data.busy === '' && page.data.notice === '已补充 1 份证据');
  expect(textOf(page, '.timeline')).toContain('补充证据 1 份');
  expect(find(page, '#evidence').data.items).toEqual([]); // a fresh picker for the next
  expect(page.querySelector('.send-evidence')).toBeFalsy();

  const after = data(await callAs(lc, PEOPLE.member, 'cases', 'detail', { caseId: opened.caseId })).case;
  expect(after.timeline.map((t) => t.action)).toEqual(['open', 'message', 'addEvidence']);
  expect(after.evidence).toHaveLength(1);
  // the officer reads the message on their side too
  const officers = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'detail', { caseId: opened.caseId })).case;
  expect(officers.timeline[1]).toMatchObject({ action: 'message', part: 'member', comment: '老板说下个月给，但是一直拖，请尽快帮忙。' });
});

test('a declined case shows the member why', async () => {
  const opened = await openCase({ disputeType: 'other', employerName: '邻居张某', description: '邻居借了我两万块钱一直不还，想请律师帮忙。' });
  await act(PEOPLE.cgOfficer, opened, 'decline', { comment: '这是民间借贷纠纷，不属于劳动争议，请向司法所咨询。' });

  const page = await openCasePage(opened.caseId);
  expect(textOf(page, '.status')).toBe('不予受理');
  expect(textOf(page, '.decline-reason')).toBe('不予受理的原因：这是民间借贷纠纷，不属于劳动争议，请向司法所咨询。');
  expect(textOf(page, '.timeline')).toContain('不予受理');
  expect(textOf(page, '.timeline')).toContain('基层工会');
  expect(page.querySelector('.send-message')).toBeFalsy();
  expect(page.querySelector('.send-rating')).toBeFalsy();
});

test('a closed case shows the money recovered; the member rates it once, 1–5 stars with a remark', async () => {
  let c = await openCase({ employerName: '城关镇鑫源食品厂', amountInDisputeFen: 860_000 });
  c = await act(PEOPLE.cgOfficer, c, 'accept');
  const { lawyers } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: c.caseId }));
  c = await act(PEOPLE.cgOfficer, c, 'assign', { lawyerId: lawyers[0].lawyerId });
  c = await act(PEOPLE.lawyer, c, 'close', { outcome: 'mediated', recoveredFen: 800_000, comment: '经调解，厂方同意分两次支付。' });

  const page = await openCasePage(c.caseId);
  expect(textOf(page, '.status')).toBe('已结案');
  expect(textOf(page, '.lawyer')).toBe('律师：陈明');
  expect(textOf(page, '.closing')).toMatch(/^调解成功，为您挽回 8000元（\d{4}-\d{2}-\d{2} 结案）$/);
  expect(textOf(page, '.timeline')).toContain('结案：调解成功，挽回 8000元');

  await tap(page, '.send-rating');
  expect(textOf(page, '.error')).toBe('请点星星打分，5 颗星最满意');
  await tap(page, '.star--4');
  expect(page.querySelectorAll('.star--on')).toHaveLength(4);
  await typeInto(page, '#remark', '陈律师很耐心，谢谢工会。');
  await tap(page, '.send-rating');
  await waitFor(() => page.data.busy === '' && page.data.notice !== '');
  expect(textOf(page, '.notice')).toBe('谢谢您的评价');
  expect(textOf(page, '.rating')).toBe('您的评价：★★★★☆ “陈律师很耐心，谢谢工会。”');
  expect(page.querySelector('.send-rating')).toBeFalsy();

  const rated = data(await callAs(lc, PEOPLE.member, 'cases', 'detail', { caseId: c.caseId })).case;
  expect(rated.rating).toMatchObject({ stars: 4, comment: '陈律师很耐心，谢谢工会。' });
  expect(rated.timeline.map((t) => t.action)).toEqual(['open', 'accept', 'assign', 'close', 'rate']);
});
