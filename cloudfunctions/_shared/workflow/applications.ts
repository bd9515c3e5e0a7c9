// The workflow of a campaign application:
//
//   submitted ──recommend──▶ recommended ──approve──▶ approved ──pay──▶ paid           (cash, both)
//       │  ▲                     │                       ├──deliver──▶ delivered    (goods, both)
//       │  │                     │                       └──attend───▶ attended     (places)
//       │  └─────resubmit── returned ◀──return── (submitted or recommended)
//       └──reject──▶ rejected ◀──reject── recommended
//   withdraw: submitted, recommended or returned ──▶ withdrawn
//   cancel (撤销批准): approved ──▶ cancelled            refund (登记退款): paid ──▶ paid
//
// Which settlement a campaign offers is its kind's settle mode (domain/serviceKinds.ts); a places campaign's
// approval takes a place and its cost instead of an amount, by an officer's choice or by the draw.
// A returned application goes back to the grassroots union once supplemented, even when the federation
// returned it: the grassroots officer vouches for the materials before the federation sees them again.
// The federation may cancel an approval (with its reason) until it is settled: the cancelled application
// gives back its reserved amount and place and releases its duplicate key and year claim, as a rejected one
// does. A settled application is not cancelled: a paid one is corrected by refunds (amount, date, reference,
// reason), each at most what is not yet refunded, which the figures and the ledger count.
// A 公示 objection upheld undoes an approval too (workflow/publicity.ts: its steps on an approved application).
import type { ApplicationStatus } from '../../../typings/api/applications';
import type { CampaignView, FormField } from '../../../typings/api/campaigns';
import type { SettleMode } from '../../../typings/api/serviceKinds';
import type { Actor } from '../access/actor';
import {
  isApplicant,
  mayDecideAsFederation,
  mayReviewAsGrassroots,
  mayReviewCurrentStage,
  mayViewApplication,
  type ApplicationScope,
} from '../access/applications';
import type { Staffing } from '../access/coverage';
import { validateAnswers, type Answers } from '../domain/campaignForm';
import { checkGrantAmount, checkRefund, formatYuan } from '../domain/campaignRules';
import { maxHeadcount, type ApplicationTerms } from '../domain/serviceKinds';
import { shanghaiDate } from '../domain/shanghaiTime';
import type { HistoryEntry, InputCheck, Machine, Transition, WorkflowRecord } from './machine';

export interface ApplicationRecord extends WorkflowRecord<ApplicationStatus>, ApplicationScope {
  campaignId: string;
  /** the service kind's id: the counters' service */
  campaignKind: string;
  campaignTitle: string;
  terms: ApplicationTerms;
  applicantOpenid: string;
  answers: Answers;
  /** granted on approval, in 分 */
  amountFen: number | null;
  payment: { reference: string; paidOn: string } | null;
  delivery: { headcount: number; photos: string[]; deliveredOn: string } | null;
  attendance: { attendedOn: string } | null;
  /** refunds of a paid application, oldest first; absent on applications stored before refunds existed */
  refunds?: Refund[];
  createdAt: Date;
}

export interface Refund {
  amountFen: number;
  refundedOn: string;
  reference: string;
  reason: string;
  /** when it was recorded: the day its figures count */
  at: Date;
}

export const APPLICATION_STATES: readonly ApplicationStatus[] = [
  'submitted', 'returned', 'recommended', 'approved', 'paid', 'delivered', 'attended', 'rejected', 'withdrawn', 'cancelled',
];

const SETTLED: readonly ApplicationStatus[] = ['paid', 'delivered', 'attended'];

/** The settlements each settle mode offers an approved application (ending in SETTLED_STATUSES). */
const SETTLEMENTS: Record<SettleMode, readonly ('pay' | 'deliver' | 'attend')[]> = { cash: ['pay'], goods: ['deliver'], both: ['pay', 'deliver'], places: ['attend'] };

/** The page a message about an application opens. */
export function applicationPage(applicationId: string): string {
  return `pages/application/index?applicationId=${encodeURIComponent(applicationId)}`;
}

