import type { Control, FieldError } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Form } from './form';

/** The largest attachment: 20 MB, as WeCom's approval attachments. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** An attachment as lists and forms show it. */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** The type of a file from its first bytes; anything we do not recognize is served as bytes to download. */
function sniff(bytes: Buffer): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  return 'application/octet-stream';
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we strip
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || '附件').slice(0, 200);
}

/** Stores a member's upload; the form references it by id when they submit. */
export async function storeAttachment(trx: Trx, corpId: string, memberId: string, file: { name: string; bytes: Buffer }, now: Date): Promise<Attachment> {
  if (file.bytes.length === 0) throw new AppError('common.validation_failed', { fields: [{ path: 'file', reason: 'is empty' }] });
  const contentType = sniff(file.bytes);
  const row = await trx
    .insertInto('approval_files')
    .values({ corp_id: corpId, uploader_id: memberId, name: cleanName(file.name), content_type: contentType, size: file.bytes.length, bytes: file.bytes, created_at: now })
    .returning(['id', 'name', 'size', 'content_type'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, size: row.size, contentType: row.content_type };
}

/** Every value a form holds in controls of one type, top-level and in tables' columns. */
function valuesOfType(controls: readonly Control[], form: Form, type: Control['type']): unknown[] {
  const values: unknown[] = [];
  for (const control of controls) {
    if (control.type === type) values.push(...((form[control.id] as unknown[] | undefined) ?? []));
    if (control.type !== 'Table') continue;
    for (const row of (form[control.id] as Record<string, unknown>[] | undefined) ?? []) {
      for (const column of control.columns) if (column.type === type) values.push(...((row[column.id] as unknown[] | undefined) ?? []));
    }
  }
  return values;
}

/** The names of the members and departments a form's Contact and Department controls hold. */
export async function namesOf(db: Executor, corpId: string, controls: readonly Control[], form: Form) {
  const userids = [...new Set(valuesOfType(controls, form, 'Contact').map((u) => String(u).toLowerCase()))];
  const departmentIds = [...new Set(valuesOfType(controls, form, 'Department').map(Number).filter(Number.isInteger))];
  const [members, departments] = await Promise.all([
    userids.length ? db.selectFrom('members').select(['userid', 'name']).where('corp_id', '=', corpId).where((eb) => eb(eb.fn('lower', ['userid']), 'in', userids)).execute() : [],
    departmentIds.length ? db.selectFrom('departments').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', departmentIds).execute() : [],
  ]);
  return { members, departments };
}

/** Every file id a form holds, in File controls and in the File columns of tables, with its field path. */
export function fileRefs(controls: readonly Control[], form: Form): { path: string; id: string }[] {
  const refs: { path: string; id: string }[] = [];
  for (const control of controls) {
    if (control.type === 'File') for (const id of (form[control.id] as string[] | undefined) ?? []) refs.push({ path: `form.${control.id}`, id });
    if (control.type !== 'Table') continue;
    const rows = (form[control.id] as Record<string, unknown>[] | undefined) ?? [];
    rows.forEach((row, i) => {
      for (const column of control.columns) if (column.type === 'File') for (const id of (row[column.id] as string[] | undefined) ?? []) refs.push({ path: `form.${control.id}.${i}.${column.id}`, id });
    });
  }
  return refs;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Field errors for file ids that are not the applicant's own uploads in this corp. */
export async function unknownFiles(db: Executor, corpId: string, memberId: string, refs: readonly { path: string; id: string }[]): Promise<FieldError[]> {
  const ids = [...new Set(refs.map((r) => r.id).filter((id) => UUID.test(id)))];
  const found = ids.length ? await db.selectFrom('approval_files').select('id').where('corp_id', '=', corpId).where('uploader_id', '=', memberId).where('id', 'in', ids).execute() : [];
  const known = new Set(found.map((f) => f.id));
  return refs.filter((r) => !known.has(r.id)).map((r) => ({ path: r.path, reason: `unknown file ${r.id}` }));
}

/** The attachments a request's form references, for showing their names. */
export async function attachmentsOf(db: Executor, corpId: string, ids: readonly string[]): Promise<Attachment[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('approval_files').select(['id', 'name', 'size', 'content_type']).where('corp_id', '=', corpId).where('id', 'in', valid).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, size: r.size, contentType: r.content_type }));
}

/** One attachment's bytes, when the request references it. */
export async function attachmentOfRequest(db: Executor, corpId: string, controls: readonly Control[], form: Form, fileId: string) {
  if (!fileRefs(controls, form).some((r) => r.id === fileId) || !UUID.test(fileId)) throw new AppError('approvals.file_not_found');
  const file = await db.selectFrom('approval_files').select(['name', 'content_type', 'bytes']).where('corp_id', '=', corpId).where('id', '=', fileId).executeTakeFirst();
  if (!file) throw new AppError('approvals.file_not_found');
  return file;
}
