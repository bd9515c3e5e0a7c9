// Messages to members, written in the same transaction as the change that causes them and delivered later
// by the notices drain (subscribe message when the member has quota, in-app inbox always).
export type MessageTopic = 'membershipReviewed' | 'applicationStatus' | 'caseStatus';

export interface OutboxMessage {
  topic: MessageTopic;
  toOpenid: string;
  title: string;
  body: string;
  /** the page the message opens */
  page: string;
  status: 'pending';
  attempts: number;
  createdAt: Date;
  dueAt: Date;
  /** makes the message idempotent: one per cause */
  causeId: string;
}

export function outboxMessage(m: Pick<OutboxMessage, 'topic' | 'toOpenid' | 'title' | 'body' | 'page' | 'causeId'>, now: Date): OutboxMessage {
  return { ...m, status: 'pending', attempts: 0, createdAt: now, dueAt: now };
}