// Payment and delivery records are small forms of their own, checked by the same rules as a campaign's form.
const PAYMENT_FIELDS: FormField[] = [
  { key: 'paymentReference', label: '付款凭证号', type: 'text', required: true, max: 64 },
  { key: 'paidOn', label: '付款日期', type: 'date', required: true },
];
const DELIVERY_FIELDS: FormField[] = [
  { key: 'headcount', label: '实际慰问人数', type: 'number', required: true, max: 100_000 },
  { key: 'photos', label: '送达照片', type: 'images', required: true, max: 9 },
  { key: 'deliveredOn', label: '送达日期', type: 'date', required: true },
];
const ATTENDANCE_FIELDS: FormField[] = [{ key: 'attendedOn', label: '参加日期', type: 'date', required: true }];
const REFUND_FIELDS: FormField[] = [
  { key: 'refundFen', label: '退款金额', type: 'money', required: true },
  { key: 'refundedOn', label: '退款日期', type: 'date', required: true },
  { key: 'refundReference', label: '退款凭证号', type: 'text', required: true, max: 64 },
  { key: 'refundReason', label: '退款原因', type: 'text', required: true, max: 200 },
];

function notFuture(day: string, label: string, now: Date): Record<string, string> | null {
  return day > shanghaiDate(now) ? { [label]: '日期不能晚于今天' } : null;
}

function formInput(
  fields: FormField[],
  input: Record<string, unknown>,
  now: Date,
  toPatch: (v: Answers) => InputCheck<ApplicationRecord>,
): InputCheck<ApplicationRecord> {
  const checked = validateAnswers(fields, input, now);
  return checked.ok ? toPatch(checked.value) : { ok: false, message: Object.values(checked.fields)[0], fields: checked.fields };
}

/** What an application's messages are about, for a subscribe message's 办理事项. */
export const applicationSubject = (campaignTitle: string): string => `${campaignTitle}申请`;

type Said = (next: ApplicationRecord, entry: HistoryEntry<ApplicationStatus>) => string;

/** A message to the applicant: the inbox's title and body, and the news first for the subscribe message. */
export function toApplicant(title: string, phrase: string, brief: Said, body: Said) {
  return (next: ApplicationRecord, entry: HistoryEntry<ApplicationStatus>) => [
    { toOpenid: next.applicantOpenid, title, body: body(next, entry), subject: applicationSubject(next.campaignTitle), phrase, brief: brief(next, entry), page: applicationPage(next._id) },
  ];
}

const lastRefund = (n: ApplicationRecord): Refund => (n.refunds ?? [])[(n.refunds ?? []).length - 1];

const withComment = (text: string, entry: HistoryEntry<ApplicationStatus>) => (entry.comment ? `${text}说明：${entry.comment}` : text);

/**
 * The machine for applications to `campaign`: approval amounts follow its tiers or cap and the form's own
 * cap (a places campaign's approval takes a place at its cost), the settlements its kind's settle mode
 * offers, a delivery's headcount at most the declared one, resubmitted answers its form. `staff`: the
 * officers along the paths of the applications it decides (data/staffing.ts), for who covers a grassroots
 * stage without an officer.
 */
