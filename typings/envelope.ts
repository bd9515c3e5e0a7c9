// The result envelope every cloud-function action returns, shared by the mini-program and the functions.

/** Stable English constants; the `message` beside them is plain Chinese for the member. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'NOT_REGISTERED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'WINDOW_CLOSED'
  | 'INELIGIBLE'
  | 'BUDGET_EXHAUSTED'
  | 'INVALID_STATE'
  /** held until something else happens first (公示 not over, an objection open): nothing to fix in the input */
  | 'ON_HOLD'
  /** the last admin of a scope cannot be revoked: grant another admin there first */
  | 'LAST_ADMIN'
  | 'RATE_LIMITED'
  /** more data than one call can handle within its time limit (an export): narrow it down and retry */
  | 'TOO_LARGE'
  | 'UNKNOWN_ACTION'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** form field → message, for showing errors against their fields */
  fields?: Record<string, string>;
  /** the request id to quote to support, on INTERNAL */
  requestId?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };
