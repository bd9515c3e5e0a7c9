// The demo world of the screens (`npm run screens` and the browser tests), made through the real functions on
// localcloud as people would: the member 王建国 applied for 金秋助学 (waiting for the 城关镇 officer, with two
// colleagues' applications, and a colleague's paid one) and for 夏送清凉 (recommended and approved), opened a 法律援助 case (accepted,
// assigned to 律师 陈明, one step logged, one message); the county federation opened a 职工疗休养 campaign (a
// places kind: 李桂兰, 陈志强 and 赵德明 recommended by the 城关镇 officer, waiting for the draw) and made a kind of
// its own from 医疗救助 (县职工大病救助); 城关镇's own 金秋助学 is paid after 公示 (two grants published, 王建国
// objecting to one); staff published a notice; the outbox was drained so 我的消息 has news.
import zlib from 'node:zlib';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import type { ApplicationDetail, CaseDetail, ServiceKindDraft } from '../../typings/api';
import { callAs, data, idCard, PEOPLE } from '../functions/api';
import {
  childId,
  confirmedHardship,
  draftOfKind,
  openCampaign,
  requestKey,
  sdkDb,
  sanatoriumAnswers,
  STUDENT_AID,
  studentAidAnswers,
  SUMMER_RELIEF,
  summerReliefAnswers,
  upload,
} from '../functions/applicationsFixtures';
import type { Localcloud } from '../harness/localcloud';

export interface World {
  /** 王建国's 金秋助学 application, waiting for the 城关镇 officer */
  studentAid: ApplicationDetail;
  /** his 夏送清凉 application, approved by the federation */
  summerRelief: ApplicationDetail;
  /** 李桂兰's 金秋助学 application for her elder child, paid */
  paid: ApplicationDetail;
  /** his 法律援助 case, with 律师 陈明 */
  legalAid: CaseDetail;
  /** the county's 职工疗休养 campaign, three applications recommended for its places */
  sanatorium: string;
  /** the county's own kind, 县职工大病救助 */
  ownKindId: string;
  noticeId: string;
  /** 城关镇's 金秋助学 paid after 公示: 李桂兰's and 陈志强's grants published, 王建国 objecting to one */
  publicity: string;
}

/** A real PNG of one colour (w×h), so uploaded photos draw as pictures. */
export function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer<ArrayBuffer> {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([len, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: h }, () => row)));
  return Buffer.from(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]));
}

