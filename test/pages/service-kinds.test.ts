/**
 * @jest-environment ./test/harness/pageEnvironment.ts
 */
// Service kinds in the admin tab through the real campaigns, applications and statistics functions on
// localcloud (demo world): the federation officer finds 服务类型 under 活动管理, starts a 冬送温暖 kind from the
// built-in one (counted per household person), sees a bad sentence refused against it, saves it and opens a
// campaign of it, then a 职工疗休养 kind and campaign with its quota; members see both on 首页 with their kinds;
// the officer draws the places by lot in 申请审核 and records a delivery no larger than the household; the
// dashboard offers the new kinds as filters and their sentences, with no code change.
import type { ApplicationDetail } from '../../typings/api';
import { callAs, data, PEOPLE } from '../functions/api';
import { approvedMember, requestKey, sanatoriumAnswers, upload, winterAnswers } from '../functions/applicationsFixtures';
import { useLocalcloud } from '../harness/localcloud';
import { actAs, answerModals, find, renderPage, setupMiniprogram, tap, textOf, typeInto, waitFor, wxLog } from '../harness/miniprogram';

const simulate = setupMiniprogram();

const lc = useLocalcloud({ demo: true });

type Page = ReturnType<typeof renderPage>;

const FED = PEOPLE.fedOfficer;
const OTHER = 'o-kp-2'; // a hardship member of 城关镇环卫所工会
const THIRD = 'o-kp-3';
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

let winterKind = '';
let sanatoriumKind = '';
let winterCampaign = '';
let sanatoriumCampaign = '';

async function save(page: Page, selector = '.save'): Promise<void> {
  page.setData({ notice: '', error: '' });
  await tap(page, selector);
  await waitFor(() => !page.data.saving && (page.data.notice !== '' || page.data.error !== ''));
}

/** A campaign of `kindId` created and opened in the campaign editor, as the officer does from the kind. */
async function campaignFromEditor(kindId: string, fill: (editor: Page) => Promise<void> = async () => undefined): Promise<string> {
  const editor = renderPage(simulate, 'admin/campaign/index', { kindId });
  await waitFor(() => editor.data.form !== null && editor.data.form.kindId === kindId);
  await fill(editor);
  await save(editor);
  expect(editor.data.error).toBe('');
  await tap(editor, '.open');
  await waitFor(() => !editor.data.opening && editor.data.status === 'open');
  return editor.data.campaignId as string;
}

beforeAll(async () => {
  await approvedMember(lc, OTHER, 61);
  await approvedMember(lc, THIRD, 62);
}, 60_000);

test('活动管理 leads to the kinds: built-ins listed, each a template for a kind of one’s own', async () => {
  actAs(lc.url, FED);
  const list = renderPage(simulate, 'admin/campaigns/index');
  await waitFor(() => list.data.loaded);
  await tap(list, '.kinds');
  expect(wxLog.navigations.at(-1)).toEqual({ api: 'navigateTo', url: '/admin/kinds/index' });
  const kinds = renderPage(simulate, 'admin/kinds/index');
  await waitFor(() => kinds.data.loaded);
  expect(kinds.data.kinds.map((k: { label: string }) => k.label)).toEqual(['金秋助学', '夏送清凉', '冬送温暖', '两节慰问', '职工疗休养', '医疗救助']);
  expect(textOf(kinds, '.kind--winterWarmth')).toContain('系统内置');
  expect(textOf(kinds, '.kind--winterWarmth')).toContain('会员家庭 · 现金或实物 · 每件申请计1人次');
  await tap(kinds, '.kind--winterWarmth .copy');
  expect(wxLog.navigations.at(-1)).toEqual({ api: 'navigateTo', url: '/admin/kind/index?from=winterWarmth' });
});

