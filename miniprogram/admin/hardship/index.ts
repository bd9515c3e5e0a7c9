// 困难职工档案 (officers): the records in the officer's subtrees (hardship.list), by filter — 待办理 (asked,
// returned or waiting for confirmation), 待复核 (review day within 30 days or past), 已过复核期, 全部 — each
// opening the record's page; 新建档案 files one for a member named by ID card.
import type { HardshipListFilter, HardshipSummary } from '../../../typings/api';
import { call } from '../../services/cloud';
import { largePrint } from '../../services/fontScale';
import { appendedRows } from '../../services/pagedList';
import { openPage } from '../../services/ui';

interface Row {
  recordId: string;
  title: string;
  note: string;
  late: boolean;
}

const PAGE_SIZE = 20;
const FILTERS: { value: HardshipListFilter; label: string }[] = [
  { value: 'waiting', label: '待办理' },
  { value: 'due', label: '待复核' },
  { value: 'lapsed', label: '已过复核期' },
  { value: 'all', label: '全部' },
];

const row = (r: HardshipSummary): Row => ({
  recordId: r.recordId,
  title: r.gradeLabel ? `${r.memberName}（${r.gradeLabel}）` : r.memberName,
  note: [r.orgName, r.statusLabel, r.reviewDueOn ? `复核日期 ${r.reviewDueOn}` : ''].filter(Boolean).join(' · '),
  late: r.lapsed,
});

Component({
  behaviors: [largePrint],
  properties: { filter: { type: String, value: '' } },
  data: { filters: FILTERS, chosen: 'waiting' as HardshipListFilter, items: [] as Row[], cursor: null as string | null, loading: false, loaded: false, error: '' },
  lifetimes: {
    attached() {
      const asked = FILTERS.find((f) => f.value === this.properties.filter);
      if (asked) this.setData({ chosen: asked.value });
      this.reload();
    },
  },
  pageLifetimes: {
    show() {
      // back from a record: its status may have changed
      if (this.data.loaded) this.reload();
    },
  },
  methods: {
    async reload() {
      this.setData({ items: [], cursor: null, error: '' });
      await this.loadMore();
    },
    async loadMore() {
      this.setData({ loading: true });
      const r = await call('hardship', 'list', { filter: this.data.chosen, cursor: this.data.cursor, limit: PAGE_SIZE });
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ cursor: r.data.cursor, ...appendedRows('items', this.data.items.length, r.data.items.map(row)) });
    },
    onFilter(e: WechatMiniprogram.BaseEvent) {
      const { value } = e.currentTarget.dataset as { value: HardshipListFilter };
      if (value === this.data.chosen) return;
      this.setData({ chosen: value });
      this.reload();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      openPage(`/admin/hardship-record/index?recordId=${encodeURIComponent(id)}`);
    },
    onNew() {
      openPage('/admin/hardship-record/index');
    },
  },
});
