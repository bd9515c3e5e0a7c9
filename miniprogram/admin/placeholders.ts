// A kind's headline and report sentence have placeholders ({childName}, {people}) the server fills in. The
// officer reads and writes them by name ({子女姓名}, {人次}): the page turns names into keys when it sends and
// keys into names when it shows. A key typed as it is stays a key.
import { SENTENCE_PLACEHOLDERS } from '../../typings/api';

export interface Placeholder {
  key: string;
  name: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The sentence's placeholders by name. */
export const SENTENCE_NAMES: Placeholder[] = Object.entries(SENTENCE_PLACEHOLDERS).map(([key, name]) => ({ key, name }));

/** A headline's placeholders: the form's fields by their names (photos cannot be written in a line), and
 *  the applicant. */
export const headlineNames = (fields: readonly { key: string; label: string; type: string }[]): Placeholder[] => [
  ...fields.filter((f) => f.label.trim() && f.type !== 'images').map((f) => ({ key: f.key, name: f.label.trim() })),
  { key: 'applicant', name: '申请人' },
];

/** The text with each {key} written as its {name}; a placeholder of no known key as it is. */
export function byNames(text: string, names: readonly Placeholder[]): string {
  return text.replace(PLACEHOLDER, (m, key: string) => {
    const p = names.find((x) => x.key === key);
    return p ? `{${p.name}}` : m;
  });
}

/** The text with each {name} (or {key}) written as its {key}, or the first placeholder that is neither. */
export function byKeys(text: string, names: readonly Placeholder[]): { ok: true; text: string } | { ok: false; unknown: string } {
  let unknown: string | null = null;
  const out = text.replace(PLACEHOLDER, (m, written: string) => {
    const w = written.trim();
    const p = names.find((x) => x.name === w) ?? names.find((x) => x.key === w);
    if (!p) unknown ??= written;
    return p ? `{${p.key}}` : m;
  });
  return unknown === null ? { ok: true, text: out } : { ok: false, unknown };
}

/** What may be written, for a hint: {子女姓名}{录取学校}… */
export const namesList = (names: readonly Placeholder[]): string => names.map((p) => `{${p.name}}`).join('');

/** The text as written once the names changed from `before` to `after` (a field renamed): each placeholder
 *  follows its key; a text with a placeholder of neither as it is. */
export function renamed(text: string, before: readonly Placeholder[], after: readonly Placeholder[]): string {
  const keyed = byKeys(text, before);
  return keyed.ok ? byNames(keyed.text, after) : text;
}
