import type { Actor, Grant } from '../../cloudfunctions/_shared/access/actor';
import {
  federationApprovalScopes,
  grassrootsReviewScopes,
  isApplicant,
  mayDecideAsFederation,
  mayReviewAsGrassroots,
  mayReviewCurrentStage,
  mayViewApplication,
  type ApplicationScope,
} from '../../cloudfunctions/_shared/access/applications';
import type { Staffing } from '../../cloudfunctions/_shared/access/coverage';
import type { ApplicationStatus } from '../../typings/api/applications';

const COUNTY = ['org-county'];
const TOWN = [...COUNTY, 'org-chengguan'];
const SANITATION = [...TOWN, 'org-cg-sanitation'];
const OTHER_TOWN = [...COUNTY, 'org-shuiping'];

function actor(memberId: string | null, grants: [Grant['role'], string[]][] = []): Actor {
  return {
    openid: `o-${memberId}`,
    memberId,
    verified: memberId !== null,
    grants: grants.map(([role, path], i) => ({ grantId: `g${i}`, role, orgId: path[path.length - 1], orgPath: path })),
  };
}

/** The grants along the application's paths: 城关镇 has a grassroots officer. */
const STAFFED: Staffing = [{ openid: 'o-m-town', role: 'orgOfficer', orgId: 'org-chengguan' }, { openid: 'o-m-fed', role: 'federationOfficer', orgId: 'org-county' }];

const app = (status: ApplicationStatus = 'submitted'): ApplicationScope => ({
  status, applicantMemberId: 'm-applicant', applicantOrgPath: SANITATION, campaignOrgPath: COUNTY,
});

const applicant = actor('m-applicant');
const otherMember = actor('m-other');
const townOfficer = actor('m-town', [['orgOfficer', TOWN]]);
const grassrootsOfficer = actor('m-grassroots', [['orgOfficer', SANITATION]]);
const otherTownOfficer = actor('m-sp', [['orgOfficer', OTHER_TOWN]]);
const fedOfficer = actor('m-fed', [['federationOfficer', COUNTY]]);
const townFed = actor('m-townfed', [['federationOfficer', TOWN]]);
const lawyer = actor('m-lawyer', [['lawyer', COUNTY]]);
const admin = actor('m-admin', [['admin', COUNTY]]);
const countyOrgOfficer = actor('m-countyorg', [['orgOfficer', COUNTY]]);
const noMember = actor(null, [['federationOfficer', COUNTY]]);

test.each([
  ['applicant', applicant, { applicant: true, grassroots: false, federation: false, view: true }],
  ['another member', otherMember, { applicant: false, grassroots: false, federation: false, view: false }],
  ['org officer of the town above', townOfficer, { applicant: false, grassroots: true, federation: false, view: true }],
  ['org officer of the applicant org', grassrootsOfficer, { applicant: false, grassroots: true, federation: false, view: true }],
  ['org officer of another town', otherTownOfficer, { applicant: false, grassroots: false, federation: false, view: false }],
  ['org officer at the county', countyOrgOfficer, { applicant: false, grassroots: true, federation: false, view: true }],
  ['federation officer over the campaign org', fedOfficer, { applicant: false, grassroots: false, federation: true, view: true }],
  ['federation officer below the campaign org', townFed, { applicant: false, grassroots: false, federation: false, view: false }],
  ['lawyer', lawyer, { applicant: false, grassroots: false, federation: false, view: false }],
  ['admin', admin, { applicant: false, grassroots: false, federation: false, view: false }],
  ['officer without a member record', noMember, { applicant: false, grassroots: false, federation: true, view: true }],
])('%s', (_label, who, expected) => {
  expect({
    applicant: isApplicant(who, app()),
    grassroots: mayReviewAsGrassroots(who, app(), STAFFED),
    federation: mayDecideAsFederation(who, app()),
    view: mayViewApplication(who, app()),
  }).toEqual(expected);
});

test('nobody decides their own application, whatever roles they hold', () => {
  const officerApplicant = actor('m-applicant', [['orgOfficer', TOWN], ['federationOfficer', COUNTY]]);
  expect(isApplicant(officerApplicant, app())).toBe(true);
  expect(mayReviewAsGrassroots(officerApplicant, app(), [])).toBe(false);
  expect(mayDecideAsFederation(officerApplicant, app())).toBe(false);
  expect(mayReviewCurrentStage(officerApplicant, app('recommended'), STAFFED)).toBe(false);
  expect(mayViewApplication(officerApplicant, app())).toBe(true);
});

test('return and reject belong to the reviewer of the current stage', () => {
  expect(mayReviewCurrentStage(grassrootsOfficer, app('submitted'), STAFFED)).toBe(true);
  expect(mayReviewCurrentStage(fedOfficer, app('submitted'), STAFFED)).toBe(false);
  expect(mayReviewCurrentStage(grassrootsOfficer, app('recommended'), STAFFED)).toBe(false);
  expect(mayReviewCurrentStage(fedOfficer, app('recommended'), STAFFED)).toBe(true);
  // past the review stages either reviewer passes the role check, so the state is what refuses them
  for (const status of ['returned', 'approved', 'withdrawn', 'rejected'] as const) {
    expect(mayReviewCurrentStage(grassrootsOfficer, app(status), STAFFED)).toBe(true);
    expect(mayReviewCurrentStage(fedOfficer, app(status), STAFFED)).toBe(true);
    expect(mayReviewCurrentStage(otherMember, app(status), STAFFED)).toBe(false);
    expect(mayReviewCurrentStage(applicant, app(status), STAFFED)).toBe(false);
  }
});

test('queue scopes are the roots of the actor grants per stage', () => {
  const both = actor('m-both', [['orgOfficer', TOWN], ['orgOfficer', OTHER_TOWN], ['federationOfficer', COUNTY], ['lawyer', COUNTY]]);
  expect(grassrootsReviewScopes(both)).toEqual(['org-chengguan', 'org-shuiping']);
  expect(federationApprovalScopes(both)).toEqual(['org-county']);
  expect(grassrootsReviewScopes(applicant)).toEqual([]);
});

test('where no grassroots officer is between the applicant’s org and the campaign’s, the campaign’s federation officers review it', () => {
  const onlyFederation: Staffing = [{ openid: 'o-m-fed', role: 'federationOfficer', orgId: 'org-county' }];
  expect(mayReviewAsGrassroots(fedOfficer, app(), onlyFederation)).toBe(true);
  expect(mayReviewCurrentStage(fedOfficer, app('submitted'), onlyFederation)).toBe(true);
  // a federation officer below the campaign's org does not run the campaign, so does not cover it
  expect(mayReviewAsGrassroots(townFed, app(), onlyFederation)).toBe(false);
  expect(mayReviewAsGrassroots(otherMember, app(), onlyFederation)).toBe(false);
  // an orgOfficer above the campaign's org does not staff its grassroots stage (but may act, as before)
  const aboveOnly: Staffing = [{ openid: 'o-x', role: 'orgOfficer', orgId: 'org-province' }];
  const provincial = { ...app(), applicantOrgPath: ['org-province', ...SANITATION], campaignOrgPath: ['org-province', ...COUNTY] };
  expect(mayReviewAsGrassroots(actor('m-fed2', [['federationOfficer', ['org-province', ...COUNTY]]]), provincial, aboveOnly)).toBe(true);
  // the applicant never reviews their own, whoever covers the stage
  const fedApplicant = actor('m-applicant', [['federationOfficer', COUNTY]]);
  expect(mayReviewAsGrassroots(fedApplicant, app(), onlyFederation)).toBe(false);
});
