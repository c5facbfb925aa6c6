/** Error codes that cross the boundary between main and the renderer. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNKNOWN_CHANNEL'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

/** What every contract call returns: handlers never throw across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
