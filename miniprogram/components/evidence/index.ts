// Evidence for a legal-aid case: photos (camera or album) and PDF files (sent in a WeChat chat), each uploaded
// into the caller's folder as soon as it is picked, with progress in steps of 10%; a file that did not go up is
// marked and goes up again on 重试. After every change it tells the page (event `change`): the files that are
// up (their ids, with the phone path and name to show them again from a draft), and whether any is still
// uploading or failed, which the page uses to hold back 提交.
import { inSteps, uploadMaterial } from '../../services/upload';

export interface EvidenceFile {
  /** the picked file on the phone */
  path: string;
  fileId: string;
  kind: 'image' | 'pdf';
  /** a PDF's file name, shown in place of a picture */
  name: string;
}

interface Item extends EvidenceFile {
  percent: number;
  failed: boolean;
}

export interface EvidenceChange {
  files: EvidenceFile[];
  uploading: boolean;
  failed: boolean;
}

Component({
  properties: {
    /** files already up (a draft on the phone), shown when the component attaches */
    initial: { type: Array, value: [] as EvidenceFile[] },
    max: { type: Number, value: 9 },
    /** the folder under the caller's upload prefix */
    folder: { type: String, value: 'cases' },
  },
  data: {
    items: [] as Item[],
  },
  lifetimes: {
    attached() {
      const initial = this.data.initial as EvidenceFile[];
      if (initial.length) this.setData({ items: initial.map((f) => ({ ...f, percent: 100, failed: false })) });
    },
  },
  methods: {
    report() {
      const items = this.data.items;
      const change: EvidenceChange = {
        files: items.filter((i) => i.fileId).map(({ path, fileId, kind, name }) => ({ path, fileId, kind, name })),
        uploading: items.some((i) => !i.fileId && !i.failed),
        failed: items.some((i) => i.failed),
      };
      this.triggerEvent('change', change);
    },
    async onAddPhotos() {
      const room = this.data.max - this.data.items.length;
      if (room <= 0) return;
      try {
        const res = await wx.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
        this.add(res.tempFiles.map((f) => ({ path: f.tempFilePath, kind: 'image' as const, name: '' })));
      } catch {
        // closed the picker
      }
    },
    async onAddPdf() {
      const room = this.data.max - this.data.items.length;
      if (room <= 0) return;
      try {
        const res = await wx.chooseMessageFile({ count: room, type: 'file', extension: ['pdf'] });
        this.add(res.tempFiles.map((f) => ({ path: f.path, kind: 'pdf' as const, name: f.name })));
      } catch {
        // closed the picker
      }
    },
    add(picked: { path: string; kind: 'image' | 'pdf'; name: string }[]) {
      const start = this.data.items.length;
      const patch: Record<string, Item> = {};
      picked.forEach((p, i) => (patch[`items[${start + i}]`] = { ...p, fileId: '', percent: 0, failed: false }));
      this.setData(patch);
      this.report();
      picked.forEach((p, i) => this.upload(start + i, p.path));
    },
    async upload(index: number, path: string) {
      const at = `items[${index}]`;
      const r = await uploadMaterial(
        path,
        inSteps((percent) => {
          if (this.data.items[index]?.path === path) this.setData({ [`${at}.percent`]: percent });
        }),
        this.data.folder,
      );
      if (this.data.items[index]?.path !== path) return; // removed meanwhile
      this.setData(r.ok ? { [`${at}.fileId`]: r.data.fileId, [`${at}.percent`]: 100 } : { [`${at}.failed`]: true });
      this.report();
    },
    onRetry(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const item = this.data.items[index];
      this.setData({ [`items[${index}].failed`]: false, [`items[${index}].percent`]: 0 });
      this.report();
      this.upload(index, item.path);
    },
    onRemove(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      this.setData({ items: this.data.items.filter((_, i) => i !== index) });
      this.report();
    },
  },
});
