// The wire format of document values: the SDK sends EJSON strings (canonical, so dates are
// {$date:{$numberLong}} and db.serverDate() is {$tcb_server_date:{offset}}) and parses the answer with
// EJSON.parse. Inside localcloud documents are plain JS values (Date, number, string, ...), which is what
// nedb stores and mingo queries.
import { BSONRegExp, Decimal128, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The value at a dot path (`meta.color`, `items.0.qty`), undefined when absent. */
export const valueAt = (doc: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);

/** EJSON types to JS values; `$tcb_server_date` to the server's clock plus its offset (ms). */
function toNative(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => toNative(x, now));
  if (v instanceof Date) return v;
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, [...v.options].filter((f) => 'imsu'.includes(f)).join(''));
  if (v instanceof Long) return v.toNumber(); // precision beyond 2^53 is lost: documented limit
  if (v instanceof Double || v instanceof Int32) return v.valueOf();
  if (v instanceof Decimal128) return Number(v.toString());
  if (v instanceof ObjectId) return v.toHexString();
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((v.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0);
    if (!Number.isFinite(offset)) throw invalidParam('serverDate offset must be a number');
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = toNative(v[k], now);
  return out;
}

/** One request parameter that the SDK sends as an EJSON string (older SDKs send the object itself). */
export function decodeParam(value: unknown, name: string, now: number): unknown {
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? EJSON.parse(value, { relaxed: true }) : EJSON.deserialize(value as Doc, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${name} is not valid EJSON: ${(e as Error).message}`);
  }
  return toNative(parsed, now);
}

export function decodeObject(value: unknown, name: string, now: number): Doc {
  const v = decodeParam(value, name, now);
  if (!isPlainObject(v)) throw invalidParam(`${name} must be an object`);
  return v;
}

export const encodeValue = (v: unknown): string => EJSON.stringify(v, { relaxed: false });

/** For the journal: a JSON-safe form of documents that keeps their types, and back. */
export const serializeValue = (v: unknown): unknown => EJSON.serialize(v, { relaxed: false });
export const deserializeValue = (v: unknown): unknown => toNative(EJSON.deserialize(v as Doc, { relaxed: true }), Date.now());
