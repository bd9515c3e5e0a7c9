// 发布通知 (staff): title (with its counter), text, an optional link (a campaign's application form or one of
// NOTICE_LINK_PAGES), the audience — 全部会员 (the staff's root org), an org of their scope, or a campaign's
// applicants (notices.composeOptions) — and whether to push it to the 订阅号 too. 预览 (notices.preview) shows
// the notice as members will see it and how many members it reaches; 发布 (notices.publish) is offered only
// under a preview of what is on the form now, is guarded against a second tap, and sends the requestKey made
// once for the page, so a retry after a lost reply publishes one notice. The server checks everything; its
// messages are shown against their fields.
import { NOTICE_LIMITS, NOTICE_LINK_PAGES } from '../../../typings/api';
import type { ComposeOptions, NoticeDraft, NoticeLinkPage } from '../../../typings/api';
import { call } from '../../services/cloud';
import { newRequestKey } from '../../services/requestKey';
import { largePrint } from '../../services/fontScale';

type AudienceKind = 'all' | 'org' | 'campaign';
type LinkKind = 'none' | 'campaign' | 'page';

interface Form {
  title: string;
  body: string;
  audienceKind: AudienceKind;
  orgId: string;
  audienceCampaignId: string;
  linkKind: LinkKind;
  linkCampaignId: string;
  linkPage: NoticeLinkPage | '';
  pushToAccount: boolean;
}

/** The fields the server's messages are shown against. */
const FIELDS = ['title', 'body', 'link', 'audience', 'pushToAccount'] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

/** Server field errors ('draft.audience.orgId', 'title'…) keyed by the form's fields; the rest in `other`. */
function fieldErrors(fields: Record<string, string> | undefined): { errors: Errors; other: string } {
  const errors: Errors = {};
  let other = '';
  for (const [k, message] of Object.entries(fields ?? {})) {
    const field = k.replace(/^draft\./, '').split('.')[0] as (typeof FIELDS)[number];
    if (FIELDS.includes(field)) errors[field] = errors[field] ?? message;
    else other = other || message;
  }
  return { errors, other };
}

const EMPTY_FORM: Form = {
  title: '',
  body: '',
  audienceKind: 'all',
  orgId: '',
  audienceCampaignId: '',
  linkKind: 'none',
  linkCampaignId: '',
  linkPage: '',
  pushToAccount: false,
};

