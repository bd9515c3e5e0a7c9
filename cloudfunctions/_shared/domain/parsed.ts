/** Outcome of parsing what a member typed: the normalized value, or a plain Chinese message for the form. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
