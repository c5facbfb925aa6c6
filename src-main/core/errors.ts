import type { ErrorCode } from '../../src-shared/result';

/** An expected failure with a code the renderer and CLI can act on; its message is shown to users. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
