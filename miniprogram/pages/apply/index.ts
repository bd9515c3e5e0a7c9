// 填写申请: a campaign's form rendered from its field definitions (campaigns.get), one control per field type,
// submitted with applications.submit; or, opened with ?applicationId=… for an application returned for
// 补充材料, the same form prefilled from applications.detail and sent with the 'resubmit' transition.
// What the member typed is kept on the phone as a draft (restored when the page opens again, cleared after
// a successful submit). The draft carries the requestKey made once for it, so a double tap or a retry after
// a lost reply makes one application; a busy flag keeps a second tap from sending at all. Photos are
// uploaded as soon as they are picked, with progress; the form sends their file ids. The server checks
// everything and its messages are shown against their fields.
import type { ApplicationDetail, CampaignView, FormField } from '../../../typings/api';
import { call } from '../../services/cloud';
import { fenOfYuan, yuanInput } from '../../services/money';
import { newRequestKey } from '../../services/requestKey';
import { askToSubscribe } from '../../services/subscribe';
import { inSteps, uploadMaterial } from '../../services/upload';
import { largePrint } from '../../services/fontScale';

interface FieldView {
  key: string;
  label: string;
  type: FormField['type'];
  required: boolean;
  hint: string;
  placeholder: string;
  /** t-input's keyboard */
  inputType: string;
  maxlength: number;
  suffix: string;
  options: { value: string; label: string }[];
  /** images: how many files at most */
  max: number;
}

interface ImageItem {
  /** the picked file on the phone, shown while (and after) it uploads */
  path: string;
  fileId: string;
  percent: number;
  failed: boolean;
}

interface Draft {
  requestKey: string;
  values: Record<string, string>;
  images: Record<string, { path: string; fileId: string }[]>;
}

const INPUT_TYPES: Partial<Record<FormField['type'], string>> = {
  number: 'number',
  money: 'digit',
  idCard: 'idcard',
  phone: 'number',
  bankCard: 'number',
};
const MAXLENGTHS: Partial<Record<FormField['type'], number>> = { idCard: 20, phone: 15, bankCard: 23 };
const DEFAULT_IMAGES = 9;

/** What an empty field of a type shows when the campaign gives no example: the format expected. */
const FORMATS: Partial<Record<FormField['type'], string>> = {
  idCard: '18位，末位可能是 X',
  phone: '11位手机号，例如：13800001234',
  bankCard: '银行卡正面的16到19位数字',
  money: '填数字，例如：1500',
  number: '填数字',
};

/** The empty field's text: an example of an answer (or the format), never a bare 必填; 选填 says so. */
function placeholderOf(f: FormField): string {
  const shown = f.example ? `例如：${f.example}` : FORMATS[f.type];
  if (f.required) return shown ?? '请填写';
  return shown ? `选填，${shown}` : '选填，可以不填';
}

function fieldView(f: FormField): FieldView {
  const choose = f.type === 'select' || f.type === 'date';
  return {
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    hint: f.hint ?? '',
    placeholder: choose ? '请选择' : placeholderOf(f),
    inputType: INPUT_TYPES[f.type] ?? 'text',
    maxlength: MAXLENGTHS[f.type] ?? (f.type === 'text' || f.type === 'textarea' ? f.max ?? -1 : -1),
    suffix: f.type === 'money' ? '元' : '',
    options: f.options ?? [],
    max: f.type === 'images' ? f.max ?? DEFAULT_IMAGES : 0,
  };
}

/** The form's values from an application's own answers (money in 分 → the 元 the input shows). */
function prefilled(fields: FormField[], prefill: NonNullable<ApplicationDetail['prefill']>, detail: ApplicationDetail) {
  const values: Record<string, string> = {};
  const images: Record<string, ImageItem[]> = {};
  for (const f of fields) {
    const v = prefill[f.key];
    if (f.type === 'images') {
      const urls = new Map((detail.answers.find((a) => a.key === f.key)?.files ?? []).map((x) => [x.fileId, x.url]));
      images[f.key] = (Array.isArray(v) ? v : []).map((fileId) => ({ path: urls.get(fileId) ?? '', fileId, percent: 100, failed: false }));
    } else if (v !== undefined) {
      values[f.key] = f.type === 'money' && typeof v === 'number' ? yuanInput(v) : String(v);
    }
  }
  return { values, images };
}

