import { errorCatalogue, type ErrorCode, type FieldError } from '@orgdesk/contracts';

/** The one error type of the platform: a stable code, the fields at fault, and an optional wait. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details: { fields?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(code, { cause: details.cause });
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}

/** Shorthand for the validation error of one field. */
export function fieldError(path: string, reason: string): AppError {
  return new AppError('common.validation_failed', { fields: [{ path, reason }] });
}
