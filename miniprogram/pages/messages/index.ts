// 我的消息: the member's personal messages (notices.inbox) — their applications' and legal-aid cases' progress,
// the membership review — newest first, a page at a time; a tap opens the page the message is about. Rows carry
// only what the list shows, and a further page is appended by path, so setData stays small.
import type { InboxItem } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { pagedList } from '../../services/pagedList';
import { openPath } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const PAGE_SIZE = 20;

function row(m: InboxItem) {
  return { id: m.messageId, title: m.title, body: m.body, page: m.page, time: formatTime(m.createdAt) };
}

const inbox = pagedList((cursor) => call('notices', 'inbox', { cursor, limit: PAGE_SIZE }), row);

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
      this.refresh();
    },
  },
  methods: {
    refresh() {
      return inbox.refresh(this);
    },
    onMore() {
      return inbox.more(this);
    },
    onReachBottom() {
      this.onMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPath(e.currentTarget.dataset.page as string);
    },
  },
});
