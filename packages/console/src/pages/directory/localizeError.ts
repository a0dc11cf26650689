import { ApiError } from '../../api/client';

/**
 * The server's field reasons are English. For a refusal with its own code (userid taken, mobile taken…)
 * the localized message says the same, so it is what the field shows; validation reasons stay as they are.
 */
export function localizeFieldReasons(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.code === 'common.validation_failed' || error.fields.length === 0) return error;
  const fields = error.fields.map((field) => ({ ...field, reason: error.message }));
  return new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
}
