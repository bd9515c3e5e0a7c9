/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// 撤销批准 and 登记退款 on the officer's application page, through the real applications function on localcloud
// (demo world): the federation officer cancels an approved application with a reason, confirmed once more,
// and the budget gets the amount back; a paid one offers no cancel but 登记退款, whose amount is checked; the
// member's page shows 已撤销 with the reason, and the refund. The holder's name shows beside the masked card.
import type { ApplicationDetail } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { childId, requestKey, STUDENT_AID, studentAidAnswers, upload } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, answerModals, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;
let notice = '';
let nextChild = 700;

const act = async (openid: string, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}) =>
  data(await callAs(lc, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more })).application;

async function approved(name: string): Promise<ApplicationDetail> {
  const answers = studentAidAnswers(childId(nextChild++), [notice], { childName: name });
  const app = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers })).application;
  return act(PEOPLE.fedOfficer, await act(PEOPLE.cgOfficer, app, 'recommend'), 'approve', { amountFen: 300_000 });
}

async function open(openid: string, route: string, applicationId: string): Promise<Page> {
  actAs(lc.url, openid);
  const page = renderPage(simulate, route, { applicationId });
  await waitFor(() => page.data.app !== null || page.data.error !== '');
  expect(page.data.error).toBe('');
  return page;
}

const reservedFen = async () => data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'manageList', {})).items.find((c) => c.campaignId === STUDENT_AID)!.ledger.reservedFen;

beforeAll(async () => {
  notice = await upload(lc, PEOPLE.member);
});

beforeEach(() => {
  wxLog.modals.length = 0;
  answerModals(true);
});

test('撤销批准: the reason asked in the bar, confirmed once more; the budget gets the amount back and the member sees 已撤销 with the reason', async () => {
  const app = await approved('王小东');
  const page = await open(PEOPLE.fedOfficer, 'admin/application/index', app.applicationId);
  expect(textOf(page, '.answer--cardHolder')).toBe('持卡人姓名王小东');
  expect(page.querySelector('.act--cancel')).toBeTruthy();
  const before = await reservedFen();

  await tap(page, '.act--cancel');
  expect(page.data.reasonFor).toBe('cancel');
  await tap(page, '.confirm-reason');
  expect(textOf(page, '.reason-error')).toBe('请填写撤销批准的原因，申请人会看到');
  await typeInto(page, '#reason', '经核实已获其他资助');
  answerModals(false);
  await tap(page, '.confirm-reason');
  expect(wxLog.modals).toHaveLength(1);
  expect(await reservedFen()).toBe(before); // 再想想: nothing sent
  answerModals(true);
  await tap(page, '.confirm-reason');
  await waitFor(() => page.data.acting === '' && page.data.notice !== '');
  expect(textOf(page, '.notice')).toBe('已撤销批准');
  expect(textOf(page, '.status')).toBe('已撤销');
  expect(textOf(page, '.timeline')).toContain('说明：经核实已获其他资助');
  expect(page.querySelector('.act--cancel')).toBeFalsy();
  expect(await reservedFen()).toBe(before - 300_000);

  const mine = await open(PEOPLE.member, 'pages/application/index', app.applicationId);
  expect(textOf(mine, '.status')).toBe('已撤销');
  expect(textOf(mine, '.timeline')).toContain('撤销批准');
  expect(textOf(mine, '.timeline')).toContain('经核实已获其他资助');
});

test('a paid application offers 登记退款, not 撤销批准: the amount is checked, the refund shown to the officer and the member', async () => {
  const app = await approved('王小南');
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await act(PEOPLE.fedOfficer, app, 'pay', { paymentReference: 'ZF-9', paidOn: today });
  const page = await open(PEOPLE.fedOfficer, 'admin/application/index', app.applicationId);
  expect(page.querySelector('.act--cancel')).toBeFalsy();
  expect(page.querySelector('.refund-form')).toBeTruthy();

  await tap(page, '.act--refund');
  expect(textOf(page, '#refundYuan')).toContain('请填写退款金额（元）');
  expect(textOf(page, '#refundReference')).toContain('请填写退款凭证号');
  await typeInto(page, '#refundYuan', '3500');
  await typeInto(page, '#refundReference', 'TK-2026-01');
  await typeInto(page, '#refundReason', '学校减免学费');
  await tap(page, '.act--refund');
  await waitFor(() => page.data.acting === '' && (page.data.error !== '' || page.data.notice !== ''));
  expect(textOf(page, '#refundYuan')).toContain('退款金额不能超过尚未退回的3000元');

  await typeInto(page, '#refundYuan', '1000');
  await tap(page, '.act--refund');
  await waitFor(() => page.data.acting === '' && page.data.notice !== '');
  expect(textOf(page, '.notice')).toBe('已登记退款');
  expect(textOf(page, '.refund')).toBe(`已退款：${today} 退回 1000元 · 凭证号 TK-2026-01 · 学校减免学费`);
  expect(textOf(page, '.status')).toBe('已发放');

  const mine = await open(PEOPLE.member, 'pages/application/index', app.applicationId);
  expect(textOf(mine, '.refund')).toBe(`${today} 退回 1000元，原因：学校减免学费`);
});
