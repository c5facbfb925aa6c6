import { AppError } from '../errors';

/** Why a FluxOS API call failed. */
export type FluxosErrorCode = 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE' | 'API_ERROR' | 'TOO_LARGE';

/** Extra facts about a failed call; nothing here ever holds a credential. */
export interface FluxosErrorDetails {
  /** `host:port` or the public API origin. */
  endpoint: string;
  /** Route path, e.g. `/daemon/getinfo`. */
  route: string;
  httpStatus?: number;
  /** The node's own error code (`status:"error"` envelope), e.g. 401 or -28. */
  apiCode?: number | string;
  /** A short, sanitised, credential-masked piece of the body for diagnostics. */
  sample?: string;
}

/** A typed failure of a FluxOS API call; `message` is safe to show and log. */
export class FluxosError extends AppError {
  override name = 'FluxosError';
  constructor(
    override readonly code: FluxosErrorCode,
    message: string,
    readonly details: FluxosErrorDetails,
  ) {
    super(code, message);
  }
}

export function isFluxosError(value: unknown): value is FluxosError {
  return value instanceof FluxosError;
}
