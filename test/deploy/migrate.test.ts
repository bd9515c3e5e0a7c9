// The deploy's data step for an environment deployed before year claims moved into applications
// (scripts/deploy/migrate.ts), run through @cloudbase/node-sdk against localcloud holding what the claims era
// left: a standing 金秋助学 application with its campaign's key alone (a string) and its claim a document of
// `claims`, beside claims no application holds any more and one this release's code let another application
// take meanwhile (reported, not moved). After it, that application still refuses the child to a second
// programme of the year group, and releasing it frees the child.
import type { ApplicationDetail } from '../../typings/api';
import type { ApplicationDoc } from '../../cloudfunctions/_shared/data/applications';
import { connectDatabase, moveYearClaims, yearClaimsToMove } from '../../scripts/deploy/migrate';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, PEOPLE } from '../functions/api';
import { approvedMember, childId, draftOfKind, kindDraft, openCampaign, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, upload } from '../functions/applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const M1 = PEOPLE.member;
const M2 = 'o-migrate-2';

const submit = (openid: string, campaignId: string, answers: Record<string, unknown>) => callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers });

test('each claim still held moves into its application, once; the application then refuses the child to the year group, until released', async () => {
  const db = sdkDb(lc);
  await approvedMember(lc, M2, 61);
  const second = data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'saveKind', { draft: kindDraft('studentAid', 'org-county', { label: '县助学圆梦', duplicate: { yearGroup: 'studentGrant' } }) })).kind;
  const ROUND2 = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind(second, 'org-county'));
  const notice = await upload(lc, M1);

  // the claims era: the application made by this release's submit, then put back as that era stored it
  const first: ApplicationDetail = data(await submit(M1, STUDENT_AID, studentAidAnswers(childId(950), [notice]))).application;
  const read = async (id: string) => ((await db.collection('applications').doc(id).get()) as unknown as { data: ApplicationDoc }).data;
  const made = await read(first.applicationId);
  expect(made.duplicateKey).toEqual([expect.any(String), made.yearClaim]);
  const [campaignKey, claim] = made.duplicateKey as string[];
  await db.createCollection('claims');
  await db.collection('applications').doc(first.applicationId).update({ data: { duplicateKey: campaignKey } });
  const era = { campaignId: STUDENT_AID, campaignTitle: first.campaignTitle, at: new Date() };
  await db.collection('claims').add({ data: { _id: claim, applicationId: first.applicationId, ...era } });
  // a claim whose application was released meanwhile (its yearClaim null), and one whose application is gone
  const released = data(await submit(M1, STUDENT_AID, studentAidAnswers(childId(951), [notice]))).application;
  data(await callAs(lc, M1, 'applications', 'act', { applicationId: released.applicationId, version: released.version, transition: 'withdraw' }));
  const stale = [
    { _id: 'studentGrant:2026:person:released', applicationId: released.applicationId, ...era },
    { _id: 'studentGrant:2026:person:gone', applicationId: 'app-gone', ...era },
  ];
  await db.collection('claims').add({ data: stale });
  const releasedBefore = await read(released.applicationId);
  // and one the old code held while this release's code, not seeing it, let another application take
  const raced = data(await submit(M1, STUDENT_AID, studentAidAnswers(childId(952), [notice]))).application;
  const [racedKey, racedClaim] = (await read(raced.applicationId)).duplicateKey as string[];
  await db.collection('applications').doc(raced.applicationId).update({ data: { duplicateKey: racedKey } });
  await db.collection('claims').add({ data: { _id: racedClaim, applicationId: raced.applicationId, ...era } });
  data(await submit(M2, ROUND2, studentAidAnswers(childId(952), [await upload(lc, M2)])));
  const conflict = `${racedClaim} (application ${raced.applicationId})`;

  const target = connectDatabase('local-env', { secretId: 'localcloud', secretKey: 'localcloud', token: 'localcloud' });
  expect(await yearClaimsToMove(target)).toBe(2);
  expect(await moveYearClaims(target)).toEqual({ moved: 1, held: [conflict] });
  expect((await read(first.applicationId)).duplicateKey).toEqual([campaignKey, claim]);
  expect(await read(released.applicationId)).toEqual(releasedBefore);
  expect((await read(raced.applicationId)).duplicateKey).toBe(racedKey);
  // again: nothing more moved, nothing changed; the conflict is still reported
  expect(await yearClaimsToMove(target)).toBe(1);
  expect(await moveYearClaims(target)).toEqual({ moved: 0, held: [conflict] });
  expect((await read(first.applicationId)).duplicateKey).toEqual([campaignKey, claim]);

  // the legacy application holds the child for the year: a second programme is refused, naming it (who
  // holds the claim read on an index)
  const refused = await callCounted(lc, M2, 'applications', 'submit', { campaignId: ROUND2, requestKey: requestKey(), answers: studentAidAnswers(childId(950), [await upload(lc, M2)]) });
  expect(refused.result).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: `今年已经申请过${first.campaignTitle}，同一年内不能重复申请` } });
  expect(await lc.getJson(`/__localcloud/invocations/${refused.invocationId}`)).toMatchObject({ unindexedQueries: 0 });
  // withdrawn, it frees the child
  data(await callAs(lc, M1, 'applications', 'act', { applicationId: first.applicationId, version: first.version, transition: 'withdraw' }));
  expect(data(await submit(M2, ROUND2, studentAidAnswers(childId(950), [await upload(lc, M2)]))).application).toMatchObject({ status: 'submitted', kindLabel: '县助学圆梦' });
});
