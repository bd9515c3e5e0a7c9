// Who may export what, and which personal numbers go out in clear (access/exports.ts).
import type { Actor, Grant } from '../../cloudfunctions/_shared/access/actor';
import { applicationExportScope, exportsInClear, mayExportCases } from '../../cloudfunctions/_shared/access/exports';
import type { ApplicationScope } from '../../cloudfunctions/_shared/access/applications';
import type { ApplicationStatus } from '../../typings/api/applications';

const COUNTY = ['org-county'];
const TOWN = [...COUNTY, 'org-chengguan'];
const SANITATION = [...TOWN, 'org-cg-sanitation'];
const OTHER_TOWN = [...COUNTY, 'org-shuiping'];

function actor(memberId: string | null, grants: [Grant['role'], string[]][] = []): Actor {
  return { openid: `o-${memberId}`, memberId, verified: true, grants: grants.map(([role, path], i) => ({ grantId: `g${i}`, role, orgId: path[path.length - 1], orgPath: path })) };
}

const app = (status: ApplicationStatus, applicantMemberId = 'm-applicant'): ApplicationScope => ({ status, applicantMemberId, applicantOrgPath: SANITATION, campaignOrgPath: COUNTY });

const fed = actor('m-fed', [['federationOfficer', COUNTY]]);
const townFed = actor('m-townfed', [['federationOfficer', TOWN]]);
const town = actor('m-town', [['orgOfficer', TOWN]]);
const both = actor('m-both', [['orgOfficer', TOWN], ['orgOfficer', OTHER_TOWN]]);
const lawyer = actor('m-lawyer', [['lawyer', COUNTY]]);
const staff = actor('m-staff', [['staff', COUNTY], ['admin', COUNTY]]);
const WHO = { fed, town, townFed, lawyer };

test('a campaign export: all of it for the federation over its org, the own subtrees for grassroots officers, nothing for others', () => {
  expect(applicationExportScope(fed, COUNTY)).toEqual({ all: true });
  expect(applicationExportScope(town, COUNTY)).toEqual({ all: false, orgRoots: ['org-chengguan'] });
  expect(applicationExportScope(both, COUNTY)).toEqual({ all: false, orgRoots: ['org-chengguan', 'org-shuiping'] });
  // a town's federation officer does not run the county's campaign, and holds no grassroots role
  expect(applicationExportScope(townFed, COUNTY)).toBeNull();
  expect(applicationExportScope(townFed, TOWN)).toEqual({ all: true });
  expect(applicationExportScope(lawyer, COUNTY)).toBeNull();
  expect(applicationExportScope(staff, COUNTY)).toBeNull();
  expect(applicationExportScope(actor('m-member'), COUNTY)).toBeNull();
});

test.each([
  ['approved', 'bankCard', 'fed', true],
  ['approved', 'idCard', 'fed', true],
  ['approved', 'phone', 'fed', false],
  ['paid', 'bankCard', 'fed', false],
  ['recommended', 'bankCard', 'fed', false],
  ['submitted', 'idCard', 'fed', false],
  ['approved', 'bankCard', 'town', false],
  ['approved', 'bankCard', 'townFed', false],
  ['approved', 'bankCard', 'lawyer', false],
] as [ApplicationStatus, 'bankCard' | 'idCard' | 'phone', keyof typeof WHO, boolean][])('%s application, %s: in clear for %s is %s', (status, kind, who, clear) => {
  expect(exportsInClear(WHO[who], app(status), kind)).toBe(clear);
});

test('nobody gets their own application in clear, whatever their roles', () => {
  expect(exportsInClear(fed, app('approved', 'm-fed'), 'bankCard')).toBe(false);
});

test('cases: the case officers over the org', () => {
  expect(mayExportCases(town, SANITATION)).toBe(true);
  expect(mayExportCases(town, TOWN)).toBe(true);
  expect(mayExportCases(town, COUNTY)).toBe(false);
  expect(mayExportCases(town, OTHER_TOWN)).toBe(false);
  expect(mayExportCases(fed, OTHER_TOWN)).toBe(true);
  expect(mayExportCases(lawyer, SANITATION)).toBe(false);
  expect(mayExportCases(staff, SANITATION)).toBe(false);
});
