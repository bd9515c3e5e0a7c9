// 通知管理 (staff): the notices published in their scope (notices.manageList), newest first, a page at a time,
// each with its delivery report — audience, sent, no quota, failed, unknown, pending — and the 订阅号 push;
// 刷新 re-reads one notice's report (notices.report). 发布新通知 opens the compose page; back from it, the list
// reloads. A further page is appended by path and a refreshed report set by path, so setData stays small.
import type { DeliveryReport, ManagedNotice } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { pagedList } from '../../services/pagedList';
import { openPage } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

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

const managed = pagedList((cursor) => call('notices', 'manageList', { cursor, limit: PAGE_SIZE }), row);

Component({
  behaviors: [largePrint],
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
    reload() {
      return managed.refresh(this);
    },
    onMore() {
      return managed.more(this);
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
