// 公示与异议 (a campaign's federation officers; query campaignId): how many approved applications wait to be
// published and 发布公示 (applications.publish, one requestKey per page open, so a retried tap publishes
// once); each publication with its period and list; the objections, open ones first, each with who raised
// it and why, answered with a comment: 异议不成立 (the application goes on) or 异议成立 with 退回补充 or 不予通过
// (applications.resolveObjection). Payment itself stays in 申请审核, which refuses it until the period ends.
import type { ObjectionOutcome, ObjectionView, PublicityView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { largePrint } from '../../services/fontScale';
import { formatTime } from '../../services/format';
import { newRequestKey } from '../../services/requestKey';

const STATUS: Record<ObjectionView['status'], string> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };
const OUTCOME: Record<ObjectionOutcome, string> = { dismissed: '异议不成立，继续发放', return: '异议成立，退回补充', reject: '异议成立，不予通过' };
const DONE: Record<ObjectionOutcome, string> = { dismissed: '已处理：异议不成立，申请继续办理', return: '已处理：异议成立，申请已退回补充', reject: '已处理：异议成立，申请不予通过' };

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function publication(p: PublicityView) {
  return {
    id: p.publicityId,
    period: `${formatTime(p.startsAt).slice(0, 10)} 起公示${p.workingDays}个工作日 · 至${monthDay(p.lastDay)}${p.open ? '' : '（已结束）'}`,
    lines: p.lines.map((l) => ({ id: l.applicationId, who: `${l.maskedName} · ${l.orgName}`, grant: l.grant })),
  };
}

function objection(o: ObjectionView) {
  return {
    id: o.objectionId,
    about: `${o.line.maskedName} · ${o.line.orgName} · ${o.line.grant}`,
    by: `${o.objectorName ?? ''} · ${o.objectorOrgName ?? ''} · ${formatTime(o.createdAt)}`,
    reason: o.reason,
    status: STATUS[o.status],
    open: o.status === 'open',
    answer: o.resolution ? `${OUTCOME[o.resolution.outcome]}。${o.resolution.comment}` : '',
  };
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    campaignId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    error: '',
    notice: '',
    title: '',
    setting: '',
    unlisted: 0,
    publishing: false,
    items: [] as ReturnType<typeof publication>[],
    objections: [] as ReturnType<typeof objection>[],
    /** the objection being answered */
    answering: '',
    comment: '',
    commentError: '',
    resolving: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('applications', 'publicityAdmin', { campaignId: this.data.campaignId });
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      const d = r.data;
      this.setData({
        loaded: true,
        title: d.campaignTitle,
        setting: d.workingDays === null ? '本活动未设置“公示后方可发放”' : `批准后公示${d.workingDays}个工作日，期满且异议处理完毕后方可发放`,
        unlisted: d.unlisted,
        items: d.items.map(publication),
        objections: d.objections.map(objection),
      });
    },
    async onPublish() {
      if (this.data.publishing) return;
      this.setData({ publishing: true, error: '', notice: '' });
      const r = await call('applications', 'publish', { campaignId: this.data.campaignId, requestKey: publishKeys.get(this) ?? this.newKey() });
      this.setData({ publishing: false });
      if (!r.ok) return this.setData({ error: r.error.message });
      publishKeys.delete(this);
      this.setData({ notice: `已发布公示：${r.data.publicity.lines.length}人，公示至${monthDay(r.data.publicity.lastDay)}` });
      await this.load();
    },
    newKey(): string {
      const key = newRequestKey();
      publishKeys.set(this, key);
      return key;
    },
    onAnswer(e: WechatMiniprogram.BaseEvent) {
      this.setData({ answering: (e.currentTarget.dataset as { id: string }).id, comment: '', commentError: '', notice: '', error: '' });
    },
    onComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ comment: e.detail.value, commentError: '' });
    },
    async onResolve(e: WechatMiniprogram.BaseEvent) {
      const { outcome } = e.currentTarget.dataset as { outcome: ObjectionOutcome };
      if (this.data.resolving) return;
      if (!this.data.comment.trim()) return this.setData({ commentError: '请填写处理意见，提出异议的会员和申请人会看到' });
      this.setData({ resolving: true, error: '' });
      const r = await call('applications', 'resolveObjection', { objectionId: this.data.answering, outcome, comment: this.data.comment });
      this.setData({ resolving: false });
      if (!r.ok) return this.setData(r.error.fields?.comment ? { commentError: r.error.fields.comment } : { error: r.error.message });
      this.setData({ answering: '', comment: '', notice: DONE[outcome] });
      await this.load();
    },
  },
});

/** The publish request's key, kept until it succeeds, so a retried tap answers the publication made. */
const publishKeys = new WeakMap<object, string>();
