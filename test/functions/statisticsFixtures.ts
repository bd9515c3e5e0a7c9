// What the statistics tests share: applications and legal-aid cases taken through the real functions, step
// by step, to build a season the figures then count.
import type { ApplicationDetail, CaseDetail } from '../../typings/api';
import type { Localcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { childId, requestKey, STUDENT_AID, studentAidAnswers, SUMMER_RELIEF, summerReliefAnswers, upload } from './applicationsFixtures';
import { caseForm } from './casesFixtures';

export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function season(lc: Localcloud) {
  let child = 500;
  let site = 0;
  /** the answers each application was submitted with, to resubmit them */
  const answersOf = new Map<string, Record<string, unknown>>();
  const app = {
    async studentAid(openid: string): Promise<ApplicationDetail> {
      const answers = studentAidAnswers(childId(child++), [await upload(lc, openid)]);
      const a = data(await callAs(lc, openid, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers })).application;
      answersOf.set(a.applicationId, answers);
      return a;
    },
    /** returned by `officer`, then resubmitted by the applicant with the same answers */
    async returnedAndResubmitted(openid: string, a: ApplicationDetail, officer: string): Promise<ApplicationDetail> {
      const returned = await app.act(officer, a, 'return', { comment: '请补充材料' });
      return app.act(openid, returned, 'resubmit', { answers: answersOf.get(a.applicationId) });
    },
    async summerRelief(openid: string): Promise<ApplicationDetail> {
      // a site of 60 workers: the deliveries below reach up to that many
      const answers = summerReliefAnswers(`统计测试工地${site++}`, { workers: 60 });
      return data(await callAs(lc, openid, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers })).application;
    },
    async act(openid: string, a: ApplicationDetail, transition: string, more: Record<string, unknown> = {}): Promise<ApplicationDetail> {
      return data(await callAs(lc, openid, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition, ...more })).application;
    },
    /** recommended by the grassroots officer over the applicant, then approved by the federation */
    async approved(a: ApplicationDetail, officer: string, amountFen: number): Promise<ApplicationDetail> {
      return app.act(PEOPLE.fedOfficer, await app.act(officer, a, 'recommend'), 'approve', { amountFen });
    },
    paid: (a: ApplicationDetail) => app.act(PEOPLE.fedOfficer, a, 'pay', { paymentReference: `PAY-${a.applicationId.slice(-6)}`, paidOn: today() }),
    async delivered(a: ApplicationDetail, headcount: number): Promise<ApplicationDetail> {
      return app.act(PEOPLE.fedOfficer, a, 'deliver', { headcount, photos: [await upload(lc, PEOPLE.fedOfficer)], deliveredOn: today() });
    },
  };
  const legal = {
    async open(openid: string, workersAffected: number, onBehalfOrg?: string): Promise<CaseDetail> {
      const form = caseForm({
        amountInDisputeFen: 1_000_000,
        workersAffected,
        description: '工资拖欠三个月，多次讨要未果。',
        contactTime: '',
        ...(onBehalfOrg && { onBehalf: { name: '李大山', phone: '13900001111', orgId: onBehalfOrg } }),
      });
      return data(await callAs(lc, openid, 'cases', 'open', form)).case;
    },
    async act(openid: string, c: CaseDetail, transition: string, more: Record<string, unknown> = {}): Promise<CaseDetail> {
      return data(await callAs(lc, openid, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
    },
  };
  return { app, legal };
}
