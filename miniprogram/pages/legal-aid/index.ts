// 法律援助: the member's request for legal aid (cases.open) in plain words and big controls: what the dispute
// is about, the employer, the amount owed or in dispute (元, sent as 分), how many workers, what happened,
// evidence (photos or PDF files, uploaded with progress as soon as they are picked), when to call back, and
// whether it has been to arbitration or court. What the member typed is kept on the phone as a draft with the
// requestKey made once for it, so a double tap or a retry after a lost reply opens one case; a busy flag keeps
// a second tap from sending at all. The server checks everything; its messages are shown against their fields.
import { DISPUTE_TYPE_LABELS, PRIOR_PROCEEDINGS_LABELS } from '../../../typings/api';
import type { DisputeType, PriorProceedings } from '../../../typings/api';
import type { EvidenceChange, EvidenceFile } from '../../components/evidence/index';
import { call } from '../../services/cloud';
import { fenOfYuan } from '../../services/money';
import { newRequestKey } from '../../services/requestKey';
import { askToSubscribe } from '../../services/subscribe';
import { largePrint } from '../../services/fontScale';

interface Values {
  disputeType: string;
  employerName: string;
  amountYuan: string;
  workersAffected: string;
  description: string;
  contactTime: string;
  priorProceedings: string;
}

interface Draft {
  requestKey: string;
  values: Values;
  evidence: EvidenceFile[];
}

const DRAFT_KEY = 'legalAid.draft';

const EMPTY: Values = {
  disputeType: '',
  employerName: '',
  amountYuan: '',
  workersAffected: '1',
  description: '',
  contactTime: '',
  priorProceedings: 'none',
};

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** When the member would like the call back: a few plain choices. */
const CONTACT_TIMES = ['随时都可以', '工作日白天', '工作日晚上', '周末'];

/** Server field names → the form's. */
const FIELD_OF: Record<string, keyof Values | 'evidence'> = { amountInDisputeFen: 'amountYuan' };

Component({
  behaviors: [largePrint],
  data: {
    disputeTypes: options(DISPUTE_TYPE_LABELS),
    priorOptions: options(PRIOR_PROCEEDINGS_LABELS),
    contactTimes: CONTACT_TIMES,
    loaded: false,
    values: { ...EMPTY } as Values,
    /** the draft's evidence, handed to the evidence picker when the page opens */
    initialEvidence: [] as EvidenceFile[],
    evidence: { files: [], uploading: false, failed: false } as EvidenceChange,
    errors: {} as Record<string, string>,
    message: '',
    submitting: false,
    requestKey: '',
  },
  lifetimes: {
    attached() {
      const draft = wx.getStorageSync(DRAFT_KEY) as Draft | '';
      this.setData({
        loaded: true,
        requestKey: draft ? draft.requestKey : newRequestKey(),
        values: draft ? { ...EMPTY, ...draft.values } : { ...EMPTY },
        initialEvidence: draft ? draft.evidence : [],
        'evidence.files': draft ? draft.evidence : [],
      });
    },
  },
  methods: {
    saveDraft() {
      const draft: Draft = { requestKey: this.data.requestKey, values: this.data.values, evidence: this.data.evidence.files };
      wx.setStorageSync(DRAFT_KEY, draft);
    },
    setValue(key: string, value: string) {
      this.setData({ [`values.${key}`]: value, [`errors.${key}`]: '', message: '' });
      this.saveDraft();
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setValue(e.currentTarget.dataset.key as string, e.detail.value);
    },
    onChoose(e: WechatMiniprogram.BaseEvent) {
      const { key, value } = e.currentTarget.dataset as { key: string; value: string };
      this.setValue(key, value);
    },
    onEvidence(e: WechatMiniprogram.CustomEvent<EvidenceChange>) {
      this.setData({ evidence: e.detail, 'errors.evidence': '' });
      this.saveDraft();
    },

    /** What the form sends, or the messages for what cannot be sent as typed. */
    input(): { ok: true } | { ok: false; errors: Record<string, string> } {
      const v = this.data.values;
      const errors: Record<string, string> = {};
      if (!v.disputeType) errors.disputeType = '请选择遇到的是什么问题';
      if (!v.employerName.trim()) errors.employerName = '请填写用人单位（老板或公司）名称';
      if (fenOfYuan(v.amountYuan) === null) errors.amountYuan = '请填写金额，如 12000 或 12000.50；不涉及钱款填 0';
      if (!/^\d{1,5}$/.test(v.workersAffected.trim()) || Number(v.workersAffected) < 1) errors.workersAffected = '请填写人数，只有您自己就填 1';
      if (v.description.trim().length < 10) errors.description = '请把事情经过写清楚，至少 10 个字';
      if (!v.contactTime) errors.contactTime = '请选择方便接电话的时间';
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true };
    },

    async onSubmit() {
      if (this.data.submitting) return;
      askToSubscribe(['applicationStatus']);
      const { evidence, values: v } = this.data;
      if (evidence.failed) return this.setData({ message: '有证据没有传上去，请点“重试”或删掉后重新选择' });
      if (evidence.uploading) return this.setData({ message: '证据还在上传，请稍等' });
      const checked = this.input();
      if (!checked.ok) return this.setData({ errors: checked.errors, message: '填写的内容有误，请按红字提示修改' });
      this.setData({ submitting: true, message: '', errors: {} });
      const r = await call('cases', 'open', {
        requestKey: this.data.requestKey,
        disputeType: v.disputeType as DisputeType,
        employerName: v.employerName.trim(),
        amountInDisputeFen: fenOfYuan(v.amountYuan)!,
        workersAffected: Number(v.workersAffected),
        description: v.description.trim(),
        evidence: evidence.files.map((f) => f.fileId),
        contactTime: v.contactTime,
        priorProceedings: v.priorProceedings as PriorProceedings,
      });
      if (!r.ok) {
        const errors: Record<string, string> = {};
        for (const [k, m] of Object.entries(r.error.fields ?? {})) errors[FIELD_OF[k.split('.')[0]] ?? k.split('.')[0]] = m;
        return this.setData({ submitting: false, message: r.error.message, errors });
      }
      wx.removeStorageSync(DRAFT_KEY);
      // stays busy: the page is being replaced by the case's
      wx.redirectTo({ url: `/pages/case/index?caseId=${r.data.case.caseId}` });
    },
  },
});
