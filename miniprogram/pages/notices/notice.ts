// One notice of the member's board (notices.get): title, who published it and when, the whole text, and
// 查看详情 when it links to a campaign's application form or a page. Subscribe messages of a published
// notice open this page with ?noticeId=….
import type { NoticeView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { openPath } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

Component({
  behaviors: [largePrint],
  properties: {
    /** page query */
    noticeId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    error: '',
    notice: null as null | { title: string; from: string; body: string; linkLabel: string; linkPath: string },
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('notices', 'get', { noticeId: this.data.noticeId });
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      const n: NoticeView = r.data.notice;
      this.setData({
        loaded: true,
        error: '',
        notice: { title: n.title, from: `${n.orgName} · ${formatTime(n.publishedAt)}`, body: n.body, linkLabel: n.link?.label ?? '', linkPath: n.link?.path ?? '' },
      });
    },
    onLink() {
      if (this.data.notice?.linkPath) openPath(this.data.notice.linkPath);
    },
  },
});