test('a 冬送温暖 kind counted per household person: a bad sentence refused against it, then saved and run', async () => {
  actAs(lc.url, FED);
  const editor = renderPage(simulate, 'admin/kind/index', { from: 'winterWarmth' });
  await waitFor(() => editor.data.form !== null && editor.data.form.orgName !== '');
  expect(editor.data.form).toMatchObject({ label: '冬送温暖（本地）', subjectType: 'household', sizeField: 'householdSize', settleMode: 'both', orgName: '示范县总工会' });
  // the rules' fields picked by their names; no identifier on the page
  expect(textOf(editor, '.ref--sizeField')).toContain('家庭人口 ▾');
  expect(textOf(editor)).not.toMatch(/householdSize|hardshipLevel|bankCard|\{applicant\}/);
  expect(editor.data.form.headline).toBe('{申请人}家（{家庭人口}人）');
  await typeInto(editor, '#label', '县冬送温暖');
  await tap(editor, '.people-rule--field');
  const numbers = editor.data.numberChoices.map((c: { key: string }) => c.key);
  find(editor, '.people-field-picker').dispatchEvent('change', { detail: { value: numbers.indexOf('householdSize') } });
  await waitFor(() => editor.data.form.peopleField === 'householdSize');
  expect(textOf(editor, '.people-field')).toBe('家庭人口 ▾');
  // the sentence by its placeholders' names (a key typed as it is stays one); one it does not know, refused
  expect(editor.data.form.sentence).toBe('{活动或服务名称}：慰问困难职工 {人次} 人次，发放慰问金和慰问品 {发放金额（万元）} 万元');
  await typeInto(editor, '#sentence', '{title}：慰问困难职工家庭 {households} 户');
  await save(editor);
  expect(editor.data.error).toBe('请按提示修改');
  expect(textOf(editor, '.sentence-error')).toBe('报告用语中有不认识的{households}，可用：{活动或服务名称}{人次}{发放金额（万元）}{收到申请数}{批准数}');
  expect(textOf(editor, '.error')).toContain('报告用语中有不认识的{households}');

  await typeInto(editor, '#sentence', '{活动或服务名称}：惠及困难职工家庭 {人次} 人次，发放 {wan} 万元');
  await save(editor);
  expect(editor.data.error).toBe('');
  expect(textOf(editor, '.notice')).toBe('已保存。已建的活动不受影响；新建活动时可选用这个类型');
  winterKind = editor.data.savedId;
  await tap(editor, '.new-campaign');
  expect(wxLog.navigations.at(-1)).toEqual({ api: 'navigateTo', url: `/admin/campaign/index?kindId=${winterKind}` });

  winterCampaign = await campaignFromEditor(winterKind, async (campaign) => {
    expect(campaign.data.form).toMatchObject({ kindLabel: '县冬送温暖', settle: 'both', hardshipOnly: true, title: `${today().slice(0, 4)}年县冬送温暖` });
    expect(campaign.data.tiers.map((t: { label: string }) => t.label)).toEqual(['一般困难', '特别困难']);
  });
});

test('a 职工疗休养 kind and a campaign of places with its quota', async () => {
  actAs(lc.url, FED);
  const editor = renderPage(simulate, 'admin/kind/index', { from: 'sanatorium' });
  await waitFor(() => editor.data.form !== null);
  await typeInto(editor, '#label', '县职工疗休养');
  await save(editor);
  expect(editor.data.error).toBe('');
  sanatoriumKind = editor.data.savedId;
  sanatoriumCampaign = await campaignFromEditor(sanatoriumKind, async (campaign) => {
    expect(campaign.querySelectorAll('.tier')).toHaveLength(0);
    await typeInto(campaign, '#quota', '2');
    await typeInto(campaign, '#placeCost', '1500');
  });
  const { campaign } = data(await callAs(lc, PEOPLE.member, 'campaigns', 'get', { campaignId: sanatoriumCampaign }));
  expect(campaign).toMatchObject({ quota: 2, placeFen: 150_000, kind: { label: '县职工疗休养', settle: { mode: 'places' } } });
});

test('首页 shows both with their kinds’ descriptions and places', async () => {
  actAs(lc.url, PEOPLE.member);
  const home = renderPage(simulate, 'pages/index/index');
  await waitFor(() => home.data.campaigns.length >= 4);
  expect(textOf(home, `.campaign--${winterCampaign}`)).toContain('入冬走访慰问困难职工家庭，送慰问金或慰问品');
  expect(textOf(home, `.campaign--${winterCampaign}`)).toContain('限建档困难职工申请');
  expect(textOf(home, `.campaign--${sanatoriumCampaign}`)).toContain('名额 2 个，择优或抽签确定');
  expect(find(home, `.campaign--${sanatoriumCampaign}`).querySelector('.campaign__icon')).not.toBeNull();
});

