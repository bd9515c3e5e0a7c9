// 我的消息: the member's personal messages (notices.inbox) — their applications' and legal-aid cases' progress,
// the membership review — newest first, a page at a time; a tap opens the page the message is about. Rows carry
// only what the list shows, and a further page is appended by path, so setData stays small.
import type { InboxItem } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { openPath } from '../../services/ui';

const PAGE_SIZE = 20;

function row(m: InboxItem) {
  return { id: m.messageId, title: m.title, body: m.body, page: m.page, time: formatTime(m.createdAt) };
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
      this.refresh();
    },
  },
  methods: {
    async refresh() {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const r = await call('notices', 'inbox', { limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, loaded: true, error: r.error.message });
      this.setData({ loading: false, loaded: true, error: '', items: r.data.items.map(row), cursor: r.data.cursor });
    },
    async onMore() {
      if (this.data.loading || !this.data.cursor) return;
      this.setData({ loading: true });
      const r = await call('notices', 'inbox', { cursor: this.data.cursor, limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, error: r.error.message });
      const start = this.data.items.length;
      const added: Record<string, unknown> = { loading: false, error: '', cursor: r.data.cursor };
      r.data.items.forEach((m, i) => (added[`items[${start + i}]`] = row(m)));
      this.setData(added);
    },
    onReachBottom() {
      this.onMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPath(e.currentTarget.dataset.page as string);
    },
  },
});
