// Subscribe-message templates as configuration (cloudbase/subscribe-templates.json) and the one rule that
// turns an outbox message into a template's data within WeChat's field limits: text goes only into thing
// fields, cut to 20 characters (19 and '…'), so messages put their news first (subject, then brief);
// a phrase field (≤ 5 Han characters) shows only the message's status phrase, a number field only its
// count; time and date fields get the message's time in Asia/Shanghai. A field type no message property
// always fits (name, amount…) may show none, and a file that maps one is refused when it is loaded.
import config from '../../../cloudbase/subscribe-templates.json';
import type { TemplateKey } from '../../../typings/api';
import { SEND_TOPICS, type SendTopic } from './messageTopics';
import { dayjs, shanghaiDate, UNION_TZ } from './shanghaiTime';

export const TEMPLATE_KEYS = ['applicationStatus', 'reviewTask', 'noticePublished'] as const satisfies readonly TemplateKey[];

/** The message properties a field may show. */
export const SOURCES = ['title', 'body', 'subject', 'brief', 'orgName', 'phrase', 'count', 'time', 'date'] as const;
export type Source = (typeof SOURCES)[number];

/** Which sources always fit each field type; a type not listed fits none. */
const FITS: Record<string, readonly Source[]> = {
  thing: ['title', 'body', 'subject', 'brief', 'orgName', 'time', 'date'],
  phrase: ['phrase'],
  number: ['count'],
  time: ['time'],
  date: ['date', 'time'],
};

export const THING_MAX = 20;
/** WeChat's phrase: 1 to 5 Han characters, nothing else. */
export const PHRASE = /^\p{Script=Han}{1,5}$/u;
const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const;

export interface Template {
  key: TemplateKey;
  templateId: string;
  title: string;
  /** field key (thing1…) → the source it shows */
  fields: Record<string, Source>;
}

export interface SubscribeTemplates {
  miniprogramState: (typeof MINIPROGRAM_STATES)[number];
  byKey: Record<TemplateKey, Template>;
  byTopic: Record<SendTopic, Template>;
}

/** What a message offers its template. */
export interface MessageFacts {
  /** the inbox's title and body */
  title: string;
  body: string;
  /** what the message is about, e.g. 2026年金秋助学申请 (a template's 办理事项; the title when absent) */
  subject?: string;
  /** the news in a few words, first things first (a template's 备注; the body when absent) */
  brief?: string;
  /** the status in ≤ 5 Han characters, e.g. 已受理 */
  phrase?: string;
  /** how many things wait (a digest's count) */
  count?: number;
  orgName?: string;
  createdAt: Date;
}

const fieldType = (key: string): string | undefined => key.match(/^([a-z_]+?)\d+$/)?.[1];
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const includes = <T extends string>(list: readonly T[], v: unknown): v is T => (list as readonly unknown[]).includes(v);

/** Reads the templates file's content; throws naming the first thing wrong with it. */
export function parseTemplates(file: unknown): SubscribeTemplates {
  const bad = (why: string): never => {
    throw new Error(`subscribe-templates.json: ${why}`);
  };
  const root = (file ?? {}) as { miniprogramState?: unknown; templates?: Record<string, unknown> };
  if (!includes(MINIPROGRAM_STATES, root.miniprogramState)) bad(`miniprogramState must be one of ${MINIPROGRAM_STATES.join(', ')}`);
  const templates = root.templates ?? {};
  const extra = Object.keys(templates).filter((k) => !includes(TEMPLATE_KEYS, k));
  if (extra.length) bad(`unknown templates ${extra.join(', ')}`);
  const byKey = {} as Record<TemplateKey, Template>;
  const byTopic: Partial<Record<SendTopic, Template>> = {};
  for (const key of TEMPLATE_KEYS) {
    const t = templates[key] as { templateId?: unknown; title?: unknown; topics?: unknown; fields?: unknown } | undefined;
    if (!t) bad(`template ${key} is missing`);
    if (!isString(t!.templateId) || !isString(t!.title)) bad(`template ${key} needs templateId and title`);
    const fields: Record<string, Source> = {};
    const declared = (t!.fields ?? {}) as Record<string, { label?: unknown; value?: unknown }>;
    if (!Object.keys(declared).length) bad(`template ${key} has no fields`);
    for (const [field, f] of Object.entries(declared)) {
      const type = fieldType(field);
      if (!isString(f?.label)) bad(`${key}.${field} needs a label`);
      if (!includes(SOURCES, f?.value)) bad(`${key}.${field} shows ${String(f?.value)}, not one of ${SOURCES.join(', ')}`);
      if (!type || !(FITS[type] ?? []).includes(f.value as Source)) bad(`${key}.${field}: a ${type ?? 'field of unknown type'} cannot always hold the message's ${String(f.value)}`);
      fields[field] = f.value as Source;
    }
    const template: Template = { key, templateId: t!.templateId as string, title: t!.title as string, fields };
    if (!Array.isArray(t!.topics)) bad(`template ${key} needs topics (possibly [])`);
    for (const topic of t!.topics as unknown[]) {
      if (!includes(SEND_TOPICS, topic)) bad(`${key}: ${String(topic)} is not a topic the drain sends`);
      if (byTopic[topic as SendTopic]) bad(`topic ${String(topic)} has two templates`);
      byTopic[topic as SendTopic] = template;
    }
    byKey[key] = template;
  }
  const orphans = SEND_TOPICS.filter((topic) => !byTopic[topic]);
  if (orphans.length) bad(`no template for topics ${orphans.join(', ')}`);
  return { miniprogramState: root.miniprogramState as SubscribeTemplates['miniprogramState'], byKey, byTopic: byTopic as Record<SendTopic, Template> };
}

/** The product's templates, checked when a function loads. */
export const SUBSCRIBE_TEMPLATES = parseTemplates(config);

/** Text for a thing field: whitespace runs become one space, and over 20 characters it ends in '…'. */
export function thingValue(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > THING_MAX ? chars.slice(0, THING_MAX - 1).join('') + '…' : chars.join('');
}

/** A message's value for a source; '' when it has none (a phrase that is no phrase counts as none). */
function sourceValue(source: Source, m: MessageFacts): string {
  switch (source) {
    case 'time':
      return dayjs(m.createdAt).tz(UNION_TZ).format('YYYY-MM-DD HH:mm');
    case 'date':
      return shanghaiDate(m.createdAt);
    case 'subject':
      return m.subject || m.title;
    case 'brief':
      return m.brief || m.body;
    case 'phrase':
      return m.phrase && PHRASE.test(m.phrase) ? m.phrase : '';
    case 'count':
      return typeof m.count === 'number' && Number.isInteger(m.count) && m.count >= 0 ? String(m.count) : '';
    default:
      return m[source] ?? '';
  }
}

export type TemplateData = Record<string, { value: string }>;

/** The data of `template` for a message, or the first field the message has no value for. */
export function templateData(template: Template, m: MessageFacts): { ok: true; data: TemplateData } | { ok: false; field: string } {
  const data: TemplateData = {};
  for (const [field, source] of Object.entries(template.fields)) {
    const raw = sourceValue(source, m);
    const value = fieldType(field) === 'thing' ? thingValue(raw) : raw;
    if (!value) return { ok: false, field };
    data[field] = { value };
  }
  return { ok: true, data };
}