test('申请审核: the places drawn by lot, the draw recorded; a delivery no larger than the household', async () => {
  const apply = async (who: string) => data(await callAs(lc, who, 'applications', 'submit', { campaignId: sanatoriumCampaign, requestKey: requestKey(), answers: sanatoriumAnswers() })).application;
  for (const who of [PEOPLE.member, OTHER, THIRD]) {
    const a = await apply(who);
    data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'recommend' }));
  }
  actAs(lc.url, FED);
  const queue = renderPage(simulate, 'admin/applications/index');
  await waitFor(() => queue.data.campaigns.length > 0 && queue.data.loaded);
  await tap(queue, `.campaign--${sanatoriumCampaign}`);
  await waitFor(() => queue.data.campaignId === sanatoriumCampaign && !queue.data.loading && queue.data.items.length === 3);
  expect(queue.data.tabs.map((t: { label: string }) => t.label)).toEqual(['待基层审核', '待总工会审批', '已入选', '已参加', '已退回', '未通过', '已撤销']);
  expect(textOf(queue, '.draw')).toContain('还剩 2 个名额');
  await tap(queue, '.draw-go');
  await waitFor(() => !queue.data.drawing && (queue.data.notice !== '' || queue.data.error !== ''));
  expect(queue.data.error).toBe('');
  expect(textOf(queue, '.notice')).toBe('抽签完成：从 3 件中抽中 2 件，已入选');
  await waitFor(() => queue.data.draws.length === 1 && queue.data.items.length === 1);
  expect(textOf(queue, '.draw__record')).toContain('从 3 件中抽取 2 个名额');
  expect(textOf(queue, '.budget-bar')).toContain('名额 2 个，已入选 2 个，剩余 0 个');

  // 冬送温暖: a household of 3, approved, then delivered to at most 3
  let home: ApplicationDetail = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: winterCampaign, requestKey: requestKey(), answers: winterAnswers(3) })).application;
  home = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: home.applicationId, version: home.version, transition: 'recommend' })).application;
  home = data(await callAs(lc, FED, 'applications', 'act', { applicationId: home.applicationId, version: home.version, transition: 'approve', amountFen: 50_000 })).application;
  const detail = renderPage(simulate, 'admin/application/index', { applicationId: home.applicationId });
  await waitFor(() => detail.data.loaded && detail.data.app !== null);
  expect(detail.data.app.actions.map((a: { action: string }) => a.action)).toEqual(['pay', 'deliver', 'cancel']);
  await typeInto(detail, '#headcount', '9999');
  await tap(detail, '.act--deliver');
  expect(detail.data.errors.headcount).toBe('实际慰问人数不能超过申请时申报的3人');
  detail.setData({ photos: [{ path: 'x.png', fileId: await upload(lc, FED), progress: 100 }] });
  await typeInto(detail, '#headcount', '3');
  await tap(detail, '.act--deliver');
  await waitFor(() => detail.data.acting === '' && (detail.data.notice !== '' || detail.data.error !== ''));
  expect(detail.data.notice).toBe('已登记送达');
  expect(textOf(detail, '.delivery')).toContain('慰问 3 人');
});

