// The verdict of one row of an authorization table on one caller, shared by every *.authorization test: an
// allowed caller gets the row's allowedCode ('ok', the default, is success), a refused one FORBIDDEN (or the
// code the row names for them); every refusal comes with a message in Chinese.
import type { Result } from '../../typings/api';

export interface Verdict<W extends string> {
  allowed: readonly W[];
  /** what an allowed caller gets: 'ok' (the default), or the code of the deliberately stale or harmless input */
  allowedCode?: string;
  /** what a refused caller gets, where it is not FORBIDDEN */
  refused?: Partial<Record<W, string>>;
}

export function expectVerdict<W extends string>(r: Result<unknown>, who: W, row: Verdict<W>): void {
  const allowed = row.allowed.includes(who);
  const code = allowed ? (row.allowedCode ?? 'ok') : (row.refused?.[who] ?? 'FORBIDDEN');
  if (code === 'ok') expect(r).toMatchObject({ ok: true });
  else expect(r).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
}
