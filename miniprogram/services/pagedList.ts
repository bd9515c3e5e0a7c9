// The paged lists of the pages (我的消息, 通知, 通知管理, 办事进度): the first page replaces the rows, a further
// page is appended by path (`items[20]`, `items[21]`…) so setData carries only the new rows; `loading` keeps
// two reads from overlapping, `error` says why the last one failed, `cursor` is where the next page starts
// (null once there is none). A plain function of the page rather than a Behavior, whose typings lose the
// page's own data and methods.
import type { Page, Result } from '../../typings/api';

/** The part of a page or component the list uses. */
interface ListHost {
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>): void;
}

/** Where the list lives in the page's data. */
export interface ListKeys {
  items: string;
  cursor: string;
  loading: string;
}

const DEFAULT_KEYS: ListKeys = { items: 'items', cursor: 'cursor', loading: 'loading' };

/** The setData patch that appends `rows` by path after the `start` rows already under `key`. */
export function appendedRows(key: string, start: number, rows: unknown[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  rows.forEach((row, i) => (patch[`${key}[${start + i}]`] = row));
  return patch;
}

/** A list read by `fetch` (no cursor: the first page) and shown as `row` makes each item. */
export function pagedList<S, R>(fetch: (cursor?: string) => Promise<Result<Page<S>>>, row: (item: S) => R, keys: ListKeys = DEFAULT_KEYS) {
  /** The rows and cursor of a first page. */
  const firstPage = (page: Page<S>): Record<string, unknown> => ({ [keys.items]: page.items.map(row), [keys.cursor]: page.cursor });
  return {
    fetch,
    firstPage,
    /** Reads the first page again; it replaces the rows. */
    async refresh(host: ListHost): Promise<void> {
      if (host.data[keys.loading]) return;
      host.setData({ [keys.loading]: true });
      const r = await fetch();
      if (!r.ok) return host.setData({ [keys.loading]: false, loaded: true, error: r.error.message });
      host.setData({ [keys.loading]: false, loaded: true, error: '', ...firstPage(r.data) });
    },
    /** Reads the next page, if there is one, and appends its rows by path. */
    async more(host: ListHost): Promise<void> {
      const cursor = host.data[keys.cursor] as string | null;
      if (host.data[keys.loading] || !cursor) return;
      host.setData({ [keys.loading]: true });
      const r = await fetch(cursor);
      if (!r.ok) return host.setData({ [keys.loading]: false, error: r.error.message });
      const start = (host.data[keys.items] as unknown[]).length;
      host.setData({ [keys.loading]: false, error: '', [keys.cursor]: r.data.cursor, ...appendedRows(keys.items, start, r.data.items.map(row)) });
    },
  };
}
