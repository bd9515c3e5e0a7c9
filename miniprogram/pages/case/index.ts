// 我的法律援助: one case as the member sees it (cases.detail): where it stands, the timeline of every step,
// message and piece of evidence with who took it, and what the case allows now (`actions`): 留言, 补充证据
// (uploaded with progress, then sent together) and, once closed, 评价 (1–5 stars and a remark). Reloaded
// whenever it shows.
import { CASE_OUTCOME_LABELS, CASE_STATUS_LABELS } from '../../../typings/api';
import type { CaseDetail, CaseTimelineEntry } from '../../../typings/api';
import type { EvidenceChange } from '../../components/evidence/index';
import { call } from '../../services/cloud';
import { caseFiles, caseStepText, caseTitle, openCaseFile } from '../../services/cases';
import { formatTime } from '../../services/format';
import { yuanText } from '../../services/money';
import { largePrint } from '../../services/fontScale';

const STARS = [1, 2, 3, 4, 5];

function entry(t: CaseTimelineEntry, n: number) {
  return {
    n,
    at: formatTime(t.at),
    by: t.partLabel,
    action: caseStepText(t),
    comment: t.comment ?? '',
    files: caseFiles(t.files),
  };
}

function view(c: CaseDetail) {
  return {
    caseId: c.caseId,
    version: c.version,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    title: caseTitle(c),
    amount: yuanText(c.amountInDisputeFen),
    workers: c.workersAffected,
    lawyer: c.lawyerName ?? '',
    declineReason: c.declineReason ?? '',
    closing: c.closing ? `${CASE_OUTCOME_LABELS[c.closing.outcome]}，为您挽回 ${yuanText(c.closing.recoveredFen)}（${formatTime(c.closing.closedAt).slice(0, 10)} 结案）` : '',
    rating: c.rating ? `${'★'.repeat(c.rating.stars)}${'☆'.repeat(5 - c.rating.stars)}${c.rating.comment ? ` “${c.rating.comment}”` : ''}` : '',
    // newest first: what happened last is what the member looks for
    timeline: [...c.timeline].reverse().map(entry),
    canMessage: c.actions.includes('message'),
    canAddEvidence: c.actions.includes('addEvidence'),
    canRate: c.actions.includes('rate'),
  };
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    caseId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    error: '',
    notice: '',
    busy: '',
    c: null as ReturnType<typeof view> | null,
    message: '',
    evidence: { files: [], uploading: false, failed: false } as EvidenceChange,
    /** bumped to give the evidence picker a fresh start after sending */
    evidenceRound: 0,
    stars: 0,
    starOptions: STARS,
    remark: '',
  },
  pageLifetimes: {
    show() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('cases', 'detail', { caseId: this.data.caseId });
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      this.setData({ loaded: true, error: '', c: view(r.data.case) });
    },
    async act(transition: 'message' | 'addEvidence' | 'rate', more: { comment?: string; files?: string[]; stars?: number }, done: string) {
      const c = this.data.c!;
      this.setData({ busy: transition, error: '', notice: '' });
      const r = await call('cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more });
      if (!r.ok) {
        this.setData({ busy: '', error: r.error.message });
        return false;
      }
      this.setData({ busy: '', notice: done, c: view(r.data.case) });
      return true;
    },
    onMessageInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ message: e.detail.value });
    },
    async onSendMessage() {
      const text = this.data.message.trim();
      if (this.data.busy) return;
      if (!text) return this.setData({ error: '请先写下要说的话' });
      if (await this.act('message', { comment: text }, '留言已发送')) this.setData({ message: '' });
    },
    onEvidence(e: WechatMiniprogram.CustomEvent<EvidenceChange>) {
      this.setData({ evidence: e.detail });
    },
    async onSendEvidence() {
      const { evidence } = this.data;
      if (this.data.busy) return;
      if (evidence.failed) return this.setData({ error: '有证据没有传上去，请点“重试”或删掉后重新选择' });
      if (evidence.uploading) return this.setData({ error: '证据还在上传，请稍等' });
      if (!evidence.files.length) return this.setData({ error: '请先拍照或选择文件' });
      const files = evidence.files.map((f) => f.fileId);
      if (await this.act('addEvidence', { files }, `已补充 ${files.length} 份证据`)) {
        this.setData({ evidence: { files: [], uploading: false, failed: false }, evidenceRound: this.data.evidenceRound + 1 });
      }
    },
    onStar(e: WechatMiniprogram.BaseEvent) {
      this.setData({ stars: (e.currentTarget.dataset as { stars: number }).stars });
    },
    onRemark(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ remark: e.detail.value });
    },
    async onRate() {
      if (this.data.busy) return;
      if (!this.data.stars) return this.setData({ error: '请点星星打分，5 颗星最满意' });
      const remark = this.data.remark.trim();
      await this.act('rate', { stars: this.data.stars, ...(remark ? { comment: remark } : {}) }, '谢谢您的评价');
    },
    onFile(e: WechatMiniprogram.BaseEvent) {
      openCaseFile(e.currentTarget.dataset as { url: string; pdf: boolean; urls: string[] });
    },
  },
});

