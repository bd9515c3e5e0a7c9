// 入会审核: the pending registrations in the officer's org subtree (members.pendingList), one opened in full
// (members.detail), approved or rejected with a reason (members.review). A decision someone else made first
// comes back as CONFLICT and is shown as such, never overwritten.
import type { ProfileView, ReviewDecision } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime, profileRows } from '../../services/format';
import { appendedRows } from '../../services/pagedList';
import { largePrint } from '../../services/fontScale';

interface QueueItem {
  memberId: string;
  name: string;
  note: string;
}

const PAGE_SIZE = 20;

const queueItem = (p: ProfileView): QueueItem => ({ memberId: p.memberId, name: p.name, note: `${p.orgName} · ${p.workUnit} · ${formatTime(p.submittedAt)}` });

Component({
  behaviors: [largePrint],
  data: {
    queue: [] as QueueItem[],
    cursor: null as string | null,
    loading: false,
    loaded: false,
    error: '',
    /** the opened registration */
    open: null as null | { memberId: string; name: string; version: number; rows: { label: string; value: string }[] },
    reason: '',
    reasonError: '',
    deciding: false,
    conflict: false,
    notice: '',
  },
  lifetimes: {
    attached() {
      this.reload();
    },
  },
  methods: {
    async reload() {
      this.setData({ queue: [], cursor: null, open: null, conflict: false, error: '' });
      await this.loadMore();
    },
    async loadMore() {
      this.setData({ loading: true });
      const r = await call('members', 'pendingList', { cursor: this.data.cursor, limit: PAGE_SIZE });
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      // Append by path, so a page costs its own rows, not the whole queue again.
      this.setData({ cursor: r.data.cursor, ...appendedRows('queue', this.data.queue.length, r.data.items.map(queueItem)) });
    },
    async onOpen(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      this.setData({ notice: '', error: '' });
      const r = await call('members', 'detail', { memberId: id });
      if (!r.ok) return this.setData({ error: r.error.message });
      const p = r.data.profile;
      this.setData({ open: { memberId: p.memberId, name: p.name, version: p.version, rows: profileRows(p) }, reason: '', reasonError: '', conflict: false });
    },
    onBack() {
      this.setData({ open: null, conflict: false });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, reasonError: '' });
    },
    onApprove() {
      this.decide('approve');
    },
    onReject() {
      if (!this.data.reason.trim()) return this.setData({ reasonError: '请填写不通过的原因，会员会看到' });
      this.decide('reject');
    },
    async decide(decision: ReviewDecision) {
      const open = this.data.open!;
      this.setData({ deciding: true, error: '' });
      const r = await call('members', 'review', {
        memberId: open.memberId,
        version: open.version,
        decision,
        ...(decision === 'reject' ? { reason: this.data.reason.trim() } : {}),
      });
      this.setData({ deciding: false });
      if (!r.ok) {
        // Decided by someone else meanwhile: a stale version (CONFLICT) or no longer pending (INVALID_STATE).
        if (r.error.code === 'CONFLICT' || r.error.code === 'INVALID_STATE') return this.setData({ conflict: true });
        return this.setData({ error: r.error.message, reasonError: r.error.fields?.reason ?? '' });
      }
      this.setData({
        open: null,
        queue: this.data.queue.filter((q) => q.memberId !== open.memberId),
        notice: `已${decision === 'approve' ? '通过' : '退回'}：${open.name}`,
      });
    },
  },
});
