// 超时未办: what in the officer's subtree has waited more than N working days at its stage (reviews.waiting),
// applications, memberships or cases, longest first, each with the org and the officers it waits for, so the
// federation sees where work is stuck and whom to call. A row opens the record's officer page.
import type { WaitingItem, WaitingKind } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { largePrint } from '../../services/fontScale';
import { appendedRows } from '../../services/pagedList';
import { openPath } from '../../services/ui';

const KINDS: { kind: WaitingKind; label: string }[] = [
  { kind: 'applications', label: '申请' },
  { kind: 'memberships', label: '入会' },
  { kind: 'cases', label: '法律援助' },
  { kind: 'hardship', label: '困难档案' },
];
const DAYS = [3, 5, 10, 20];
const PAGE_SIZE = 20;

function rowOf(i: WaitingItem) {
  return {
    id: i.id,
    title: i.title,
    stage: i.stage,
    note: `${i.orgName} · ${formatTime(i.since)} 起`,
    waited: `已等 ${i.workingDays} 个工作日`,
    waitingFor: i.waitingFor ? `等待：${i.waitingFor.orgName}${i.waitingFor.names.length ? `（${i.waitingFor.names.join('、')}）` : ''}` : '无人负责',
    page: i.page,
  };
}

Component({
  behaviors: [largePrint],
  data: {
    kinds: KINDS,
    kind: 'applications' as WaitingKind,
    days: DAYS,
    workingDays: 5,
    items: [] as ReturnType<typeof rowOf>[],
    cursor: null as string | null,
    loading: false,
    loaded: false,
    error: '',
  },
  lifetimes: {
    attached() {
      this.reload();
    },
  },
  methods: {
    onKind(e: WechatMiniprogram.BaseEvent) {
      this.setData({ kind: (e.currentTarget.dataset as { kind: WaitingKind }).kind });
      this.reload();
    },
    onDays(e: WechatMiniprogram.BaseEvent) {
      this.setData({ workingDays: Number((e.currentTarget.dataset as { days: number }).days) });
      this.reload();
    },
    async reload() {
      this.setData({ items: [], cursor: null, error: '' });
      await this.loadMore();
    },
    async loadMore() {
      const { kind, workingDays, cursor } = this.data;
      this.setData({ loading: true });
      const r = await call('reviews', 'waiting', { kind, workingDays, cursor, limit: PAGE_SIZE });
      if (kind !== this.data.kind || workingDays !== this.data.workingDays) return; // the officer moved on meanwhile
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ cursor: r.data.cursor, ...appendedRows('items', this.data.items.length, r.data.items.map(rowOf)) });
    },
    onReachBottom() {
      if (this.data.cursor && !this.data.loading) this.loadMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPath((e.currentTarget.dataset as { page: string }).page);
    },
  },
});