export async function seedWorld(lc: Localcloud): Promise<World> {
  const photo = await upload(lc, PEOPLE.member, 'admission.png', solidPng(120, 90, [214, 196, 160]));
  const studentAid = data(
    await callAs(lc, PEOPLE.member, 'applications', 'submit', {
      campaignId: STUDENT_AID,
      requestKey: requestKey(),
      answers: studentAidAnswers(childId(1), [photo]),
    }),
  ).application;

  const colleagues = [
    { openid: 'o-screens-li', name: '李桂兰', id17: '42032219780615062', phone: '13872001001', child: '张晓雨', level: 'college' },
    { openid: 'o-screens-chen', name: '陈志强', id17: '42032219760923071', phone: '13872001002', child: '陈浩然', level: 'postgraduate' },
  ];
  // each a 建档困难职工: a confirmed hardship record (金秋助学 is for them only)
  const register = async (c: { openid: string; name: string; id17: string; phone: string }, n: number) => {
    const { profile } = data(
      await callAs(lc, c.openid, 'members', 'register', { name: c.name, idCard: idCard(c.id17), phone: c.phone, workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', newEmployment: null }),
    );
    data(await callAs(lc, PEOPLE.cgOfficer, 'members', 'review', { memberId: profile.memberId, version: profile.version, decision: 'approve' }));
    await confirmedHardship(lc, profile.memberId, n);
  };
  for (const [i, c] of colleagues.entries()) {
    await register(c, 900 + i);
    const notice = await upload(lc, c.openid, 'admission.png', solidPng(120, 90, [200, 214, 170]));
    const answers = studentAidAnswers(childId(2 + i), [notice], { childName: c.child, level: c.level, bankCard: '6222021234567890128' });
    data(await callAs(lc, c.openid, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers }));
  }
  // 李桂兰's elder child, granted and paid last season's way: what a refund (登记退款) is recorded against
  let paid = data(
    await callAs(lc, colleagues[0].openid, 'applications', 'submit', {
      campaignId: STUDENT_AID,
      requestKey: requestKey(),
      answers: studentAidAnswers(childId(20), [await upload(lc, colleagues[0].openid, 'admission.png', solidPng(120, 90, [200, 214, 170]))], { childName: '张晓阳' }),
    }),
  ).application;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const [openid, transition, more] of [
    [PEOPLE.cgOfficer, 'recommend', {}],
    [PEOPLE.fedOfficer, 'approve', { amountFen: 300_000 }],
    [PEOPLE.fedOfficer, 'pay', { paymentReference: 'JQZX-2026-0007', paidOn: today }],
  ] as const) {
    paid = data(await callAs(lc, openid, 'applications', 'act', { applicationId: paid.applicationId, version: paid.version, transition, ...more })).application;
  }

  let summerRelief = data(
    await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('城关镇环卫所解放路作业点') }),
  ).application;
  for (const [openid, transition] of [
    [PEOPLE.cgOfficer, 'recommend'],
    [PEOPLE.fedOfficer, 'approve'],
  ] as const) {
    summerRelief = data(
      await callAs(lc, openid, 'applications', 'act', {
        applicationId: summerRelief.applicationId,
        version: summerRelief.version,
        transition,
        ...(transition === 'recommend' ? { comment: '情况属实，同意上报。' } : { amountFen: 320_000 }),
      }),
    ).application;
  }

  let legalAid = data(
    await callAs(lc, PEOPLE.member, 'cases', 'open', {
      requestKey: requestKey(),
      disputeType: 'wages',
      employerName: '城关镇宏达建筑公司',
      amountInDisputeFen: 1_850_000,
      workersAffected: 6,
      description: '六个工友在工地干了八个月，包工头欠了工资跑了，公司说不管。',
      evidence: [],
      contactTime: '工作日晚上',
      priorProceedings: 'none',
    }),
  ).case;
  const act = async (openid: string, transition: string, more: Record<string, unknown> = {}) =>
    (legalAid = data(await callAs(lc, openid, 'cases', 'act', { caseId: legalAid.caseId, version: legalAid.version, transition, ...more })).case);
  await act(PEOPLE.cgOfficer, 'accept');
  const { lawyers } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: legalAid.caseId }));
  await act(PEOPLE.cgOfficer, 'assign', { lawyerId: lawyers[0].lawyerId });
  await act(PEOPLE.lawyer, 'logStep', { step: 'mediation', comment: '已约公司负责人下周二到镇劳动保障所调解。' });
  await act(PEOPLE.lawyer, 'message', { comment: '请把工友们的考勤记录或者工资条拍照发给我。' });

  // 职工疗休养: 40 places, three recommended by the 城关镇 officer
  const sanatorium = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind({ ...builtinKind('sanatorium'), kindId: 'sanatorium' }, 'org-county'));
  const zhao = { openid: 'o-screens-zhao', name: '赵德明', id17: '42032219710304051', phone: '13872001003' };
  await register(zhao, 910);
  for (const [openid, yearsWorked] of [
    [colleagues[0].openid, 22],
    [colleagues[1].openid, 26],
    [zhao.openid, 31],
  ] as const) {
    const a = data(await callAs(lc, openid, 'applications', 'submit', { campaignId: sanatorium, requestKey: requestKey(), answers: sanatoriumAnswers({ yearsWorked }) })).application;
    data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'recommend' }));
  }

  // a kind of the county's own, made from 医疗救助
  const { label: _l, builtin: _b, orgPath: _p, order: _o, seedVersion: _s, version: _v, _id, orgId: _org, ...medical } = builtinKind('medicalAid');
  const ownKindId = data(
    await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'saveKind', {
      draft: { ...medical, label: '县职工大病救助', description: '职工患大病自付费用高的，县总工会给予救助', orgId: 'org-county' } as ServiceKindDraft,
    }),
  ).kind.kindId;

  // 城关镇's 金秋助学, 公示后方可发放: two approved grants published, one objected to
  const publicity = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind({ ...builtinKind('studentAid'), kindId: 'studentAid' }, 'org-chengguan', { title: '城关镇金秋助学', publicity: { workingDays: 5 } }));
  const listed: string[] = [];
  for (const [i, c] of colleagues.entries()) {
    const notice = await upload(lc, c.openid, 'admission.png', solidPng(120, 90, [200, 214, 170]));
    const answers = studentAidAnswers(childId(10 + i), [notice], { childName: `${c.child}妹`, level: 'undergraduate' });
    let a = data(await callAs(lc, c.openid, 'applications', 'submit', { campaignId: publicity, requestKey: requestKey(), answers })).application;
    a = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'recommend' })).application;
    a = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'approve', amountFen: 300_000 })).application;
    listed.push(a.applicationId);
  }
  const { publicityId } = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'publish', { campaignId: publicity, requestKey: requestKey() })).publicity;
  data(await callAs(lc, PEOPLE.member, 'applications', 'object', { publicityId, applicationId: listed[1], reason: '据我所知，他家孩子去年已经参加工作了，请核实。' }));

  const noticeId = data(
    await callAs(lc, PEOPLE.staff, 'notices', 'publish', {
      requestKey: requestKey(),
      draft: {
        title: '金秋助学开始申请',
        body: '困难职工子女今年考上大学的，可以在“首页”申请金秋助学。\n请准备好录取通知书和户口本。',
        link: { kind: 'campaign', campaignId: STUDENT_AID },
        audience: { kind: 'org', orgId: 'org-chengguan' },
        pushToAccount: false,
      },
    }),
  ).notice.noticeId;
  await lc.postJson('/__localcloud/timers/notices/drain/fire');
  // 李秀英's registration has waited two weeks: 超时未办 has something to show
  await sdkDb(lc).collection('members').doc('member-o-demo-pending').update({ data: { submittedAt: new Date(Date.now() - 14 * 86_400_000) } });
  return { studentAid, summerRelief, paid, legalAid, sanatorium, ownKindId, noticeId, publicity };
}
