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
  expect(SUBSCRIBE_TEMPLATES.byKey.applicationStatus.templateId).toBe(FILE.templates.applicationStatus.templateId);
});

test('thing values over 20 characters are cut to 19 and an ellipsis; whitespace runs become one space', () => {
  expect(thingValue('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九十');
  expect(thingValue('一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
  expect([...thingValue('😀'.repeat(30))]).toHaveLength(20);
  expect(thingValue('  第一行\n\n第二行  ')).toBe('第一行 第二行');
});

test('a personal message fills the status template: title, Shanghai time, body cut to fit', () => {
  const r = templateData(SUBSCRIBE_TEMPLATES.byTopic.applicationStatus, {
    title: '申请需要补充材料',
    body: '您的2026年金秋助学申请需要补充材料：请上传录取通知书。请补充后重新提交。',
    createdAt: at,
  });
  expect(r).toEqual({
    ok: true,
    data: { thing1: { value: '申请需要补充材料' }, time2: { value: '2026-11-22 00:30' }, thing3: { value: '您的2026年金秋助学申请需要补充材料…' } },
  });
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
  ['a name showing free text', withTemplate('reviewTask', { fields: { name1: { label: '申请人', value: 'body' } } }), /name cannot always hold/],
  ['a time showing text', withTemplate('reviewTask', { fields: { time1: { label: '时间', value: 'title' } } }), /time cannot always hold/],
  ['an unknown source', withTemplate('reviewTask', { fields: { thing1: { label: '事项', value: 'amount' } } }), /shows amount/],
  ['a field without a label', withTemplate('reviewTask', { fields: { thing1: { value: 'title' } } }), /needs a label/],
  ['a topic with two templates', withTemplate('reviewTask', { topics: ['notice'] }), /topic notice has two templates/],
  ['a topic without a template', withTemplate('noticePublished', { topics: [] }), /no template for topics notice/],
  ['an unknown topic', withTemplate('reviewTask', { topics: ['nope'] }), /nope is not a topic/],
  ['a missing template id', withTemplate('reviewTask', { templateId: '' }), /needs templateId/],
  ['an unknown template', { ...FILE, templates: { ...FILE.templates, extra: FILE.templates.reviewTask } }, /unknown templates extra/],
  ['a bad miniprogramState', { ...FILE, miniprogramState: 'beta' }, /miniprogramState/],
])('a file with %s is refused when loaded', (_name, file, message) => {
  expect(() => parseTemplates(file)).toThrow(message);
});
