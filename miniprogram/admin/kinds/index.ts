// 服务类型 (federation officers): the service kinds their federation may run — the built-ins and its own —
// each with who applies, how it is settled and counted, and the sentence it reports (campaigns.kinds). From
// a kind: a new campaign of it (admin/campaign), a new kind starting from it, or, for the federation's own
// kinds, its editor (admin/kind). A new kind is seen by its federation's subtree and needs no release.
import { PEOPLE_RULE_LABELS, SETTLE_LABELS, SUBJECT_LABELS } from '../../../typings/api';
import type { ServiceKindView } from '../../../typings/api';
import { call } from '../../services/cloud';
import { largePrint } from '../../services/fontScale';
import { openPage } from '../../services/ui';
import { byNames, SENTENCE_NAMES } from '../placeholders';

function card(k: ServiceKindView) {
  return {
    kindId: k.kindId,
    label: k.label,
    icon: k.icon,
    description: k.description,
    owner: k.builtin ? '系统内置' : `${k.orgName}自建`,
    rules: `${SUBJECT_LABELS[k.subject.type]} · ${SETTLE_LABELS[k.settle.mode]} · ${PEOPLE_RULE_LABELS[k.counting.people.by]}`,
    sentence: byNames(k.sentence, SENTENCE_NAMES),
    editable: k.editable,
  };
}

const go = (url: string, id: string) => openPage(`${url}${encodeURIComponent(id)}`);

Component({
  behaviors: [largePrint],
  data: { kinds: [] as ReturnType<typeof card>[], loaded: false, error: '' },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  pageLifetimes: {
    show() {
      // Back from the editor: show what was saved.
      if (this.data.loaded) this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('campaigns', 'kinds', {});
      this.setData({ loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ kinds: r.data.items.map(card), error: '' });
    },
    onNewKind() {
      openPage('/admin/kind/index');
    },
    onCampaign(e: WechatMiniprogram.BaseEvent) {
      go('/admin/campaign/index?kindId=', (e.currentTarget.dataset as { id: string }).id);
    },
    onCopy(e: WechatMiniprogram.BaseEvent) {
      go('/admin/kind/index?from=', (e.currentTarget.dataset as { id: string }).id);
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      go('/admin/kind/index?kindId=', (e.currentTarget.dataset as { id: string }).id);
    },
  },
});
