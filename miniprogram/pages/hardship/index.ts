// 困难职工档案 (member): the status of the member's own record (hardship.mine) — 待建档, 待总工会确认, 在档 with
// its grade and review day, 已过复核期, 已脱困 — and, without one in progress, asking for one with a note and
// materials (hardship.request). The record's facts are the officers' to keep: the member sets none of them.
import type { HardshipMine } from '../../../typings/api';
import type { EvidenceChange } from '../../components/evidence/index';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { largePrint } from '../../services/fontScale';

interface Shown {
  statusLabel: string;
  grade: string;
  reviewDueOn: string;
  exitReason: string;
  lapsed: boolean;
  timeline: { label: string; when: string; comment: string }[];
}

const shown = (r: HardshipMine): Shown => ({
  statusLabel: r.statusLabel,
  grade: r.gradeLabel ?? '',
  reviewDueOn: r.reviewDueOn ?? '',
  exitReason: r.exitReason ?? '',
  lapsed: r.lapsed,
  timeline: r.timeline.map((e) => ({ label: e.label, when: formatTime(e.at), comment: e.comment ?? '' })),
});

/** Whether the member may ask (again): no record yet, or 脱困. */
const mayAsk = (r: HardshipMine | null) => !r || r.status === 'exited';

Component({
  behaviors: [largePrint],
  data: {
    loaded: false,
    error: '',
    message: '',
    record: null as Shown | null,
    asking: false,
    note: '',
    noteError: '',
    evidence: { files: [], uploading: false, failed: false } as EvidenceChange,
    submitting: false,
    done: false,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('hardship', 'mine', {});
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      this.setData({ loaded: true, error: '', record: r.data.record && shown(r.data.record), asking: mayAsk(r.data.record) });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: e.detail.value, noteError: '' });
    },
    onEvidence(e: WechatMiniprogram.CustomEvent<EvidenceChange>) {
      this.setData({ evidence: e.detail });
    },
    async onSubmit() {
      const { note, evidence } = this.data;
      if (note.trim().length < 4) return this.setData({ noteError: '请简要说明家庭困难情况（至少4个字）' });
      if (evidence.failed) return this.setData({ message: '有材料没有传上去，请点“重试”或删掉后重新选择' });
      if (evidence.uploading) return this.setData({ message: '材料还在上传，请稍等' });
      this.setData({ submitting: true, message: '' });
      const r = await call('hardship', 'request', { note: note.trim(), materials: evidence.files.map((f) => f.fileId) });
      this.setData({ submitting: false });
      if (!r.ok) return this.setData({ message: r.error.message, noteError: r.error.fields?.note ?? '' });
      this.setData({ record: shown(r.data.record), asking: false, done: true });
    },
  },
});
