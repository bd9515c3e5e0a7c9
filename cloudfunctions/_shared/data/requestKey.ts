// Retried requests: a form on the phone carries a requestKey made once, and the record the request creates
// takes an id derived from the caller and that key, so a retry finds the record already made instead of
// making a second one.
import { createHash } from 'node:crypto';
import { z } from '../validation';

export const requestKeyInput = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求标识不对，请重新打开表单' });

/** The id of the record `openid` creates with `requestKey`, e.g. 'app-…' or 'case-…'. */
export function idForRequest(prefix: 'app' | 'case' | 'notice' | 'draw' | 'pub' | 'obj', openid: string, requestKey: string): string {
  return `${prefix}-${createHash('sha256').update(`${openid}:${requestKey}`, 'utf8').digest('hex').slice(0, 24)}`;
}
