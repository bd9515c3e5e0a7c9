// Service kinds (金秋助学, 夏送清凉, 冬送温暖, 职工疗休养, …) are data: a kind says what an application is for,
// how it is settled, how it counts in 人次 and 万元 and the report sentence it makes, and the form a new
// campaign of it starts from. The rules that read these are in cloudfunctions/_shared/domain/serviceKinds.ts.
import type { AmountTier, FormField } from './campaigns';
import type { HardshipGrade } from './hardship';

/** What an application is for. It fixes the form fields the kind's rules read (named here) and the
 *  duplicate rule: one application per member / family member's ID card / household / work site. */
export type Subject =
  | { type: 'member' }
  | { type: 'familyMember'; nameField: string; idCardField: string }
  | { type: 'household'; sizeField: string }
  | { type: 'site'; unitField: string; addressField: string; headcountField: string };
export type SubjectType = Subject['type'];

export const SUBJECT_LABELS: Record<SubjectType, string> = {
  member: '会员本人',
  familyMember: '会员家属（凭身份证）',
  household: '会员家庭',
  site: '工作场所（按人数）',
};

/** How an approved application is settled: cash paid (with 凭证号), goods delivered (headcount, photos),
 *  either of the two, or a place taken (a campaign's quota, places given by selection or by lot). */
export type SettleMode = 'cash' | 'goods' | 'both' | 'places';

export const SETTLE_LABELS: Record<SettleMode, string> = {
  cash: '发放现金',
  goods: '发放实物',
  both: '现金或实物',
  places: '名额（择优或抽签）',
};

export interface Settle {
  mode: SettleMode;
  /** cash and both: a money field of the form no grant may exceed (医疗救助: the medical bills) */
  capField?: string;
}

/** How a settled application counts in 人次: once, by a number on its form (the household's people), or by
 *  the headcount its delivery reached. 万元 is always the settled amount: the cash paid, the declared value
 *  of the goods delivered, or the cost of the place taken. */
export type PeopleRule = { by: 'application' } | { by: 'field'; field: string } | { by: 'delivered' };

export const PEOPLE_RULE_LABELS: Record<PeopleRule['by'], string> = {
  application: '每件申请计1人次',
  field: '按申请表中的人数计',
  delivered: '按实际送达人数计',
};

export interface DuplicateRule {
  /** kinds sharing a group take one application per subject (child, household, …) per year between them;
   *  null: one per campaign only */
  yearGroup: string | null;
  /** what a duplicate is told; absent, the subject's standard message */
  message?: string;
}

/** Who may apply by default (the campaign editor starts from it). */
export interface KindEligibility {
  /** for members with a confirmed hardship record (困难职工档案) valid when they submit */
  hardshipOnly: boolean;
  newEmploymentOnly: boolean;
  /** with hardshipOnly, only records of these grades qualify (特困 and 重困 only); absent or empty: any grade */
  hardshipGrades?: HardshipGrade[];
}

/** The icons a kind may show on 首页 (TDesign icon names). */
export const KIND_ICONS = ['education', 'sunny', 'snowflake', 'gift', 'heart', 'hospital', 'home', 'flag', 'usergroup', 'money', 'cake', 'sun-rising'] as const;
export type KindIcon = (typeof KIND_ICONS)[number];

/** The placeholders a report sentence may use, and what each stands for. */
export const SENTENCE_PLACEHOLDERS = {
  title: '活动或服务名称',
  people: '人次',
  wan: '发放金额（万元）',
  received: '收到申请数',
  approved: '批准数',
} as const;
export type SentencePlaceholder = keyof typeof SENTENCE_PLACEHOLDERS;

/** What a new campaign of the kind starts from in the editor. */
export interface KindTemplate {
  fields: FormField[];
  tiers: AmountTier[];
  budgetFen: number;
  /** how many days a new campaign stays open */
  openForDays: number;
  /** places: how many places and what one costs, in 分 */
  quota?: number;
  placeFen?: number;
}

/** A kind as its federation officer writes it. */
export interface ServiceKindDraft {
  /** 冬送温暖 */
  label: string;
  /** a line under the title on 首页 */
  description: string;
  icon: KindIcon;
  /** the federation whose subtree sees and uses the kind */
  orgId: string;
  subject: Subject;
  settle: Settle;
  counting: { people: PeopleRule };
  duplicate: DuplicateRule;
  /** e.g. '{title}：慰问困难职工 {people} 人次，发放慰问金 {wan} 万元' (SENTENCE_PLACEHOLDERS) */
  sentence: string;
  /** what an application is for in lists, e.g. '{childName}（{level}，{school}）': form field keys, and
   *  {applicant} for the applicant's name */
  headline: string;
  eligibility: KindEligibility;
  template: KindTemplate;
}

export interface ServiceKindView extends Omit<ServiceKindDraft, 'orgId'> {
  kindId: string;
  /** shipped with the product (seeded): read-only, visible everywhere */
  builtin: boolean;
  /** null for a built-in */
  orgId: string | null;
  orgName: string;
  /** whether the caller may edit it */
  editable: boolean;
  version: number;
}

/** What a campaign keeps of its kind, copied when the campaign is created: editing the kind later changes
 *  neither how that campaign's applications are settled and counted nor the sentence it reports. */
export type KindSnapshot = Pick<ServiceKindView, 'kindId' | 'label' | 'description' | 'icon' | 'subject' | 'settle' | 'counting' | 'duplicate' | 'sentence' | 'headline'>;
