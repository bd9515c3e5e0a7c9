// The export columns from plain records: Chinese headers, labels for statuses and choices, 元 as numbers,
// Shanghai time, files left out, personal numbers as `personal` decides, the settlement as the kind's
// settle mode has it and the 人次 each counts.
import { applicationColumns, caseColumns, cellsOf, shanghaiDateTime } from '../../cloudfunctions/_shared/domain/exportColumns';
import type { ApplicationDoc } from '../../cloudfunctions/_shared/data/applications';
import type { CaseDoc } from '../../cloudfunctions/_shared/data/cases';
import type { FormField } from '../../typings/api/campaigns';

const FIELDS: FormField[] = [
  { key: 'childName', label: '子女姓名', type: 'text', required: true },
  { key: 'childIdCard', label: '子女身份证号', type: 'idCard', required: true },
  { key: 'level', label: '学历层次', type: 'select', required: true, options: [{ value: 'college', label: '专科' }] },
  { key: 'notice', label: '录取通知书照片', type: 'images', required: true },
  { key: 'income', label: '家庭月人均收入（元）', type: 'money', required: true },
  { key: 'deposit', label: '押金', type: 'money', required: false },
  { key: 'phone', label: '联系电话', type: 'phone', required: true },
];

const doc = {
  _id: 'app-1', applicantName: '王建国', headline: '王小明（专科，某学院）', status: 'approved',
  createdAt: new Date('2026-06-30T16:30:00Z'), updatedAt: new Date('2026-07-01T01:05:00Z'),
  amountFen: 200_050, payment: null, delivery: { headcount: 30, deliveredOn: '2026-07-02', photos: [] }, attendance: null,
  terms: { kindLabel: '金秋助学', sentence: '', people: 1, declared: null, capFen: null },
  answers: {
    childName: '王小明', childIdCard: { enc: 'v1:x', masked: '4203**********0012' }, level: 'college', notice: ['cloud://a/b.png'],
    income: 85_000, phone: { enc: 'v1:y', masked: '138****0001' },
  },
} as unknown as ApplicationDoc;

test('an application row of a kind settled either way', () => {
  const seen: string[] = [];
  const columns = applicationColumns({ kindLabel: '金秋助学', settle: 'both', fields: FIELDS }, (_d, kind, sealed) => (seen.push(kind), kind === 'idCard' ? 'CLEAR' : sealed.masked));
  expect(columns.map((c) => c.header)).toEqual([
    '申请编号', '申请人', '所属工会', '服务类型', '申请事项', '状态', '提交时间', '最近办理时间',
    '子女姓名', '子女身份证号', '学历层次', '家庭月人均收入（元）', '押金（元）', '联系电话',
    '核定金额（元）', '付款凭证号', '付款日期', '已退款（元）', '实际慰问人数', '送达日期', '计入人次',
  ]);
  expect(columns.filter((c) => c.yuan).map((c) => c.header)).toEqual(['家庭月人均收入（元）', '押金（元）', '核定金额（元）', '已退款（元）']);
  expect(cellsOf(columns, { doc, orgName: '城关镇环卫所工会' })).toEqual([
    'app-1', '王建国', '城关镇环卫所工会', '金秋助学', '王小明（专科，某学院）', '已批准', '2026-07-01 00:30', '2026-07-01 09:05',
    '王小明', 'CLEAR', '专科', 850, null, '138****0001',
    2000.5, null, null, null, 30, '2026-07-02', null,
  ]);
  expect(seen).toEqual(['idCard', 'phone']);
});

test('the settlement columns follow the settle mode; a settled application shows the 人次 it counts', () => {
  const headers = (settle: 'cash' | 'goods' | 'places') => applicationColumns({ kindLabel: 'x', settle, fields: [] }, () => '').map((c) => c.header).slice(8);
  expect(headers('cash')).toEqual(['核定金额（元）', '付款凭证号', '付款日期', '已退款（元）', '计入人次']);
  expect(headers('goods')).toEqual(['核定物资价值（元）', '实际慰问人数', '送达日期', '计入人次']);
  expect(headers('places')).toEqual(['名额费用（元）', '参加日期', '计入人次']);
  const goods = applicationColumns({ kindLabel: '夏送清凉', settle: 'goods', fields: [] }, () => '');
  const delivered = { ...doc, status: 'delivered', terms: { ...doc.terms, people: null } } as ApplicationDoc;
  expect(cellsOf(goods, { doc: delivered, orgName: '' }).slice(-1)).toEqual([30]);
  // refunds: what they returned, and a payment refunded whole counts nobody
  const cash = applicationColumns({ kindLabel: '金秋助学', settle: 'cash', fields: [] }, () => '');
  const at = new Date('2026-07-03T02:00:00Z');
  const paid = { ...doc, status: 'paid', amountFen: 300_000, refunds: [{ amountFen: 100_000, refundedOn: '2026-07-03', reference: 'T1', reason: '多发', at }] } as ApplicationDoc;
  expect(cellsOf(cash, { doc: paid, orgName: '' }).slice(-2)).toEqual([1000, 1]);
  const whole = { ...paid, refunds: [...paid.refunds!, { amountFen: 200_000, refundedOn: '2026-07-03', reference: 'T2', reason: '退学', at }] } as ApplicationDoc;
  expect(cellsOf(cash, { doc: whole, orgName: '' }).slice(-2)).toEqual([3000, 0]);
});

test('a case row: labels, amounts in 元, the phone masked, open cases without an end', () => {
  const c = {
    _id: 'case-1', personName: '李四', onBehalf: true, contactPhone: { enc: 'v1:z', masked: '139****0002' }, disputeType: 'wages',
    employerName: '某公司', amountInDisputeFen: 1_234_567, workersAffected: 12, priorProceedings: 'arbitration', status: 'assigned',
    lawyer: { grantId: 'g', name: '陈明' }, createdAt: new Date('2026-03-31T23:59:00Z'), finishedAt: null, outcome: null, recoveredFen: null,
    overdue: true, supervised: false,
  } as unknown as CaseDoc;
  expect(cellsOf(caseColumns(), { doc: c, orgName: '水坪镇总工会' })).toEqual([
    'case-1', '李四', '是', '139****0002', '水坪镇总工会', '欠薪', '某公司', 12345.67, 12, '已申请劳动仲裁', '已指派律师', '陈明',
    '2026-04-01 07:59', null, null, null, '是', '否',
  ]);
});

test('Shanghai time', () => {
  expect(shanghaiDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
  expect(shanghaiDateTime(null)).toBeNull();
});
