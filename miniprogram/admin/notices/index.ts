// 通知管理 (staff): the notices published in their scope (notices.manageList), newest first, a page at a time,
// each with its delivery report — audience, sent, no quota, failed, unknown, pending — and the 订阅号 push;
// 刷新 re-reads one notice's report (notices.report). 发布新通知 opens the compose page; back from it, the list
// reloads. A further page is appended by path and a refreshed report set by path, so setData stays small.
import type { DeliveryReport, ManagedNotice } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { openPage } from '../../services/ui';

const PAGE_SIZE = 20;

const ACCOUNT_LABELS: Record<DeliveryReport['account']['status'], string> = {
  none: '不推送',
  pending: '等待推送',
  published: '已发布',
  failed: '推送失败',
};

/** The report's figures (the card labels them) and its 订阅号 line. */
function figures({ account, ...counts }: DeliveryReport) {
  return { ...counts, account: `订阅号：${ACCOUNT_LABELS[account.status]}${account.error ? `（${account.error}）` : ''}` };
}

function row(n: ManagedNotice) {
  return {
    id: n.noticeId,
    title: n.title,
    note: `${n.audienceLabel} · ${formatTime(n.publishedAt)}`,
    report: figures(n.report),
    refreshing: false,
  };
}

Component({
  data: {
    loaded: false,
    loading: false,
    error: '',
    items: [] as ReturnType<typeof row>[],
    cursor: null as string | null,
  },
  pageLifetimes: {
    show() {
      this.reload();
    },
  },
  methods: {
    async reload() {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const r = await call('notices', 'manageList', { limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, loaded: true, error: r.error.message });
      this.setData({ loading: false, loaded: true, error: '', items: r.data.items.map(row), cursor: r.data.cursor });
    },
    async onMore() {
      if (this.data.loading || !this.data.cursor) return;
      this.setData({ loading: true });
      const r = await call('notices', 'manageList', { cursor: this.data.cursor, limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, error: r.error.message });
      const start = this.data.items.length;
      const added: Record<string, unknown> = { loading: false, error: '', cursor: r.data.cursor };
      r.data.items.forEach((n, i) => (added[`items[${start + i}]`] = row(n)));
      this.setData(added);
    },
    async onRefresh(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const item = this.data.items[index];
      if (!item || item.refreshing) return;
      this.setData({ [`items[${index}].refreshing`]: true });
      const r = await call('notices', 'report', { noticeId: item.id });
      if (!r.ok) return this.setData({ [`items[${index}].refreshing`]: false, error: r.error.message });
      this.setData({ [`items[${index}].refreshing`]: false, [`items[${index}].report`]: figures(r.data.notice.report), error: '' });
    },
    onCompose() {
      openPage('/admin/notice-compose/index');
    },
  },
});
