// Who is told when a record arrives at a desk: the grassroots officers (hardshipFiling) when a member asks
// or the federation returns a record, the federation's (hardshipConfirm) when one is filed. The message is
// written with the step, in its transaction, as a 待审核提醒 (reviewTask) to each of them.
import { deskOf, type Stage, type Staffing } from '../_shared/access/coverage';
import type { StepMessage } from '../_shared/data/workflowStep';
import type { HardshipRecord } from '../_shared/workflow/hardship';

const ARRIVALS: Partial<Record<HardshipRecord['status'], { stage: Stage; subject: string; what: string }>> = {
  requested: { stage: 'hardshipFiling', subject: '困难职工建档申请待办理', what: '申请建立困难职工档案' },
  returned: { stage: 'hardshipFiling', subject: '困难职工档案被退回', what: '的困难职工档案被总工会退回' },
  filed: { stage: 'hardshipConfirm', subject: '困难职工档案待确认', what: '的困难职工档案已建档，待确认' },
};

export const recordPage = (recordId: string) => `admin/hardship-record/index?recordId=${encodeURIComponent(recordId)}`;

/** The messages to the officers responsible for the record's new status (but not `actorOpenid`). */
export function deskMessages(next: HardshipRecord, staff: Staffing, actorOpenid: string): StepMessage[] {
  const arrival = ARRIVALS[next.status];
  const desk = arrival && deskOf(arrival.stage, { orgPath: next.orgPath }, staff);
  if (!arrival || !desk) return [];
  const openids = [...new Set(desk.officers.map((g) => g.openid))].filter((o) => o !== actorOpenid);
  return openids.map((toOpenid) => ({
    topic: 'reviewTask',
    toOpenid,
    title: '待审核提醒',
    body: `${next.memberName}${arrival.what}。请到“审核 → 困难职工档案”办理。`,
    subject: arrival.subject,
    phrase: '待办理',
    brief: next.memberName,
    count: 1,
    page: recordPage(next._id),
    causeId: `${next._id}:v${next.version}:desk:${toOpenid}`,
  }));
}
