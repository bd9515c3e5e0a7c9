// The subscribe-message templates file and the one rule that fills a template from a message.
import fs from 'node:fs';
import path from 'node:path';
import { parseTemplates, SUBSCRIBE_TEMPLATES, templateData, thingValue } from '../../cloudfunctions/_shared/domain/templateData';

const FILE = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cloudbase/subscribe-templates.json'), 'utf8'));
const withTemplate = (key: string, patch: object) => ({ ...FILE, templates: { ...FILE.templates, [key]: { ...FILE.templates[key], ...patch } } });
const at = new Date('2026-11-21T16:30:00Z'); // 2026-11-22 00:30 in Shanghai

test('the real file loads: every sendable topic has its template', () => {
  expect(parseTemplates(FILE)).toEqual(SUBSCRIBE_TEMPLATES);
  const { byTopic } = SUBSCRIBE_TEMPLATES;
  expect(byTopic.applicationStatus.key).toBe('applicationStatus');
  expect(byTopic.membershipReviewed.key).toBe('applicationStatus');
  expect(byTopic.caseStatus.key).toBe('applicationStatus');
  expect(byTopic.notice.key).toBe('noticePublished');
  expect(byTopic.reviewTask.key).toBe('reviewTask');
  expect(SUBSCRIBE_TEMPLATES.byKey.applicationStatus.templateId).toBe(FILE.templates.applicationStatus.templateId);
});

test('thing values over 20 characters are cut to 19 and an ellipsis; whitespace runs become one space', () => {
  expect(thingValue('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
  expect(thingValue('一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
  expect([...thingValue('😀'.repeat(30))]).toHaveLength(20);
  expect(thingValue('  第一行\n\n第二行  ')).toBe('第一行 第二行');
});

test('a personal message fills the status template with the news first: subject, status phrase, brief, Shanghai time', () => {
  const r = templateData(SUBSCRIBE_TEMPLATES.byTopic.applicationStatus, {
    title: '申请需要补充材料',
    body: '您的2026年金秋助学申请需要补充材料：请上传录取通知书。请补充后重新提交。',
    subject: '2026年金秋助学申请',
    phrase: '待补充',
    brief: '需补充：请上传录取通知书',
    createdAt: at,
  });
  expect(r).toEqual({
    ok: true,
    data: { thing1: { value: '2026年金秋助学申请' }, phrase2: { value: '待补充' }, thing3: { value: '需补充：请上传录取通知书' }, time4: { value: '2026-11-22 00:30' } },
  });
});

test('without a subject or brief the title and body stand in; without a fitting phrase the field is named', () => {
  const status = SUBSCRIBE_TEMPLATES.byTopic.applicationStatus;
  expect(templateData(status, { title: '会员认证已通过', body: '可以申请工会服务了', phrase: '已通过', createdAt: at })).toMatchObject({
    ok: true,
    data: { thing1: { value: '会员认证已通过' }, thing3: { value: '可以申请工会服务了' } },
  });
  expect(templateData(status, { title: 't', body: 'b', createdAt: at })).toEqual({ ok: false, field: 'phrase2' });
  expect(templateData(status, { title: 't', body: 'b', phrase: '已经全部处理完毕', createdAt: at })).toEqual({ ok: false, field: 'phrase2' });
  expect(templateData(status, { title: 't', body: 'b', phrase: 'OK', createdAt: at })).toEqual({ ok: false, field: 'phrase2' });
});

test('a review reminder shows what is new, the count waiting and the breakdown', () => {
  const r = templateData(SUBSCRIBE_TEMPLATES.byTopic.reviewTask, { title: '待审核提醒', body: '…', subject: '新的入会申请待审核', count: 15, brief: '入会3 申请12', createdAt: at });
  expect(r).toEqual({
    ok: true,
    data: { thing1: { value: '新的入会申请待审核' }, number2: { value: '15' }, thing3: { value: '入会3 申请12' }, time4: { value: '2026-11-22 00:30' } },
  });
  expect(templateData(SUBSCRIBE_TEMPLATES.byTopic.reviewTask, { title: '待审核提醒', body: '…', createdAt: at })).toEqual({ ok: false, field: 'number2' });
});

test('a notice fills the notice template with its org and Shanghai date; without an org it names the field', () => {
  const notice = SUBSCRIBE_TEMPLATES.byTopic.notice;
  expect(templateData(notice, { title: '金秋助学7月1日开始申请', body: '…', orgName: '示范县总工会', createdAt: at })).toEqual({
    ok: true,
    data: { thing1: { value: '金秋助学7月1日开始申请' }, thing2: { value: '示范县总工会' }, date3: { value: '2026-11-22' } },
  });
  expect(templateData(notice, { title: '通知', body: '', createdAt: at })).toEqual({ ok: false, field: 'thing2' });
});

test.each([
  ['a phrase showing free text', withTemplate('applicationStatus', { fields: { phrase1: { label: '状态', value: 'title' } } }), /phrase cannot always hold the message's title/],
  ['a number showing text', withTemplate('reviewTask', { fields: { number1: { label: '数量', value: 'brief' } } }), /number cannot always hold the message's brief/],
  ['a name showing free text', withTemplate('reviewTask', { fields: { name1: { label: '申请人', value: 'body' } } }), /name cannot always hold/],
  ['a time showing text', withTemplate('reviewTask', { fields: { time1: { label: '时间', value: 'title' } } }), /time cannot always hold/],
  ['an unknown source', withTemplate('reviewTask', { fields: { thing1: { label: '事项', value: 'amount' } } }), /shows amount/],
  ['a field without a label', withTemplate('reviewTask', { fields: { thing1: { value: 'title' } } }), /needs a label/],
  ['a topic with two templates', withTemplate('reviewTask', { topics: ['reviewTask', 'notice'] }), /topic notice has two templates/],
  ['a topic without a template', withTemplate('noticePublished', { topics: [] }), /no template for topics notice/],
  ['an unknown topic', withTemplate('reviewTask', { topics: ['reviewTask', 'nope'] }), /nope is not a topic/],
  ['a missing template id', withTemplate('reviewTask', { templateId: '' }), /needs templateId/],
  ['an unknown template', { ...FILE, templates: { ...FILE.templates, extra: FILE.templates.reviewTask } }, /unknown templates extra/],
  ['a bad miniprogramState', { ...FILE, miniprogramState: 'beta' }, /miniprogramState/],
])('a file with %s is refused when loaded', (_name, file, message) => {
  expect(() => parseTemplates(file)).toThrow(message);
});
