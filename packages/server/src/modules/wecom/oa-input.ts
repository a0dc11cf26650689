import { controlIdSchema, type FieldError, type TemplateKind } from '@orgdesk/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/kernel/app-error';
import type { ApiListFilters, ApiPageStart, ApiRouteNode } from '../approvals';

// The bodies of /cgi-bin/oa and what they mean to the approvals module. WeCom answers every parameter error of
// its approval API with 301025 (审批开放接口参数错误), not 40058, so these parse into approvals.api_param_invalid.

const userids = z.array(z.string().min(1).max(64)).min(1).max(100);
/** WeCom sends ids both as numbers and as digit strings. */
const idText = z.union([z.string().max(128), z.number()]).transform(String);

/** applyevent's body: the current process form and the legacy approver/notifyer form. */
export const applyBody = z.object({
  creator_userid: z.string({ message: 'is required' }).min(1).max(64),
  template_id: z.string({ message: 'is required' }).min(1).max(64),
  use_template_approver: z.coerce.number().int().min(0).max(1).default(0),
  choose_department: z.coerce.number().int().positive().optional(),
  process: z.object({ node_list: z.array(z.object({ type: z.number().int().refine((t) => t === 1 || t === 2, 'must be 1 (approver) or 2 (cc)'), apv_rel: z.number().int().min(1).max(3).default(1), userid: userids })).max(50) }).optional(),
  approver: z.array(z.object({ attr: z.number().int().min(1).max(2).default(1), userid: userids })).max(50).optional(),
  notifyer: z.array(z.string().min(1).max(64)).max(100).optional(),
  notify_type: z.number().int().min(1).max(3).default(1),
  apply_data: z.object({ contents: z.array(z.object({ control: z.string().max(40).optional(), id: controlIdSchema, value: z.unknown() })).max(200) }, { message: 'is required' }),
  summary_list: z.array(z.object({ summary_info: z.array(z.object({ text: z.string().max(200), lang: z.string().max(10).optional() })).min(1).max(10) })).max(3).optional(),
});
/** applyevent's body, parsed. */
export type ApplyBody = z.infer<typeof applyBody>;

/** getapprovalinfo's body. Times and cursors are checked further by `listWindow` and `pageStart`. */
export const listBody = z.object({
  starttime: idText,
  endtime: idText,
  new_cursor: z.string().max(200).optional(),
  cursor: z.coerce.number().int().min(0).max(1_000_000).optional(),
  size: z.coerce.number().int().min(1).max(100).default(100),
  filters: z.array(z.object({ key: z.enum(['template_id', 'creator', 'department', 'sp_status', 'record_type']), value: idText })).max(50).default([]),
});
/** getapprovalinfo's body, parsed. */
export type ListBody = z.infer<typeof listBody>;

