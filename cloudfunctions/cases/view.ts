// What the cases actions answer with.
import type { CaseDetail } from '../../typings/api/cases';
import type { Actor } from '../_shared/access/actor';
import { caseDetail, type CaseDoc } from '../_shared/data/cases';
import { tempUrls } from '../_shared/data/files';
import { orgNames } from '../_shared/data/orgs';

/** The case as `actor` sees it: two round trips (file URLs and the org's name), issued together. */
export async function detailFor(doc: CaseDoc, actor: Actor): Promise<CaseDetail> {
  const [urls, names] = await Promise.all([tempUrls(doc.evidence), orgNames([doc.orgId])]);
  const byId = new Map(doc.evidence.map((id, i) => [id, urls[i]]));
  return caseDetail(doc, actor, names.get(doc.orgId) ?? '', byId);
}
