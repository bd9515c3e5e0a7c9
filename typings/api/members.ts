// The `members` function: registration (实名认证), profiles and membership review (入会审核).
import type { Page, RoleGrantView } from './common';

export type NewEmploymentKind = 'courier' | 'delivery' | 'trucker' | 'rideHailing' | 'other';

export const NEW_EMPLOYMENT_LABELS: Record<NewEmploymentKind, string> = {
  courier: '快递员',
  delivery: '外卖骑手',
  trucker: '货车司机',
  rideHailing: '网约车司机',
  other: '其他',
};

export type MembershipStatus = 'pending' | 'approved' | 'rejected';

export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  pending: '审核中',
  approved: '已认证',
  rejected: '未通过',
};

export interface RegistrationInput {
  name: string;
  idCard: string;
  phone: string;
  workUnit: string;
  orgId: string;
  /** refused whatever its value (FORBIDDEN): 困难职工 is a hardship record officers keep (the hardship
   *  function), never set by the member */
  hardship?: unknown;
  /** 新就业形态劳动者, or null; left out: null at registration, unchanged by an edit */
  newEmployment?: NewEmploymentKind | null;
}

/** A member's profile as shown to someone: ID and phone masked unless the viewer may see them in clear. */
export interface ProfileView {
  memberId: string;
  name: string;
  idCard: string;
  phone: string;
  gender: 'male' | 'female';
  birthDate: string;
  workUnit: string;
  orgId: string;
  orgName: string;
  newEmployment: NewEmploymentKind | null;
  status: MembershipStatus;
  /** why the membership was rejected */
  reviewNote: string | null;
  submittedAt: string;
  reviewedAt: string | null;
  version: number;
}

export interface MeView {
  registered: boolean;
  profile: ProfileView | null;
  roles: RoleGrantView[];
  /** the cloud-storage folder the caller uploads materials into ('uploads/<openid>/'); the functions accept
   *  as the caller's own only files under it. '' when the caller is unknown. */
  uploadPrefix: string;
}

export type ReviewDecision = 'approve' | 'reject';

export interface MembersApi {
  me: { input: Record<string, never>; output: MeView };
  register: { input: RegistrationInput; output: { profile: ProfileView } };
  /** the whole form again (ID card and phone are only stored masked for display) with the version edited;
   *  newEmployment left out keeps what is stored */
  updateProfile: { input: RegistrationInput & { version: number }; output: { profile: ProfileView } };
  pendingList: { input: { cursor?: string | null; limit?: number }; output: Page<ProfileView> };
  detail: { input: { memberId: string }; output: { profile: ProfileView } };
  review: { input: { memberId: string; version: number; decision: ReviewDecision; reason?: string }; output: { profile: ProfileView } };
}