/** Server field errors, keyed by the form's field keys ('answers.x' and 'x' alike). */
function fieldErrors(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, message] of Object.entries(fields ?? {})) out[k.replace(/^answers\./, '')] = message;
  return out;
}

Component({
  behaviors: [largePrint],
  properties: {
    /** page query: the campaign to apply to */
    campaignId: { type: String, value: '' },
    /** page query: a returned application to supplement */
    applicationId: { type: String, value: '' },
  },
  data: {
    loaded: false,
    loadError: '',
    title: '',
    /** the officer's comment when the application was returned */
    returnNote: '',
    fields: [] as FieldView[],
    values: {} as Record<string, string>,
    images: {} as Record<string, ImageItem[]>,
    errors: {} as Record<string, string>,
    message: '',
    submitting: false,
    /** made once per draft, kept in it */
    requestKey: '',
    /** supplement: the version of the application the form was prefilled from */
    version: 0,
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    draftKey(): string {
      return this.data.applicationId ? `apply.draft.application.${this.data.applicationId}` : `apply.draft.${this.data.campaignId}`;
    },

    async load() {
      let campaignId = this.data.campaignId;
      let detail: ApplicationDetail | null = null;
      if (this.data.applicationId) {
        const d = await call('applications', 'detail', { applicationId: this.data.applicationId });
        if (!d.ok) return this.setData({ loaded: true, loadError: d.error.message });
        detail = d.data.application;
        if (!detail.actions.includes('resubmit') || !detail.prefill) {
          return this.setData({ loaded: true, loadError: '这份申请现在不需要补充材料' });
        }
        campaignId = detail.campaignId;
      }
      const c = await call('campaigns', 'get', { campaignId });
      if (!c.ok) return this.setData({ loaded: true, loadError: c.error.message });
      this.show(c.data.campaign, detail);
    },

    show(campaign: CampaignView, detail: ApplicationDetail | null) {
      const start = detail?.prefill ? prefilled(campaign.fields, detail.prefill, detail) : { values: {}, images: {} as Record<string, ImageItem[]> };
      const draft = wx.getStorageSync(this.draftKey()) as Draft | '';
      let images = start.images;
      if (draft) {
        images = {};
        for (const [k, list] of Object.entries(draft.images)) images[k] = list.map((i) => ({ ...i, percent: 100, failed: false }));
      }
      const returned = detail ? [...detail.timeline].reverse().find((t) => t.action === 'return') : undefined;
      this.setData({
        loaded: true,
        campaignId: campaign.campaignId,
        requestKey: draft ? draft.requestKey : newRequestKey(),
        version: detail?.version ?? 0,
        title: campaign.title,
        returnNote: returned?.comment ? `退回原因：${returned.comment}` : '',
        fields: campaign.fields.map(fieldView),
        values: draft ? draft.values : start.values,
        images,
      });
    },

    saveDraft() {
      const images: Draft['images'] = {};
      for (const [k, list] of Object.entries(this.data.images)) {
        images[k] = list.filter((i) => i.fileId).map((i) => ({ path: i.path, fileId: i.fileId }));
      }
      const draft: Draft = { requestKey: this.data.requestKey, values: this.data.values, images };
      wx.setStorageSync(this.draftKey(), draft);
    },

    setValue(key: string, value: string) {
      this.setData({ [`values.${key}`]: value, [`errors.${key}`]: '' });
      this.saveDraft();
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setValue(e.currentTarget.dataset.key as string, e.detail.value);
    },
    onSelect(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setValue(e.currentTarget.dataset.key as string, e.detail.value);
    },
    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setValue(e.currentTarget.dataset.key as string, e.detail.value);
    },

    async onAddImages(e: WechatMiniprogram.BaseEvent) {
      const key = e.currentTarget.dataset.key as string;
      const field = this.data.fields.find((f) => f.key === key);
      const have = this.data.images[key] ?? [];
      if (!field || have.length >= field.max) return;
      let picked: string[];
      try {
        const res = await wx.chooseMedia({ count: field.max - have.length, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
        picked = res.tempFiles.map((f) => f.tempFilePath);
      } catch {
        return; // the member closed the picker
      }
      const start = have.length;
      this.setData({
        [`images.${key}`]: [...have, ...picked.map((path) => ({ path, fileId: '', percent: 0, failed: false }))],
        [`errors.${key}`]: '',
      });
      await Promise.all(picked.map((path, i) => this.upload(key, start + i, path)));
    },

    /** Uploads one picked file into the item at `index`, showing progress in steps of 10%. */
    async upload(key: string, index: number, path: string) {
      const at = `images.${key}[${index}]`;
      const r = await uploadMaterial(
        path,
        inSteps((percent) => {
          if (this.data.images[key]?.[index]?.path === path) this.setData({ [`${at}.percent`]: percent });
        }),
        this.data.campaignId,
      );
      if (this.data.images[key]?.[index]?.path !== path) return; // removed meanwhile
      this.setData(r.ok ? { [`${at}.fileId`]: r.data.fileId, [`${at}.percent`]: 100 } : { [`${at}.failed`]: true });
      if (r.ok) this.saveDraft();
    },
    onRetryImage(e: WechatMiniprogram.BaseEvent) {
      const { key, index } = e.currentTarget.dataset as { key: string; index: number };
      const item = this.data.images[key][index];
      this.setData({ [`images.${key}[${index}].failed`]: false, [`images.${key}[${index}].percent`]: 0 });
      this.upload(key, index, item.path);
    },
    onRemoveImage(e: WechatMiniprogram.BaseEvent) {
      const { key, index } = e.currentTarget.dataset as { key: string; index: number };
      this.setData({ [`images.${key}`]: this.data.images[key].filter((_, i) => i !== index) });
      this.saveDraft();
    },

    /** The answers to send, or the fields whose entry cannot be one (a money amount that is not 元). */
    answers(): { answers: Record<string, unknown>; errors: Record<string, string> } {
      const answers: Record<string, unknown> = {};
      const errors: Record<string, string> = {};
      for (const f of this.data.fields) {
        if (f.type === 'images') {
          const ids = (this.data.images[f.key] ?? []).map((i) => i.fileId).filter(Boolean);
          if (ids.length) answers[f.key] = ids;
          continue;
        }
        const text = (this.data.values[f.key] ?? '').trim();
        if (!text) continue;
        if (f.type === 'money') {
          const fen = fenOfYuan(text);
          if (fen === null) errors[f.key] = '请填写金额，如 1500 或 1500.50';
          else answers[f.key] = fen;
        } else if (f.type === 'number') {
          if (/^\d{1,15}$/.test(text)) answers[f.key] = Number(text);
          else errors[f.key] = `${f.label}请填写整数`;
        } else answers[f.key] = text;
      }
      return { answers, errors };
    },

    async onSubmit() {
      if (this.data.submitting) return;
      askToSubscribe(['applicationStatus']);
      const all = ([] as ImageItem[]).concat(...Object.values(this.data.images));
      if (all.some((i) => i.failed)) return this.setData({ message: '有照片没有传上去，请点“重试”或删掉后重新选择' });
      if (all.some((i) => !i.fileId)) return this.setData({ message: '照片还在上传，请稍等' });
      const { answers, errors } = this.answers();
      if (Object.keys(errors).length) return this.setData({ errors, message: '填写的内容有误，请按提示修改' });
      this.setData({ submitting: true, message: '', errors: {} });
      const r = this.data.applicationId
        ? await call('applications', 'act', { applicationId: this.data.applicationId, version: this.data.version, transition: 'resubmit', answers })
        : await call('applications', 'submit', { campaignId: this.data.campaignId, requestKey: this.data.requestKey, answers });
      if (!r.ok) return this.setData({ submitting: false, message: r.error.message, errors: fieldErrors(r.error.fields) });
      wx.removeStorageSync(this.draftKey());
      // stays busy: the page is being replaced by the application's
      wx.redirectTo({ url: `/pages/application/index?applicationId=${r.data.application.applicationId}` });
    },
  },
});
