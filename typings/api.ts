// The API contract: every function, its actions, their input and output. Pages call
// `call('members', 'register', input)` and get `Result<output>`.
import type { ApplicationsApi } from './api/applications';
import type { CampaignsApi } from './api/campaigns';
import type { CasesApi } from './api/cases';
import type { HardshipApi } from './api/hardship';
import type { ExportsApi, StatisticsApi } from './api/statistics';
import type { MembersApi } from './api/members';
import type { NoticesApi } from './api/notices';
import type { OrgsApi } from './api/orgs';
import type { ReviewsApi } from './api/reviews';
import type { RolesApi } from './api/roles';

export interface Api {
  applications: ApplicationsApi;
  campaigns: CampaignsApi;
  cases: CasesApi;
  exports: ExportsApi;
  hardship: HardshipApi;
  members: MembersApi;
  notices: NoticesApi;
  orgs: OrgsApi;
  reviews: ReviewsApi;
  roles: RolesApi;
  statistics: StatisticsApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: infer I } ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { output: infer O } ? O : never;

export * from './envelope';
export * from './api/applications';
export * from './api/campaigns';
export * from './api/cases';
export * from './api/common';
export * from './api/hardship';
export * from './api/members';
export * from './api/notices';
export * from './api/orgs';
export * from './api/publicity';
export * from './api/reviews';
export * from './api/roles';
export * from './api/serviceKinds';
export * from './api/statistics';