test('数据统计 offers the new kinds as filters, with their sentences', async () => {
  actAs(lc.url, FED);
  const dash = renderPage(simulate, 'admin/dashboard/index');
  await waitFor(() => dash.data.loaded && !dash.data.loading && dash.data.serviceTabs.length > 3);
  const tabs = dash.data.serviceTabs.map((t: { label: string }) => t.label);
  expect(tabs).toEqual(['全部', '金秋助学', '夏送清凉', '冬送温暖', '两节慰问', '职工疗休养', '医疗救助', '县冬送温暖', '县职工疗休养', '法律援助']);
  await tap(dash, `.service--${winterKind}`);
  await waitFor(() => !dash.data.loading && dash.data.cards.length === 2);
  expect(textOf(dash, `.figures--${winterKind} .sentence__text`)).toBe('县冬送温暖：惠及困难职工家庭 3 人次，发放 0.05 万元');
  expect(dash.data.campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual([winterCampaign]);
});

test('the kind editor shows fields by name: the fields its rules read kept, another removed after asking, moved, renamed in the headline', async () => {
  actAs(lc.url, FED);
  const editor = renderPage(simulate, 'admin/kind/index', { from: 'winterWarmth' });
  await waitFor(() => editor.data.form !== null && editor.data.form.orgName !== '');
  await typeInto(editor, '#label', '县困难职工慰问');
  const labels = () => editor.data.fields.map((f: { label: string }) => f.label);
  expect(labels()).toEqual(['家庭人口', '困难程度', '家庭困难情况', '家庭住址', '希望的慰问方式', '收款银行卡号', '持卡人姓名']);
  expect(editor.querySelector('.field-key')).toBeFalsy();

  // 家庭人口 is what the household rule reads: it stays, required
  expect(editor.querySelector('.field--0 .remove-field')).toBeFalsy();
  expect(textOf(editor, '.field--0 .fixed-note')).toContain('这一项用作家庭人口');
  answerModals(false);
  await tap(editor, '.field--3 .remove-field');
  expect(wxLog.modals.at(-1)).toEqual({ title: '删除这一项？', content: '“家庭住址”将从申请表中去掉。已经提交的申请不受影响。' });
  expect(labels()).toHaveLength(7);
  answerModals(true);
  await tap(editor, '.field--3 .remove-field');
  await waitFor(() => labels().length === 6);
  expect(wxLog.toasts.at(-1)).toBe('已删除“家庭住址”');
  await tap(editor, '.field--0 .move-down');
  expect(labels()).toEqual(['困难程度', '家庭人口', '家庭困难情况', '希望的慰问方式', '收款银行卡号', '持卡人姓名']);
  expect(wxLog.toasts.at(-1)).toBe('“家庭人口”现在是第 2 项');

  // renaming a field renames it in the headline; a new number field counts the people and is kept too
  await typeInto(editor, '.field--1 .field-label', '家庭人数');
  expect(editor.data.form.headline).toBe('{申请人}家（{家庭人数}人）');
  find(editor, '.add-field').dispatchEvent('change', { detail: { value: editor.data.addable.indexOf('整数') } });
  await waitFor(() => labels().length === 7);
  await typeInto(editor, '.field--6 .field-label', '赡养老人数');
  await tap(editor, '.people-rule--field');
  find(editor, '.people-field-picker').dispatchEvent('change', { detail: { value: editor.data.numberChoices.findIndex((c: { label: string }) => c.label === '赡养老人数') } });
  await waitFor(() => editor.data.fields[6].fixed);
  expect(editor.querySelector('.field--6 .remove-field')).toBeFalsy();

  await typeInto(editor, '#headline', '{申请人}家（{家庭人口}人）');
  await save(editor);
  expect(textOf(editor, '#headline')).toContain('申请事项中的{家庭人口}不是申请表中的一项，可用：{困难程度}{家庭人数}{家庭困难情况}{希望的慰问方式}{收款银行卡号}{持卡人姓名}{赡养老人数}{申请人}');
  await typeInto(editor, '#headline', '{申请人}家（{家庭人数}人，{赡养老人数}位老人）');
  await save(editor);
  expect(editor.data.error).toBe('');
  const { items } = data(await callAs(lc, FED, 'campaigns', 'kinds', {}));
  const saved = items.find((k: { kindId: string }) => k.kindId === editor.data.savedId)!;
  expect(saved).toMatchObject({ headline: '{applicant}家（{householdSize}人，{field1}位老人）', counting: { people: { by: 'field', field: 'field1' } } });
  expect(saved.template.fields.map((f: { key: string; label: string }) => `${f.key}:${f.label}`)).toEqual([
    'hardshipLevel:困难程度',
    'householdSize:家庭人数',
    'hardship:家庭困难情况',
    'preference:希望的慰问方式',
    'bankCard:收款银行卡号',
    'cardHolder:持卡人姓名',
    'field1:赡养老人数',
  ]);
});
