// The demo's open campaigns, of the built-in service kinds (cloudbase/service-kinds.json, which localcloud
// seeds itself), as a county federation runs them from their templates.
import type { CampaignView } from '../../../typings/api';
import seed from '../../../cloudbase/service-kinds.json';
import type { ServiceKindDoc } from '../../../cloudfunctions/_shared/data/serviceKinds';
import { snapshotOf } from '../../../cloudfunctions/_shared/domain/serviceKinds';

/** The built-in service kinds as shipped. */
export const BUILTIN_KINDS = seed.documents as unknown as ServiceKindDoc[];

export function builtinKind(kindId: string): ServiceKindDoc {
  const k = BUILTIN_KINDS.find((x) => x._id === kindId);
  if (!k) throw new Error(`no built-in service kind ${kindId}`);
  return k;
}

/** A campaign of `kind` run by `orgId` as its template has it, the fields a seed or a test sets aside. */
export function campaignOfKind(kind: ServiceKindDoc, orgId: string): Omit<CampaignView, 'campaignId' | 'opensAt' | 'closesAt' | 'year' | 'status'> & { openForDays: number } {
  const { fields, tiers, budgetFen, openForDays, quota, placeFen } = kind.template;
  return {
    kind: snapshotOf({ ...kind, kindId: kind._id }),
    title: kind.label,
    orgId,
    budgetFen,
    tiers,
    fields,
    openForDays,
    eligibility: kind.eligibility,
    ...(quota !== undefined && { quota, placeFen: placeFen ?? 0 }),
  };
}

/** Open campaigns of the county federation; their windows are set around the day localcloud seeds them. */
export const DEMO_CAMPAIGNS = (
  [
    ['campaign-student-aid', 'studentAid'],
    ['campaign-summer-relief', 'summerRelief'],
  ] as const
).map(([_id, kindId]) => ({ _id, ...campaignOfKind(builtinKind(kindId), 'org-county'), status: 'open' as const }));
