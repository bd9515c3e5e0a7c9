// 公示 and 异议: the approved list of a campaign requiring public notice, published for a number of working
// days before anything is paid, and the objections members in its scope raise meanwhile. The list names
// each applicant masked (王*国), their union and the grant; never an ID number. Actions of `applications`.

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
/** An officer's answer to an objection: dismissed (the application goes on), or upheld with the application
 *  returned to supplement or rejected. */
export type ObjectionOutcome = 'dismissed' | 'return' | 'reject';

export interface PublicityLineView {
  applicationId: string;
  /** 王*国 */
  maskedName: string;
  orgName: string;
  /** the tier and amount, the amount, or 入选 */
  grant: string;
}

export interface PublicityView {
  publicityId: string;
  campaignId: string;
  campaignTitle: string;
  /** ISO instants: published, and the start of the day after its last working day */
  startsAt: string;
  endsAt: string;
  /** its last day, 'YYYY-MM-DD' */
  lastDay: string;
  workingDays: number;
  /** objections are taken */
  open: boolean;
  lines: PublicityLineView[];
}

export interface ObjectionView {
  objectionId: string;
  publicityId: string;
  applicationId: string;
  /** the application it concerns, as the list shows it */
  line: PublicityLineView;
  reason: string;
  status: ObjectionStatus;
  /** the officer's view only: who objected (their name and union); the member sees only their own */
  objectorName: string | null;
  objectorOrgName: string | null;
  createdAt: string;
  resolution: { outcome: ObjectionOutcome; comment: string; at: string } | null;
}

export interface PublicityApi {
  /** A federation officer of a campaign requiring 公示: publishes its approved applications not yet listed
   *  (at most 500 in one publication: publish again for the rest). `requestKey` makes a retry answer the
   *  publication already made. */
  publish: { input: { campaignId: string; requestKey: string }; output: { publicity: PublicityView } };
  /** The publications a member sees: those of campaigns run by their union or one above it, newest first
   *  (20 at most), with the objections they raised themselves. */
  publicities: { input: Record<string, never>; output: { items: PublicityView[]; mine: ObjectionView[] } };
  /** A campaign's federation officer: its publications (20 newest), its objections (100 newest, open ones
   *  first), and how many approved applications wait to be published. */
  publicityAdmin: {
    input: { campaignId: string };
    output: { campaignTitle: string; workingDays: number | null; unlisted: number; items: PublicityView[]; objections: ObjectionView[] };
  };
  /** A verified member in the campaign's scope objects to a listed application while the period runs; it is
   *  held (not paid) until an officer resolves it. Raised again by the same member: the one already made. */
  object: { input: { publicityId: string; applicationId: string; reason: string }; output: { objection: ObjectionView } };
  /** The campaign's federation officer resolves an open objection; `comment` says why. Upheld (return or
   *  reject), the application's other open objections are answered with it. */
  resolveObjection: { input: { objectionId: string; outcome: ObjectionOutcome; comment: string }; output: { objection: ObjectionView } };
}
