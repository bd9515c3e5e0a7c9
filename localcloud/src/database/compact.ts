// The store's own copy of each document, made to take little memory: a million-record world holds
// millions of them. nedb's copy (model.deepCopy) adds properties one by one under computed names, which
// makes V8 keep any object of more than about 16 fields as a hash table (several times the size of a
// plain object); a spread copy keeps the fields in place and shares one hidden class among documents of
// one shape. Strings recur across documents (org ids and paths, statuses, campaign ids, openids): each
// stored document refers to one copy of each short string, through a table that is emptied when full
// (so values no longer stored are not kept for ever, at the price of a second copy after a reset).
import { Doc } from './ejson';

/** Longer strings are rarely repeated (free text, encrypted personal data): they are kept as they come. */
const MAX_SHARED_LENGTH = 64;
const TABLE_LIMIT = 1 << 20;
const table = new Map<string, string>();

function share(s: string): string {
  if (s.length > MAX_SHARED_LENGTH) return s;
  const known = table.get(s);
  if (known !== undefined) return known;
  if (table.size >= TABLE_LIMIT) table.clear();
  table.set(s, s);
  return s;
}

const isDate = (v: object): boolean => Object.prototype.toString.call(v) === '[object Date]';

/**
 * A deep copy with the values nedb's deepCopy gives (the stored copy must not change what is stored):
 * dates shared, arrays and objects copied (any object as its own enumerable fields), anything else but
 * strings, numbers, booleans and null becomes undefined.
 */
function copy(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
      return share(v);
    case 'number':
    case 'boolean':
      return v;
    case 'object':
      if (v === null || isDate(v)) return v;
      if (Array.isArray(v)) return v.map(copy);
      return copyFields({ ...v });
    default:
      return undefined;
  }
}

function copyFields(out: Doc): Doc {
  for (const k of Object.keys(out)) out[k] = copy(out[k]);
  return out;
}

/** The copy the store keeps of a document it is given, under the _id it is stored by. */
export const storedCopy = (doc: Doc, id: unknown): Doc => copyFields({ ...doc, _id: id });

/** Shares the strings of a document the store already owns (one read from a datafile), in place. */
export function shareStrings(v: unknown): unknown {
  if (typeof v === 'string') return share(v);
  if (v === null || typeof v !== 'object' || isDate(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = shareStrings(v[i]);
  } else {
    for (const k of Object.keys(v)) (v as Doc)[k] = shareStrings((v as Doc)[k]);
  }
  return v;
}