Component({
  behaviors: [largePrint],
  data: {
    loaded: false,
    loadError: '',
    limits: NOTICE_LIMITS,
    linkPages: Object.entries(NOTICE_LINK_PAGES).map(([page, label]) => ({ page, label })),
    /** the orgs to address, indented by depth for the picker */
    orgs: [] as { orgId: string; label: string }[],
    /** each campaign named with its service kind (冬送温暖 · 2026年冬送温暖) */
    campaigns: [] as (ComposeOptions['campaigns'][number] & { label: string })[],
    /** 全部会员: the staff's root org */
    root: null as null | { orgId: string; name: string },
    form: EMPTY_FORM,
    /** the names of what the pickers picked */
    chosen: { org: '', audienceCampaign: '', linkCampaign: '' },
    errors: {} as Errors,
    message: '',
    previewing: false,
    preview: null as null | { title: string; from: string; body: string; linkLabel: string; audience: number; audienceLabel: string },
    publishing: false,
    requestKey: '',
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await call('notices', 'composeOptions', {});
      if (!r.ok) return this.setData({ loaded: true, loadError: r.error.message });
      const { orgs, campaigns } = r.data;
      if (!orgs.length) return this.setData({ loaded: true, loadError: '您没有可以发通知的组织' });
      this.setData({
        loaded: true,
        requestKey: newRequestKey(),
        orgs: orgs.map((o) => ({ orgId: o.orgId, label: `${'　'.repeat(o.depth)}${o.name}` })),
        campaigns: campaigns.map((c) => ({ ...c, label: c.title.includes(c.kindLabel) ? c.title : `${c.kindLabel} · ${c.title}` })),
        root: { orgId: orgs[0].orgId, name: orgs[0].name },
      });
    },

    /** Changes the form (and the picked names shown): the preview no longer shows it, the field's message goes. */
    change(patch: Partial<Form>, field: keyof Errors, chosen: Record<string, string> = {}) {
      const data: Record<string, unknown> = { preview: null, message: '', [`errors.${field}`]: '' };
      for (const [k, v] of Object.entries(patch)) data[`form.${k}`] = v;
      for (const [k, v] of Object.entries(chosen)) data[`chosen.${k}`] = v;
      this.setData(data);
    },
    onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.change({ title: e.detail.value }, 'title');
    },
    onBody(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.change({ body: e.detail.value }, 'body');
    },
    onAudienceKind(e: WechatMiniprogram.BaseEvent) {
      this.change({ audienceKind: e.currentTarget.dataset.kind as AudienceKind }, 'audience');
    },
    onOrgPick(e: WechatMiniprogram.CustomEvent<{ value: number | string }>) {
      const org = this.data.orgs[Number(e.detail.value)];
      if (org) this.change({ orgId: org.orgId }, 'audience', { org: org.label.trim() });
    },
    onAudienceCampaignPick(e: WechatMiniprogram.CustomEvent<{ value: number | string }>) {
      const c = this.data.campaigns[Number(e.detail.value)];
      if (c) this.change({ audienceCampaignId: c.campaignId }, 'audience', { audienceCampaign: c.label });
    },
    onLinkKind(e: WechatMiniprogram.BaseEvent) {
      this.change({ linkKind: e.currentTarget.dataset.kind as LinkKind }, 'link');
    },
    onLinkCampaignPick(e: WechatMiniprogram.CustomEvent<{ value: number | string }>) {
      const c = this.data.campaigns[Number(e.detail.value)];
      if (c) this.change({ linkCampaignId: c.campaignId }, 'link', { linkCampaign: c.label });
    },
    onLinkPage(e: WechatMiniprogram.BaseEvent) {
      this.change({ linkPage: e.currentTarget.dataset.page as NoticeLinkPage }, 'link');
    },
    onPush(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.change({ pushToAccount: e.detail.value }, 'pushToAccount');
    },

    /** The draft on the form, or the pickers left unpicked. */
    draft(): { draft: NoticeDraft } | { errors: Errors } {
      const f = this.data.form;
      const errors: Errors = {};
      let audience: NoticeDraft['audience'] | null = null;
      if (f.audienceKind === 'all') audience = { kind: 'org', orgId: this.data.root!.orgId };
      else if (f.audienceKind === 'org') audience = f.orgId ? { kind: 'org', orgId: f.orgId } : null;
      else audience = f.audienceCampaignId ? { kind: 'campaign', campaignId: f.audienceCampaignId } : null;
      if (!audience) errors.audience = f.audienceKind === 'org' ? '请选择发给哪个组织' : '请选择发给哪个活动的申请人';
      let link: NoticeDraft['link'] = null;
      if (f.linkKind === 'campaign') {
        if (f.linkCampaignId) link = { kind: 'campaign', campaignId: f.linkCampaignId };
        else errors.link = '请选择链接到哪个活动';
      } else if (f.linkKind === 'page') {
        if (f.linkPage) link = { kind: 'page', page: f.linkPage };
        else errors.link = '请选择链接到哪个页面';
      }
      if (Object.keys(errors).length) return { errors };
      return { draft: { title: f.title, body: f.body, link, audience: audience!, pushToAccount: f.pushToAccount } };
    },

    async onPreview() {
      if (this.data.previewing || this.data.publishing) return;
      const d = this.draft();
      if ('errors' in d) return this.setData({ errors: d.errors, message: '请按红字提示修改' });
      this.setData({ previewing: true, message: '', errors: {}, preview: null });
      const r = await call('notices', 'preview', { draft: d.draft });
      if (!r.ok) {
        const { errors, other } = fieldErrors(r.error.fields);
        return this.setData({ previewing: false, errors, message: other || r.error.message });
      }
      const n = r.data.notice;
      this.setData({
        previewing: false,
        preview: { title: n.title, from: n.orgName, body: n.body, linkLabel: n.link?.label ?? '', audience: r.data.audience, audienceLabel: r.data.audienceLabel },
      });
    },

    async onPublish() {
      if (this.data.publishing || !this.data.preview) return;
      const d = this.draft();
      if ('errors' in d) return this.setData({ errors: d.errors, message: '请按红字提示修改' });
      this.setData({ publishing: true, message: '' });
      const r = await call('notices', 'publish', { requestKey: this.data.requestKey, draft: d.draft });
      if (!r.ok) {
        const { errors, other } = fieldErrors(r.error.fields);
        return this.setData({ publishing: false, errors, message: other || r.error.message });
      }
      // stays busy: back to the list, which shows the new notice and its delivery
      wx.showToast({ title: '已发布', icon: 'success' });
      wx.navigateBack();
    },
  },
});
