// Members as the members function stores them once approved: identity sealed under this data dir's keys
// (identityFields, as the demo seed does), each with an ID card and phone of their own made from a serial
// number, so the unique ID-card index holds; and the subscribe quota a notice's audience has.
import { identityFields, type MemberDoc } from '../../cloudfunctions/_shared/data/members';
import { subscriptionId, type SubscriptionDoc } from '../../cloudfunctions/_shared/data/subscriptions';
import { idCardCheckChar, parseIdCard } from '../../cloudfunctions/_shared/domain/idCard';
import { parsePhone } from '../../cloudfunctions/_shared/domain/phone';
import { SUBSCRIBE_TEMPLATES, TEMPLATE_KEYS } from '../../cloudfunctions/_shared/domain/templateData';
import type { Localcloud } from '../../test/harness/localcloud';
import type { OrgDoc } from './orgTree';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国秀英伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕华文斌辉鹏飞波宇浩凯健俊帆帅旭宁龙林欣佳';
const BIRTH_DAYS = 12_000; // 1966 … 1998
const BIRTH_BASE = Date.UTC(1966, 0, 1);

export const memberName = (n: number): string =>
  SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] + (n % 3 ? GIVEN[Math.floor(n / 7) % GIVEN.length] : '');

/** The n-th bench person's phone number. */
export const phoneOf = (n: number): string => `15${String(n).padStart(9, '0')}`;

/** The n-th bench person's ID card (unique for n below 12 million) and phone. */
function identity(n: number, now: Date) {
  const birth = new Date(BIRTH_BASE + (n % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `420381${birth}${String(Math.floor(n / BIRTH_DAYS) % 1000).padStart(3, '0')}`;
  const id = parseIdCard(first17 + idCardCheckChar(first17), now);
  const phone = parsePhone(phoneOf(n));
  if (!id.ok || !phone.ok) throw new Error(`bench identity ${n} is invalid`);
  return { id: id.value, phone: phone.value };
}

/** An approved member: serial `n` (its identity), `openid`, in `org`, registered at `at`. */
export function memberDoc(n: number, openid: string, org: OrgDoc, at: Date, now: Date): MemberDoc {
  const { id, phone } = identity(n, now);
  const reviewedAt = new Date(at.getTime() + 86_400_000);
  return {
    _id: `member-${openid}`,
    openid,
    ...identityFields({ name: memberName(n), workUnit: org.name.replace(/工会$/, ''), newEmployment: null }, id, phone, org.path),
    status: 'approved',
    reviewNote: null,
    submittedAt: at,
    reviewedAt,
    reviewedBy: 'o-demo-org-officer',
    createdAt: at,
    updatedAt: reviewedAt,
    version: 2,
  };
}

/** The same quota in localcloud's WeChat, where the sends are counted: every template, `quota` taps by all of `openids`. */
export async function grantInWechat(lc: Localcloud, openids: string[], quota: number): Promise<void> {
  const templateIds = TEMPLATE_KEYS.map((key) => SUBSCRIBE_TEMPLATES.byKey[key].templateId);
  for (let tap = 0; tap < quota; tap++) await lc.postJson('/__localcloud/openapi/subscriptions', { openids, templateIds });
}

/** Quota for every template, as after a member accepted each a few times. */
export function subscriptionDocs(openid: string, quota: number, now: Date): SubscriptionDoc[] {
  return TEMPLATE_KEYS.map((template) => ({ _id: subscriptionId(openid, template), openid, template, quota, updatedAt: now }));
}
