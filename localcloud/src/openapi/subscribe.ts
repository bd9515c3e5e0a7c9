// subscribeMessage.send as WeChat answers it: the known templates (cloudbase/subscribe-templates.json),
// the per-member quota that each tap in wx.requestSubscribeMessage grants and each send uses up, and the
// documented limits on each template field type.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WxResult {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

/** cloudbase/subscribe-templates.json as WeChat sees it: template ids and their field keys (the product's
 *  labels and value mappings are its own business). */
interface TemplatesFile {
  templates: Record<string, { templateId: string; fields: Record<string, unknown> }>;
}

/** template id → field key → field type */
export type Templates = Map<string, Map<string, string>>;

// WeChat's formats: dates as 2019年10月1日 (or 2019-10-01, 2019/10/01), times as 24-hour 15:01; a time
// field may carry a date, a date field a time, and either may be a range joined by "~".
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2})`;
const TIME = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`);

/** Per WeChat's subscribe-message documentation of each field type's value. */
const FIELD_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  character_string: (v) => /^[\x20-\x7e]{1,32}$/.test(v),
  time: (v) => range(`(?:${DATE}\\s*)?${TIME}`).test(v),
  date: (v) => range(`${DATE}(?:\\s*${TIME})?`).test(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => [...v].length <= 8 && /^\p{Script=Han}?[A-Za-z0-9]+\p{Script=Han}?$/u.test(v),
  name: (v) => /^\p{Script=Han}{1,10}$/u.test(v) || /^[A-Za-z .·-]{1,20}$/.test(v),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

const fieldType = (key: string): string | undefined => key.match(/^([a-z_]+?)\d+$/)?.[1];

export function loadTemplates(file: string): Templates {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as TemplatesFile;
  const templates: Templates = new Map();
  for (const [name, t] of Object.entries(parsed.templates ?? {})) {
    const fields = new Map<string, string>();
    for (const key of Object.keys(t.fields)) {
      const type = fieldType(key);
      if (!type || !FIELD_RULES[type]) throw new Error(`${file}: template ${name} field ${key} has no known WeChat type`);
      fields.set(key, type);
    }
    templates.set(t.templateId, fields);
  }
  return templates;
}

/** WeChat appends a request id to every errmsg. */
export const wxError = (errcode: number, message: string): WxResult => ({ errcode, errmsg: `${message} rid: ${randomBytes(12).toString('hex')}` });

/** Not WeChat's exact 28-character shape, so tests may use readable ids, but nothing that could not be one. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/** Quota per member and template, kept in the data dir like the member's real grants would be. */
export class Subscriptions {
  private readonly quota: Record<string, Record<string, number>>;

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.quota = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, number>>) : {};
  }

  of(openid: string): Record<string, number> {
    return { ...this.quota[openid] };
  }

  all(): Record<string, Record<string, number>> {
    return structuredClone(this.quota);
  }

  /** Each member's tap accepting the templates: one more send of each, written once for them all. */
  grant(openids: string[], templateIds: string[]): void {
    for (const openid of openids) {
      const q = (this.quota[openid] ??= {});
      for (const id of templateIds) q[id] = (q[id] ?? 0) + 1;
    }
    this.save();
  }

  /** Makes `quota` the whole of it (a data dir's import or reset). */
  replace(quota: Record<string, Record<string, number>>): void {
    for (const openid of Object.keys(this.quota)) delete this.quota[openid];
    Object.assign(this.quota, structuredClone(quota));
    this.save();
  }

  /** Uses one send of the member's quota; false when there is none. */
  use(openid: string, templateId: string): boolean {
    const left = this.quota[openid]?.[templateId] ?? 0;
    if (left <= 0) return false;
    this.quota[openid][templateId] = left - 1;
    this.save();
    return true;
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.quota));
    fs.renameSync(tmp, this.file);
  }
}

export function sendSubscribeMessage(templates: Templates, subscriptions: Subscriptions, data: Record<string, unknown>): WxResult {
  const { touser, template_id: templateId } = data;
  if (typeof touser !== 'string' || !OPENID.test(touser)) return wxError(40003, 'invalid openid');
  const fields = typeof templateId === 'string' ? templates.get(templateId) : undefined;
  if (!fields) return wxError(40037, 'invalid template_id');
  const values = (data.data ?? {}) as Record<string, { value?: unknown } | undefined>;
  for (const [key, type] of fields) {
    const value = values[key]?.value;
    if (value === undefined || value === null || value === '') return wxError(47003, `argument invalid! data.${key}.value is empty`);
    if (!FIELD_RULES[type](String(value))) return wxError(47003, `argument invalid! data.${key}.value invalid`);
  }
  const unknown = Object.keys(values).find((key) => !fields.has(key));
  if (unknown) return wxError(47003, `argument invalid! data.${unknown} is not a field of template ${templateId}`);
  if (!subscriptions.use(touser, templateId as string)) return wxError(43101, 'user refuse to accept the msg');
  return { errcode: 0, errmsg: 'ok' };
}
