// Picks a union org out of ≈4,000: by name (orgs.search) or level by level through the tree (orgs.tree).
// The tree stays in this module; only the level on screen goes through setData, so no call ships the
// whole tree to the view layer. Members pick a grassroots union; with `anyLevel` (role grants) any org.
import type { OrgKind, OrgNode } from '../../../typings/api';
import { call } from '../../services/cloud';

interface Item {
  id: string;
  name: string;
  note: string;
  /** has a level below to open */
  branch: boolean;
  selectable: boolean;
}

let tree: { roots: OrgNode[]; byId: Map<string, OrgNode> } | null = null;

function index(roots: OrgNode[]) {
  const byId = new Map<string, OrgNode>();
  const visit = (n: OrgNode) => {
    byId.set(n.id, n);
    n.children?.forEach(visit);
  };
  roots.forEach(visit);
  return { roots, byId };
}

const SEARCH_DELAY_MS = 300;
let searchTimer = 0;

Component({
  properties: {
    /** the chosen org's name, shown until the user picks another */
    label: { type: String, value: '' },
    anyLevel: { type: Boolean, value: false },
    error: { type: String, value: '' },
  },
  data: {
    mode: 'closed' as 'closed' | 'search' | 'browse',
    query: '',
    items: [] as Item[],
    trail: [] as { id: string; name: string }[],
    loading: false,
    message: '',
  },
  methods: {
    selectable(kind: OrgKind): boolean {
      return this.data.anyLevel || kind === 'grassroots';
    },
    onOpenSearch() {
      this.setData({ mode: 'search', items: [], query: '', message: '请输入工会名称中的几个字' });
    },
    async onOpenBrowse() {
      this.setData({ mode: 'browse', items: [], trail: [], message: '' });
      if (!tree) {
        this.setData({ loading: true });
        const r = await call('orgs', 'tree', {});
        this.setData({ loading: false });
        if (!r.ok) return this.setData({ message: r.error.message });
        tree = index(r.data.roots);
      }
      this.showLevel(tree.roots);
    },
    onClose() {
      this.setData({ mode: 'closed', items: [], trail: [] });
    },
    onQuery(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const query = e.detail.value.trim();
      this.setData({ query });
      clearTimeout(searchTimer);
      if (!query) return this.setData({ items: [], message: '请输入工会名称中的几个字' });
      searchTimer = setTimeout(() => this.search(query), SEARCH_DELAY_MS);
    },
    async search(query: string) {
      this.setData({ loading: true });
      const r = await call('orgs', 'search', { query, limit: 20 });
      if (query !== this.data.query) return; // a newer query is on its way
      this.setData({ loading: false });
      if (!r.ok) return this.setData({ items: [], message: r.error.message });
      const items = r.data.hits.map((h) => ({ id: h.id, name: h.name, note: h.pathLabel, branch: false, selectable: this.selectable(h.kind) }));
      this.setData({ items, message: items.length ? '' : '没有找到，换几个字试试，或按层级查找' });
    },
    showLevel(nodes: OrgNode[]) {
      const items = nodes.map((n) => ({
        id: n.id,
        name: n.name,
        note: n.children ? `下属 ${n.children.length} 个` : '',
        branch: !!n.children,
        selectable: this.selectable(n.kind),
      }));
      this.setData({ items, message: items.length ? '' : '这一级下面没有工会' });
    },
    onItem(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      const item = this.data.items.find((i) => i.id === id)!;
      const node = tree?.byId.get(id);
      if (this.data.mode === 'browse' && item.branch && node) {
        this.setData({ trail: [...this.data.trail, { id, name: node.name }] });
        return this.showLevel(node.children ?? []);
      }
      if (item.selectable) this.choose(id, item.name);
    },
    onTrail(e: WechatMiniprogram.BaseEvent) {
      const { index: at } = e.currentTarget.dataset as { index: number };
      const trail = this.data.trail.slice(0, at);
      this.setData({ trail });
      const parent = trail.length ? tree!.byId.get(trail[trail.length - 1].id) : null;
      this.showLevel(parent ? parent.children ?? [] : tree!.roots);
    },
    onChooseLevel() {
      const last = this.data.trail[this.data.trail.length - 1];
      if (last) this.choose(last.id, last.name);
    },
    choose(id: string, name: string) {
      this.setData({ mode: 'closed', items: [], trail: [] });
      this.triggerEvent('change', { id, name });
    },
  },
});
