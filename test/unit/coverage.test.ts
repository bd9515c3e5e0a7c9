// Coverage as pure rules (access/coverage.ts): over generated org trees with officers missing at random,
// every stage of every application, membership and case has a desk, the desk's officers may act there
// (by the access rules themselves), and the desk is the nearest staffed org.
import type { Actor } from '../../cloudfunctions/_shared/access/actor';
import { mayDecideAsFederation, mayReviewAsGrassroots, type ApplicationScope } from '../../cloudfunctions/_shared/access/applications';
import { isCaseOfficer } from '../../cloudfunctions/_shared/access/cases';
import { deskOf, hasGrassrootsOfficer, type StaffGrant, type Staffing } from '../../cloudfunctions/_shared/access/coverage';
import { mayReviewMembership } from '../../cloudfunctions/_shared/access/membership';
import { random } from '../../bench/world/records';

interface Tree {
  paths: string[][];
  grassroots: string[][];
  staff: StaffGrant[];
}

/** A county with towns, units and sub-units; each org below the county has an orgOfficer with probability
 *  `p`, the county always a federation officer (someone ran its campaign), sometimes a town one too. */
function tree(seed: number, p: number): Tree {
  const rnd = random(seed);
  const paths: string[][] = [['county']];
  const grassroots: string[][] = [];
  for (let t = 0; t < 4 + Math.floor(rnd() * 4); t++) {
    const town = ['county', `t${t}`];
    paths.push(town);
    for (let u = 0; u < 2 + Math.floor(rnd() * 6); u++) {
      const unit = [...town, `t${t}u${u}`];
      paths.push(unit);
      if (rnd() < 0.3) {
        const sub = [...unit, `t${t}u${u}s`];
        paths.push(sub);
        grassroots.push(sub);
      } else grassroots.push(unit);
    }
  }
  const staff: StaffGrant[] = [{ openid: 'o-fed', role: 'federationOfficer', orgId: 'county' }];
  for (const path of paths.slice(1)) {
    const orgId = path[path.length - 1];
    if (rnd() < p) staff.push({ openid: `o-${orgId}`, role: 'orgOfficer', orgId });
    if (path.length === 2 && rnd() < 0.2) staff.push({ openid: `o-${orgId}-fed`, role: 'federationOfficer', orgId });
  }
  return { paths, grassroots, staff };
}

function actorOf(g: StaffGrant, paths: string[][]): Actor {
  const orgPath = paths.find((p) => p[p.length - 1] === g.orgId)!;
  return { openid: g.openid, memberId: `m-${g.openid}`, verified: true, grants: [{ grantId: `g-${g.openid}`, role: g.role, orgId: g.orgId, orgPath }] };
}

const nearest = (path: string[], staff: Staffing, roles: string[]) => [...path].reverse().find((id) => staff.some((g) => g.orgId === id && roles.includes(g.role)));

describe.each([0, 0.2, 0.5, 0.9])('officers at %p of the orgs', (p) => {
  test.each(Array.from({ length: 25 }, (_, i) => 1000 + i))('tree %i: every stage has a desk whose officers may act', (seed) => {
    const { paths, grassroots, staff } = tree(seed, p);
    for (const orgPath of grassroots) {
      const app: ApplicationScope = { status: 'submitted', applicantMemberId: 'm-applicant', applicantOrgPath: orgPath, campaignOrgPath: ['county'] };
      const review = deskOf('grassrootsReview', { orgPath, campaignOrgPath: ['county'] }, staff);
      expect(review).not.toBeNull();
      for (const g of review!.officers) expect(mayReviewAsGrassroots(actorOf(g, paths), app, staff)).toBe(true);
      // the desk is the nearest grassroots officer, or the campaign's federation when there is none
      const own = nearest(orgPath, staff, ['orgOfficer']);
      expect(review!.orgId).toBe(own ?? 'county');
      expect(hasGrassrootsOfficer(app, staff)).toBe(own !== undefined);

      const approval = deskOf('federationReview', { orgPath, campaignOrgPath: ['county'] }, staff);
      expect(approval!.orgId).toBe('county');
      for (const g of approval!.officers) expect(mayDecideAsFederation(actorOf(g, paths), { ...app, status: 'recommended' })).toBe(true);

      for (const stage of ['membership', 'legalAid'] as const) {
        const desk = deskOf(stage, { orgPath }, staff);
        expect(desk!.orgId).toBe(nearest(orgPath, staff, ['orgOfficer', 'federationOfficer']));
        for (const g of desk!.officers) {
          const who = actorOf(g, paths);
          expect(stage === 'membership' ? mayReviewMembership(who, orgPath) : isCaseOfficer(who, { status: 'submitted', memberId: 'm-x', orgPath, lawyerOpenid: null })).toBe(true);
        }
      }
    }
  });
});

test('a town campaign: its grassroots stage looks no higher than the town, then to the town federation', () => {
  const staff: Staffing = [
    { openid: 'o-county-org', role: 'orgOfficer', orgId: 'county' },
    { openid: 'o-town-fed', role: 'federationOfficer', orgId: 't1' },
  ];
  const facts = { orgPath: ['county', 't1', 't1u1'], campaignOrgPath: ['county', 't1'] };
  expect(deskOf('grassrootsReview', facts, staff)).toMatchObject({ orgId: 't1', roles: ['federationOfficer'], officers: [{ openid: 'o-town-fed' }] });
});

test('a desk holds every officer of the nearest org, and nothing when the line has none', () => {
  const staff: Staffing = [
    { openid: 'a', role: 'orgOfficer', orgId: 't1' },
    { openid: 'b', role: 'orgOfficer', orgId: 't1' },
    { openid: 'c', role: 'federationOfficer', orgId: 'county' },
  ];
  expect(deskOf('legalAid', { orgPath: ['county', 't1', 'u'] }, staff)!.officers.map((g) => g.openid)).toEqual(['a', 'b']);
  expect(deskOf('federationReview', { orgPath: ['county', 't1', 'u'], campaignOrgPath: ['other'] }, staff)).toBeNull();
});
