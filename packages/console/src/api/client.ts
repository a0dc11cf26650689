import type { ErrorBody, ErrorCode, FieldError } from '@orgdesk/contracts';
import i18next, { currentLanguage } from '../i18n';

const apiBase = '/api/v1';

/** Codes the console makes up itself when the server could not answer in the contract's shape. */
type ClientErrorCode = 'client.network' | 'client.bad_response';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** The token from GET /auth/me; every mutating request of a signed-in session must echo it. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export type QueryParams = Record<string, string | number | null | undefined>;

export function toQueryString(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path: string, params?: QueryParams): string {
  return `${apiBase}${path}${toQueryString(params)}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error?.code && typeof body.error.message === 'string') {
      const { code, message, fields, retryAfterSeconds } = body.error;
      return new ApiError(response.status, code, message, fields ?? [], retryAfterSeconds);
    }
  } catch {
    // Not JSON (e.g. a proxy error page); fall through to a generic error.
  }
  return new ApiError(response.status, 'client.bad_response', i18next.t('errors.unexpected'));
}

interface RequestOptions {
  params?: QueryParams;
  /** JSON, or a FormData sent as multipart/form-data (the browser writes its boundary). */
  body?: unknown;
  /** Registration and sign-in happen before there is a session, so they carry no token. */
  csrf?: boolean;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && options.csrf !== false && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.params), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'client.network', i18next.t('errors.network'));
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'client.bad_response', i18next.t('errors.unexpected'));
  }
}

export const api = {
  get: <T>(path: string, params?: QueryParams) => request<T>('GET', path, { params }),
  post: <T>(path: string, body?: unknown, options?: Pick<RequestOptions, 'csrf'>) =>
    request<T>('POST', path, { body, ...options }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A multipart POST (file uploads), with the same session token, language and error handling as the rest. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
