import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, localizeReason, type ErrorBody, type ErrorCode, type FieldError, type Language } from '@orgdesk/contracts';
import { z } from 'zod';
import { AppError } from '../kernel/app-error';

/** Fastify's own client errors, by their code, and what we answer for each. */
const fastifyClientErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'common.payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'common.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'common.validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'common.validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'common.validation_failed',
  FST_ERR_CTP_INVALID_TYPE: 'common.validation_failed',
  FST_ERR_VALIDATION: 'common.validation_failed',
  // @fastify/multipart
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'common.unsupported_media_type',
  FST_INVALID_JSON_FIELD_ERROR: 'common.validation_failed',
  FST_PROTO_VIOLATION: 'common.validation_failed',
  FST_REQ_FILE_TOO_LARGE: 'common.payload_too_large',
  FST_PARTS_LIMIT: 'common.payload_too_large',
  FST_FILES_LIMIT: 'common.payload_too_large',
  FST_FIELDS_LIMIT: 'common.payload_too_large',
  FST_ERR_BAD_URL: 'common.validation_failed',
  FST_ERR_MAX_PARAM_LENGTH: 'common.validation_failed',
};

/** PostgreSQL errors that can only come from what the client sent, by SQLSTATE. */
function pgClientError(error: unknown): ErrorCode | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  if (code === '23505' || code === '40001' || code === '40P01') return 'common.conflict';
  if (code.startsWith('22')) return 'common.validation_failed'; // data exceptions: bad encoding, out of range, too long
  return null;
}

type ValidationIssue = { keyword?: string; instancePath?: string; message?: string; params?: Record<string, unknown> };

/** Fields with their reasons in the caller's language: ours from the contracts' table, zod's own from its locale. */
function validationFields(error: FastifyError, language: Language): FieldError[] {
  const issues = (error.validation ?? []) as ValidationIssue[];
  return issues.map((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const where = error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}.` : '';
    const message = v.message ?? 'is invalid';
    const reason = localizeReason(message, language) ?? zodReason({ ...v.params, code: v.keyword, message }, language) ?? message;
    return { path: `${where}${path}`.replace(/\.$/, ''), reason };
  });
}

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

function zodReason(issue: Record<string, unknown>, language: Language): string | null {
  try {
    return zodLocales[language].localeError(issue as never) as string;
  } catch {
    return null;
  }
}

/** Turns any thrown error into the one error body; only genuine faults of ours become a logged 500. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let code: ErrorCode;
  let fields: FieldError[] | undefined;
  let retryAfterSeconds: number | undefined;
  if (error instanceof AppError) {
    code = error.code;
    fields = error.details.fields?.map((f) => ({ ...f, reason: localizeReason(f.reason, request.language ?? 'zh-CN') ?? f.reason }));
    retryAfterSeconds = error.details.retryAfterSeconds;
  } else if ((error as FastifyError).validation) {
    code = 'common.validation_failed';
    fields = validationFields(error as FastifyError, request.language ?? 'zh-CN');
  } else if ((error as FastifyError).code && fastifyClientErrors[(error as FastifyError).code]) {
    code = fastifyClientErrors[(error as FastifyError).code]!;
  } else if (error instanceof SyntaxError || (error as FastifyError).statusCode === 400) {
    code = 'common.validation_failed';
  } else if ((error as FastifyError).statusCode === 413) {
    code = 'common.payload_too_large';
  } else if ((error as FastifyError).statusCode === 415) {
    code = 'common.unsupported_media_type';
  } else {
    code = pgClientError(error) ?? 'common.internal';
  }
  const appError = new AppError(code);
  if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code }, 'request refused');
  if (retryAfterSeconds) void reply.header('retry-after', String(retryAfterSeconds));
  const body: ErrorBody = { error: { code, message: errorMessage(code, request.language ?? 'zh-CN'), fields, requestId: request.id, retryAfterSeconds } };
  return reply.status(appError.status).send(body);
}
