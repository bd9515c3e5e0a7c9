// The order of index keys: MongoDB's comparison order across BSON types (missing and null first, then
// numbers, strings, objects, arrays, booleans, dates, regular expressions), and within a type the
// natural order. MIN and MAX sort before and after every value: they make the ends of key ranges.
import { encodeValue } from './ejson';

export const MIN = Symbol('MinKey');
export const MAX = Symbol('MaxKey');

function rank(v: unknown): number {
  if (v === MIN) return 0;
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (v === MAX) return 127;
  return 4; // objects (and anything else)
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2:
    case 3:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 8:
      return Number(a) - Number(b);
    case 9:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    case 4:
    case 11: {
      const x = a instanceof RegExp ? String(a) : encodeValue(a);
      const y = b instanceof RegExp ? String(b) : encodeValue(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return 0;
  }
}
