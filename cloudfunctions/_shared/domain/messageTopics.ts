// The kinds of outbox message, pure so that template rules can name them without the database.
/** Personal messages: the member's own applications, cases, membership, hardship record, and an officer's review reminders
 *  (待审核提醒 digests); they form the inbox. */
export const PERSONAL_TOPICS = ['membershipReviewed', 'applicationStatus', 'caseStatus', 'hardshipStatus', 'reviewTask'] as const;
/** Messages the drain sends as subscribe messages: personal ones and a notice's per-member copies. */
export const SEND_TOPICS = [...PERSONAL_TOPICS, 'notice'] as const;
/** Work the drain runs (cloudfunctions/notices/jobs.ts); idempotent, so rerun after a dead drain. */
export const JOB_TOPICS = ['noticeFanout', 'accountPush'] as const;

export type PersonalTopic = (typeof PERSONAL_TOPICS)[number];
export type SendTopic = (typeof SEND_TOPICS)[number];
export type JobTopic = (typeof JOB_TOPICS)[number];
export type MessageTopic = SendTopic | JobTopic;
