// Writes the demo world into a running localcloud through the real wx-server-sdk, as the functions do.
// Idempotent: every document has a fixed id and is written with set().
import { pathFor } from '../../../cloudfunctions/_shared/domain/orgTree';
import { idCardCheckChar, parseIdCard } from '../../../cloudfunctions/_shared/domain/idCard';
import { parsePhone } from '../../../cloudfunctions/_shared/domain/phone';
import { confirmedRecord } from '../../../cloudfunctions/_shared/data/hardship';
import { identityFields, sealIdCard, type MemberDoc } from '../../../cloudfunctions/_shared/data/members';
import { shanghaiDate, shanghaiDayStart } from '../../../cloudfunctions/_shared/domain/shanghaiTime';
import { applyWorkload, workloadChanges } from '../../../cloudfunctions/_shared/domain/workload';
import { sdkEnv } from '../sdkEnv';
import { DEMO_CAMPAIGNS } from './campaigns';
import { DEMO_ORGS, DEMO_PEOPLE } from './data';

/** Sets up this process's wx-server-sdk to talk to localcloud at `url`, with the functions' secrets. */
function sdkFor(url: string, envId: string, secrets: Record<string, string>) {
  Object.assign(process.env, secrets, sdkEnv(url, envId, 'localcloud-demo-seed'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: envId });
  return cloud.database();
}

export async function seedDemo(url: string, envId: string, secrets: Record<string, string>, now = new Date()): Promise<void> {
  const db = sdkFor(url, envId, secrets);
  const paths = new Map<string, string[]>();
  for (const org of DEMO_ORGS) {
    const p = pathFor(org.parentId ? (paths.get(org.parentId) as string[]) : null, org._id);
    paths.set(org._id, p);
    const { _id, ...rest } = org;
    await db.collection('orgs').doc(_id).set({ data: { ...rest, path: p, createdAt: now } });
  }
  for (const person of DEMO_PEOPLE) {
    const m = person.member;
    if (m) {
      const id = parseIdCard(m.id17 + idCardCheckChar(m.id17), now);
      const phone = parsePhone(m.phone);
      if (!id.ok || !phone.ok) throw new Error(`demo data for ${person.openid} is invalid`);
      const fields = identityFields({ name: m.name, workUnit: m.workUnit, newEmployment: null }, id.value, phone.value, paths.get(m.orgId) as string[]);
      const approved = m.status === 'approved';
      const member: MemberDoc = { _id: `member-${person.openid}`, openid: person.openid, ...fields, status: m.status, reviewNote: null, submittedAt: now, reviewedAt: approved ? now : null, reviewedBy: approved ? 'o-demo-org-officer' : null, createdAt: now, updatedAt: now, version: approved ? 2 : 1 };
      const { _id, ...data } = member;
      await db.collection('members').doc(_id).set({ data });
      // a 困难职工 of the demo has a confirmed hardship record, filed by 张伟 and confirmed by 刘芳
      if (m.hardship) {
        const household = m.hardship.household.map((h) => {
          const hid = parseIdCard(h.id17 + idCardCheckChar(h.id17), now);
          if (!hid.ok) throw new Error(`demo household of ${person.openid} is invalid`);
          return { name: h.name, relation: h.relation, idCard: sealIdCard(hid.value) };
        });
        const { _id: recordId, ...record } = confirmedRecord(member, { grade: m.hardship.grade, causes: m.hardship.causes, household, monthlyIncomePerHeadFen: m.hardship.monthlyIncomePerHeadFen }, { openid: 'o-demo-org-officer', name: '张伟' }, now);
        await db.collection('hardshipRecords').doc(recordId).set({ data: record });
      }
    }
    for (const r of person.roles) {
      await db.collection('roles').doc(`role-${person.openid}-${r.role}-${r.orgId}`).set({
        data: { openid: person.openid, memberId: `member-${person.openid}`, memberName: m?.name ?? '', role: r.role, orgId: r.orgId, orgPath: paths.get(r.orgId), grantedBy: 'demo', grantedAt: now },
      });
    }
  }
  // the pending registrations wait for review: the counters of waiting work start with them
  const pending = DEMO_PEOPLE.filter((p) => p.member?.status === 'pending');
  const waiting = workloadChanges(pending.map((p) => ({ before: null, after: { kind: 'member' as const, record: { _id: `member-${p.openid}`, status: 'pending' as const, orgPath: paths.get(p.member!.orgId) as string[] } } })));
  for (const change of waiting) {
    const { _id, ...data } = applyWorkload(null, change);
    await db.collection('workload').doc(_id).set({ data });
  }
  const year = Number(shanghaiDate(now).slice(0, 4));
  for (const { _id, openForDays, ...c } of DEMO_CAMPAIGNS) {
    await db.collection('campaigns').doc(_id).set({
      data: { ...c, title: `${year}年${c.title}`, year, orgPath: paths.get(c.orgId), opensAt: shanghaiDayStart(now, -7), closesAt: shanghaiDayStart(now, openForDays), reservedFen: 0, paidFen: 0, placesTaken: 0, createdAt: now, updatedAt: now, version: 1 },
    });
  }
}
