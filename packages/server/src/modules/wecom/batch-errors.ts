import type { ErrorCode } from '@orgdesk/contracts';
import { errorCatalogue } from '@orgdesk/contracts';
import { AppError } from '../../platform/kernel/app-error';
import { templateHeader, type ColumnKey } from '../imports';
import { wecomError, type WecomError } from './errcodes';

/** A refusal of a batch call or job, with WeCom's number: these exist only in the WeCom protocol. */
export class BatchError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
    this.name = 'BatchError';
  }
}

export const INVALID_CONTENT: WecomError = { errcode: 40092, errmsg: 'invalid import file content' };
export const DELETE_PROTECTION: WecomError = { errcode: 45026, errmsg: 'trigger delete user protection' };

// An invalid cell, by column, as WeCom numbers the same mistake in user/create.
const invalidByColumn: Record<string, WecomError> = {
  userid: { errcode: 40003, errmsg: 'invalid userid' },
  name: { errcode: 60112, errmsg: 'invalid name' },
  mobile: { errcode: 60103, errmsg: 'mobile invalid' },
  email: { errcode: 60105, errmsg: 'email invalid' },
  departments: { errcode: 60003, errmsg: 'department not found' },
};

const byRowCode: Record<string, WecomError> = {
  'imports.department_not_found': { errcode: 60003, errmsg: 'department not found' },
  'imports.out_of_scope': { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' },
  'imports.super_admin_protected': { errcode: 301005, errmsg: 'not allow to delete the creator' },
  'imports.duplicate_in_file': { errcode: 40092, errmsg: 'duplicated in the file' },
};

/** A row error as the import engine keeps it with a job. */
export interface ImportRowProblem {
  row: number;
  column: ColumnKey | null;
  code: string;
  reason: string;
}

/** WeCom's errcode for an import row error; its reason follows in errmsg. */
export function rowErrcode(error: ImportRowProblem): WecomError {
  const mapped = error.code === 'imports.invalid_value' ? invalidByColumn[error.column ?? ''] : byRowCode[error.code];
  const base = mapped ?? (error.code in errorCatalogue ? wecomError(error.code as ErrorCode, 400) : INVALID_CONTENT);
  const where = error.column ? `${templateHeader(error.column)} ` : '';
  return { errcode: base.errcode, errmsg: `${base.errmsg}: row ${error.row}, ${where}${error.reason}` };
}

/** WeCom's errcode for a failure of ours: a file the engine refuses is 40092, a busy directory is "system busy". */
export function failureErrcode(error: unknown): WecomError {
  if (error instanceof BatchError) return { errcode: error.errcode, errmsg: error.errmsg };
  if (!(error instanceof AppError)) return { errcode: -1, errmsg: 'system busy' };
  if (error.code === 'imports.busy') return { errcode: -1, errmsg: 'system busy: another import is applying' };
  const detail = error.details.fields?.map((f) => `${f.path}: ${f.reason}`).join('; ');
  const base = error.code.startsWith('imports.') ? INVALID_CONTENT : wecomError(error.code, error.status);
  return { errcode: base.errcode, errmsg: detail ? `${base.errmsg}: ${detail}` : base.errmsg };
}

/** The same, for a failure code stored with an import job. */
export function storedFailureErrcode(code: string): WecomError {
  if (code === 'imports.busy' || code === 'imports.interrupted' || code === 'common.internal') return { errcode: -1, errmsg: 'system busy' };
  if (code.startsWith('imports.')) return INVALID_CONTENT;
  return code in errorCatalogue ? wecomError(code as ErrorCode, errorCatalogue[code as ErrorCode].status) : { errcode: -1, errmsg: 'system busy' };
}