export function applicationMachine(
  campaign: Pick<CampaignView, 'kind' | 'fields' | 'tiers' | 'maxAmountFen' | 'budgetFen' | 'placeFen'>,
  staff: Staffing,
): Machine<ApplicationStatus, ApplicationRecord> {
  type T = Transition<ApplicationStatus, ApplicationRecord>;
  const mode = campaign.kind.settle.mode;
  const offers = (s: 'pay' | 'deliver' | 'attend') => SETTLEMENTS[mode].includes(s);
  const grassroots = (actor: Actor, app: ApplicationRecord) => mayReviewAsGrassroots(actor, app, staff);
  const currentStage = (actor: Actor, app: ApplicationRecord) => mayReviewCurrentStage(actor, app, staff);
  const transitions: T[] = [
    {
      name: 'recommend',
      from: ['submitted'],
      to: 'recommended',
      who: grassroots,
      messages: toApplicant('申请已通过基层工会审核', '已推荐', (_n, e) => e.comment ? `已推荐：${e.comment}` : '已推荐，等待总工会审批', (n, e) => withComment(`您的${n.campaignTitle}申请已由基层工会推荐，等待总工会审批。`, e)),
    },
    {
      name: 'return',
      from: ['submitted', 'recommended'],
      to: 'returned',
      who: currentStage,
      requiresComment: true,
      messages: toApplicant('申请需要补充材料', '待补充', (_n, e) => `需补充：${e.comment}`, (n, e) => `您的${n.campaignTitle}申请需要补充材料：${e.comment}。请补充后重新提交。`),
    },
    {
      name: 'reject',
      from: ['submitted', 'recommended'],
      to: 'rejected',
      who: currentStage,
      requiresComment: true,
      messages: toApplicant('申请未通过', '未通过', (_n, e) => `原因：${e.comment}`, (n, e) => `您的${n.campaignTitle}申请未通过。原因：${e.comment}`),
    },
    {
      name: 'approve',
      from: ['recommended'],
      to: 'approved',
      who: mayDecideAsFederation,
      needs: (input, record) => {
        if (mode === 'places') {
          return input.amountFen === undefined
            ? { ok: true, patch: { amountFen: campaign.placeFen ?? 0 } }
            : { ok: false, message: '名额类活动批准时不填金额', fields: { amountFen: '名额类活动批准时不填金额' } };
        }
        const amount = checkGrantAmount(campaign, input.amountFen, record.terms.capFen);
        return amount.ok
          ? { ok: true, patch: { amountFen: amount.value } }
          : { ok: false, message: amount.message, fields: { amountFen: amount.message } };
      },
      messages: toApplicant(
        '申请已批准',
        mode === 'places' ? '已入选' : '已批准',
        (n) => (mode === 'places' ? '已入选，请按通知参加' : `核定金额${formatYuan(n.amountFen ?? 0)}`),
        (n, e) => withComment(mode === 'places' ? `您已入选${n.campaignTitle}，请按通知参加。` : `您的${n.campaignTitle}申请已批准，核定金额${formatYuan(n.amountFen ?? 0)}。`, e),
      ),
    },
    ...(offers('pay') ? [{
      name: 'pay',
      from: ['approved'],
      to: 'paid',
      who: mayDecideAsFederation,
      needs: (input, _record, now) =>
        formInput(PAYMENT_FIELDS, input, now, (v) => {
          const future = notFuture(String(v.paidOn), 'paidOn', now);
          return future
            ? { ok: false, message: future.paidOn, fields: future }
            : { ok: true, patch: { payment: { reference: String(v.paymentReference), paidOn: String(v.paidOn) } } };
        }),
      messages: toApplicant('款项已发放', '已发放', (n) => `${formatYuan(n.amountFen ?? 0)}已于${n.payment?.paidOn}发放`, (n) => `您的${n.campaignTitle}款项${formatYuan(n.amountFen ?? 0)}已于${n.payment?.paidOn}发放，请注意查收。`),
    } satisfies T] : []),
    ...(offers('deliver')
      ? [
          {
            name: 'deliver',
            from: ['approved'],
            to: 'delivered',
            who: mayDecideAsFederation,
            needs: (input, record, now) =>
              formInput(DELIVERY_FIELDS, input, now, (v) => {
                const most = maxHeadcount(record.terms);
                const headcount = Number(v.headcount);
                const problems = {
                  ...notFuture(String(v.deliveredOn), 'deliveredOn', now),
                  ...(headcount === 0 && { headcount: '实际慰问人数应大于0' }),
                  ...(headcount > most && { headcount: `实际慰问人数不能超过申请时申报的${most}人` }),
                };
                return Object.keys(problems).length
                  ? { ok: false, message: Object.values(problems)[0], fields: problems }
                  : {
                      ok: true,
                      patch: {
                        delivery: { headcount: Number(v.headcount), photos: v.photos as string[], deliveredOn: String(v.deliveredOn) },
                      },
                    };
              }),
            messages: toApplicant('慰问物资已送达', '已送达', (n) => `${n.delivery?.deliveredOn}送达，慰问${n.delivery?.headcount}人`, (n) => `${n.campaignTitle}慰问物资已于${n.delivery?.deliveredOn}送达，共慰问${n.delivery?.headcount}人。`),
          } satisfies T,
        ]
      : []),
    ...(offers('attend')
      ? [
          {
            name: 'attend',
            from: ['approved'],
            to: 'attended',
            who: mayDecideAsFederation,
            needs: (input, _record, now) =>
              formInput(ATTENDANCE_FIELDS, input, now, (v) => {
                const future = notFuture(String(v.attendedOn), 'attendedOn', now);
                return future ? { ok: false, message: future.attendedOn, fields: future } : { ok: true, patch: { attendance: { attendedOn: String(v.attendedOn) } } };
              }),
            messages: toApplicant('已登记参加', '已参加', (n) => `${n.attendance?.attendedOn}已参加`, (n) => `您已于${n.attendance?.attendedOn}参加${n.campaignTitle}。`),
          } satisfies T,
        ]
      : []),
    {
      name: 'cancel',
      // a settled application is offered no cancel (closedBecause), and told why when it asks
      from: ['approved', ...SETTLED],
      to: 'cancelled',
      who: mayDecideAsFederation,
      requiresComment: true,
      closedBecause: (r) => (r.status === 'paid' ? '已发放的申请不能撤销，请登记退款' : SETTLED.includes(r.status) ? '已办结的申请不能撤销' : null),
      messages: toApplicant('批准已撤销', '已撤销', (_n, e) => `原因：${e.comment}`, (n, e) => `您的${n.campaignTitle}申请的批准已撤销。原因：${e.comment}`),
    },
    ...(offers('pay') ? [{
      name: 'refund',
      from: ['paid'],
      // stays paid; named so a retried refund on the version it was decided on is stale, not a second refund
      to: 'paid',
      who: mayDecideAsFederation,
      needs: (input, record, now) =>
        formInput(REFUND_FIELDS, input, now, (v) => {
          const refunds = record.refunds ?? [];
          const amount = checkRefund(record.amountFen ?? 0, refunds, Number(v.refundFen));
          const problems = { ...notFuture(String(v.refundedOn), 'refundedOn', now), ...(!amount.ok && { refundFen: amount.message }) };
          if (Object.keys(problems).length) return { ok: false, message: Object.values(problems)[0], fields: problems };
          const refund: Refund = { amountFen: Number(v.refundFen), refundedOn: String(v.refundedOn), reference: String(v.refundReference), reason: String(v.refundReason), at: now };
          return { ok: true, patch: { refunds: [...refunds, refund] }, details: { refundFen: refund.amountFen } };
        }),
      messages: toApplicant('退款已登记', '已退款', (n) => `已退回${formatYuan(lastRefund(n).amountFen)}`, (n) => `您的${n.campaignTitle}款项已登记退回${formatYuan(lastRefund(n).amountFen)}（${lastRefund(n).refundedOn}），原因：${lastRefund(n).reason}。`),
    } satisfies T] : []),
    {
      name: 'withdraw',
      from: ['submitted', 'recommended', 'returned'],
      to: 'withdrawn',
      who: isApplicant,
      messages: toApplicant('申请已撤回', '已撤回', () => '您已撤回申请', (n) => `您已撤回${n.campaignTitle}申请。`),
    },
    {
      name: 'resubmit',
      from: ['returned'],
      to: 'submitted',
      who: isApplicant,
      needs: (input, _record, now) => {
        const answers = validateAnswers(campaign.fields, input.answers, now);
        return answers.ok
          ? { ok: true, patch: { answers: answers.value } }
          : { ok: false, message: '请按提示修改表单', fields: answers.fields };
      },
      messages: toApplicant('申请已重新提交', '已提交', () => '已重新提交，等待基层工会审核', (n) => `您的${n.campaignTitle}申请已补充并重新提交，等待基层工会审核。`),
    },
  ];
  return { states: APPLICATION_STATES, transitions, visibleTo: mayViewApplication, stale: { noun: '该申请' } };
}
