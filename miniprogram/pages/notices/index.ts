// 通知: the union's notice board (notices.board), newest first, a page at a time; a tap opens one
// (pages/notices/notice). At the top, 订阅消息提醒 asks WeChat for reminders of new notices and of the member's
// own applications (services/subscribe), only when tapped; and 我的消息 opens the member's inbox. Rows carry
// only what the list shows, and a further page is appended by path, so setData stays small.
import type { NoticeSummary } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { askToSubscribe } from '../../services/subscribe';
import { openPage, showTab } from '../../services/ui';

const PAGE_SIZE = 20;

function row(n: NoticeSummary) {
  return { id: n.noticeId, title: n.title, excerpt: n.excerpt, from: `${n.orgName} · ${formatTime(n.publishedAt)}` };
}

Component({
  data: {
    loaded: false,
    loading: false,
    error: '',
    items: [] as ReturnType<typeof row>[],
    cursor: null as string | null,
    /** what the last 订阅消息提醒 tap came to */
    subscribeNote: '',
    subscribeOk: false,
  },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/notices/index');
      this.refresh();
    },
  },
  methods: {
    async refresh() {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const r = await call('notices', 'board', { limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, loaded: true, error: r.error.message });
      this.setData({ loading: false, loaded: true, error: '', items: r.data.items.map(row), cursor: r.data.cursor });
    },
    async onMore() {
      if (this.data.loading || !this.data.cursor) return;
      this.setData({ loading: true });
      const r = await call('notices', 'board', { cursor: this.data.cursor, limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, error: r.error.message });
      const start = this.data.items.length;
      const added: Record<string, unknown> = { loading: false, error: '', cursor: r.data.cursor };
      r.data.items.forEach((n, i) => (added[`items[${start + i}]`] = row(n)));
      this.setData(added);
    },
    onReachBottom() {
      this.onMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPage(`/pages/notices/notice?noticeId=${encodeURIComponent(e.currentTarget.dataset.id as string)}`);
    },
    async onSubscribe() {
      const accepted = await askToSubscribe(['noticePublished', 'applicationStatus']);
      if (!accepted.length) return this.setData({ subscribeOk: false, subscribeNote: '没有开启提醒。想收到提醒时，请再点一次上面的按钮，选“允许”。' });
      const when = [accepted.includes('noticePublished') ? '有新通知' : '', accepted.includes('applicationStatus') ? '申请有进展' : ''].filter(Boolean).join('、');
      this.setData({ subscribeOk: true, subscribeNote: `已开启提醒：${when}时，微信会通知您一次。` });
    },
    onMessages() {
      openPage('/pages/messages/index');
    },
  },
});