/** Parses a body, as WeCom's 301025 naming the fields at fault. */
export function oaInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('approvals.api_param_invalid', { fields: parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', reason: i.message })) });
}

const paramError = (fields: FieldError[]) => new AppError('approvals.api_param_invalid', { fields });

/** The approvers and cc the call names (use_template_approver 0): process.node_list, else the legacy approver/notifyer. */
export function routeNodes(body: ApplyBody): ApiRouteNode[] {
  if (body.process?.node_list.length) {
    const mode = { 1: 'all', 2: 'any', 3: 'sequential' } as const;
    return body.process.node_list.map((n, i) => ({ path: `process.node_list.${i}.userid`, type: n.type === 1 ? 'approver' : 'cc', mode: mode[n.apv_rel as 1 | 2 | 3], userids: n.userid }));
  }
  if (!body.approver?.length) throw paramError([{ path: 'process', reason: 'is required when use_template_approver is 0' }]);
  // The legacy attr numbers the other way round: 1 或签, 2 会签.
  const nodes: ApiRouteNode[] = body.approver.map((a, i) => ({ path: `approver.${i}.userid`, type: 'approver', mode: a.attr === 1 ? 'any' : 'all', userids: a.userid }));
  const when = ({ 1: 'submit', 2: 'finish', 3: 'both' } as const)[body.notify_type as 1 | 2 | 3];
  if (body.notifyer?.length) nodes.push({ path: 'notifyer', type: 'cc', mode: 'all', userids: body.notifyer, ccWhen: when });
  return nodes;
}

/** summary_list as the request's summary: each line's texts, the lines separated as the console shows one line. */
export function summaryOf(body: ApplyBody): string | undefined {
  const lines = body.summary_list?.map((l) => l.summary_info.map((s) => s.text).join('')).filter(Boolean) ?? [];
  return lines.length ? lines.join('；') : undefined;
}

const MAX_SPAN_SECONDS = 31 * 86_400;

/** starttime/endtime: Unix seconds (a millisecond time has 13 digits and is refused), at most 31 days apart. */
export function listWindow(body: ListBody): { from: Date; to: Date } {
  const seconds = (v: string, path: string) => {
    if (!/^\d{1,10}$/.test(v)) throw paramError([{ path, reason: 'must be Unix seconds' }]);
    return Number(v);
  };
  const from = seconds(body.starttime, 'starttime');
  const to = seconds(body.endtime, 'endtime');
  if (to < from) throw paramError([{ path: 'endtime', reason: 'must not end before it starts' }]);
  if (to - from > MAX_SPAN_SECONDS) throw paramError([{ path: 'endtime', reason: 'must span at most 31 days' }]);
  // The end second is included whole.
  return { from: new Date(from * 1000), to: new Date(to * 1000 + 999) };
}

/**
 * record_type (../shared/wecom-api.md §9.4): 1 请假, 2 打卡补卡, 3 出差, 4 外出, 5 加班, 6 调班, 7 会议室预定, 8 退款审批,
 * 9 红包报销审批. 请假 is our leave; Orgdesk has no forms of the other types, so they rightly match none (our expense
 * is not 红包报销). Anything else is not a record type.
 */
const recordKinds: Record<number, TemplateKind | null> = { 1: 'leave', 2: null, 3: null, 4: null, 5: null, 6: null, 7: null, 8: null, 9: null };

function kindsOf(recordTypes: number[]): TemplateKind[] | null {
  if (recordTypes.length === 0) return null;
  return recordTypes.flatMap((type) => {
    const kind = recordKinds[type];
    if (kind === undefined) throw paramError([{ path: 'filters.record_type', reason: 'must be 1 to 9' }]);
    return kind ? [kind] : [];
  });
}

/** The filters: different keys AND, repeated keys OR. */
export function listFilters(body: ListBody): ApiListFilters {
  const values = (key: string) => body.filters.filter((f) => f.key === key).map((f) => f.value);
  const ints = (key: string) =>
    values(key).map((v) => {
      if (!/^\d{1,9}$/.test(v)) throw paramError([{ path: `filters.${key}`, reason: 'must be a whole number' }]);
      return Number(v);
    });
  return {
    templateIds: values('template_id'),
    creators: values('creator'),
    departments: ints('department'),
    statuses: ints('sp_status'),
    kinds: kindsOf(ints('record_type')),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** new_cursor: the last (created_at, id) of the page, opaque to the caller. */
export function encodeCursor(last: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([last.createdAt.getTime(), last.id])).toString('base64url');
}

/** Where the page starts: after new_cursor, or at the legacy int cursor (an offset), or at the beginning. */
export function pageStart(body: ListBody): ApiPageStart {
  if (body.new_cursor) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body.new_cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = null;
    }
    const [ms, id] = Array.isArray(decoded) ? decoded : [];
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || typeof id !== 'string' || !UUID.test(id)) throw paramError([{ path: 'new_cursor', reason: 'is not a cursor this API gave' }]);
    return { after: { createdAt: new Date(ms), id } };
  }
  return body.cursor ? { offset: body.cursor } : null;
}
