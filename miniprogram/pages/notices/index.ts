// 通知: the union's notice board (notices.board), newest first, a page at a time; a tap opens one
// (pages/notices/notice). At the top, 订阅消息提醒 asks WeChat for reminders of new notices and of the member's
// own applications (services/subscribe), only when tapped; 我的消息 opens the member's inbox and 公示 the
// approved lists published before payment (pages/publicity). Rows carry
// only what the list shows, and a further page is appended by path, so setData stays small.
import type { NoticeSummary } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { pagedList } from '../../services/pagedList';
import { askToSubscribe } from '../../services/subscribe';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const PAGE_SIZE = 20;

function row(n: NoticeSummary) {
  return { id: n.noticeId, title: n.title, excerpt: n.excerpt, from: `${n.orgName} · ${formatTime(n.publishedAt)}` };
}

const board = pagedList((cursor) => call('notices', 'board', { cursor, limit: PAGE_SIZE }), row);

Component({
  behaviors: [largePrint],
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
    refresh() {
      return board.refresh(this);
    },
    onMore() {
      return board.more(this);
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
    onPublicity() {
      openPage('/pages/publicity/index');
    },
  },
});
