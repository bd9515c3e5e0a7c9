// What the actions answer with.
import type { ApplicationDetail } from '../../typings/api/applications';
import type { Actor } from '../_shared/access/actor';
import type { Staffing } from '../_shared/access/coverage';
import { applicationDetail, detailFileIds, type ApplicationDoc } from '../_shared/data/applications';
import type { CampaignDoc } from '../_shared/data/campaigns';
import { shownBeside, type Known } from '../_shared/data/shown';
import { settlementHold } from '../_shared/domain/publicity';
import { applicationMachine } from '../_shared/workflow/applications';

/** The application as `actor` sees it, with the steps they may take given the officers along its paths
 *  (`staff`): two round trips (file URLs and the org's name), issued together, less what is `known`. */
export async function detailFor(doc: ApplicationDoc, campaign: CampaignDoc, actor: Actor, staff: Staffing, known: Known = {}): Promise<ApplicationDetail> {
  const { urls, orgName } = await shownBeside(detailFileIds(doc, campaign), doc.applicantOrgId, known);
  const detail = applicationDetail(doc, campaign, applicationMachine(campaign, staff), actor, orgName, urls);
  // a view of the moment it is read: the hold payment would meet now (decide.ts applies it at the decision)
  const held = doc.status === 'approved' ? settlementHold(campaign, doc, new Date()) : null;
  return held ? { ...detail, settlementHold: held.message } : detail;
}
