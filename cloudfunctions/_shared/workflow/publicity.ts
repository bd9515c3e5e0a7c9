// The steps 公示 adds to an approved application of a campaign requiring it, beside the application machine
// (workflow/applications.ts), over the same records and by the same mechanism (machine.ts):
//
//   approved ──publicize──▶ approved (listed until the period ends)
//   approved ──objectionReturn──▶ returned     an objection upheld: supplement and go through review again
//   approved ──objectionReject──▶ rejected     an objection upheld: not granted
//
// Each is taken only through the publicity actions (applications/publicity.ts): publishing lists the
// application, resolving an objection upholds it. Upheld, the application leaves the list and gives back
// the amount (and place) its approval reserved; approved again later, it is published again.
import type { ApplicationStatus } from '../../../typings/api/applications';
import { mayDecideAsFederation } from '../access/applications';
import { publicityLastDay, type PublicityMark } from '../domain/publicity';
import { toApplicant, type ApplicationRecord } from './applications';
import type { Machine, Transition } from './machine';

export type ListedRecord = ApplicationRecord & PublicityMark;
type T = Transition<ApplicationStatus, ListedRecord>;

const lastDayOf = (r: ApplicationRecord) => publicityLastDay(new Date((r as ListedRecord).publicity?.endsAt ?? 0));
const upheld = (r: ListedRecord) => ((r.openObjections ?? 0) > 0 ? null : '该申请没有待处理的异议');
// Leaving the list: the approval's amount and the listing go, and so do its objections (all answered).
const leaving = { amountFen: null, publicity: null, openObjections: 0 };

const TRANSITIONS: T[] = [
  {
    name: 'publicize',
    from: ['approved'],
    who: mayDecideAsFederation,
    closedBecause: (r) => (r.publicity ? '该申请已在公示中' : null),
    needs: (input) => {
      const { publicityId, endsAt } = input;
      if (typeof publicityId !== 'string' || !(endsAt instanceof Date)) return { ok: false, message: '公示信息不完整' };
      return { ok: true, patch: { publicity: { publicityId, endsAt }, openObjections: 0 } };
    },
    messages: toApplicant(
      '申请进入公示',
      '公示中',
      (n) => `公示至${lastDayOf(n)}`,
      (n) => `您的${n.campaignTitle}申请已批准，现按规定公示，公示期至${lastDayOf(n)}。公示期满无异议后发放。`,
    ),
  },
  {
    name: 'objectionReturn',
    from: ['approved'],
    to: 'returned',
    who: mayDecideAsFederation,
    requiresComment: true,
    closedBecause: upheld,
    needs: () => ({ ok: true, patch: leaving }),
    messages: toApplicant('公示异议成立，申请需要补充', '待补充', (_n, e) => `需补充：${e.comment}`, (n, e) => `您的${n.campaignTitle}申请在公示期间收到异议，经核实需要补充材料：${e.comment}。请补充后重新提交。`),
  },
  {
    name: 'objectionReject',
    from: ['approved'],
    to: 'rejected',
    who: mayDecideAsFederation,
    requiresComment: true,
    closedBecause: upheld,
    needs: () => ({ ok: true, patch: leaving }),
    messages: toApplicant('公示异议成立，申请未通过', '未通过', (_n, e) => `原因：${e.comment}`, (n, e) => `您的${n.campaignTitle}申请在公示期间收到异议，经核实不予通过。原因：${e.comment}`),
  },
];

export const PUBLICITY_MACHINE: Machine<ApplicationStatus, ListedRecord> = {
  states: ['approved', 'returned', 'rejected'],
  transitions: TRANSITIONS,
  stale: { noun: '该申请' },
};
