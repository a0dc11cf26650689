import { z } from 'zod';
import { departmentIdSchema } from './directory';

/** Import modes: add and update (WeCom syncuser), or also disable whoever is missing (replaceuser). */
export const importModeSchema = z.enum(['sync', 'replace']);
export type ImportMode = z.infer<typeof importModeSchema>;

/** Fields sent with the uploaded file (multipart form fields). */
export const importUploadFields = z.object({
  mode: importModeSchema.default('sync'),
  createDepartments: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const importCounts = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  moved: z.number().int(),
  disabled: z.number().int(),
  unchanged: z.number().int(),
  departmentsCreated: z.number().int(),
  rowsInError: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

/** One row error, in the caller's language. */
export const importRowError = z.object({ row: z.number().int(), column: z.string(), value: z.string(), code: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowError>;

export const importJobStatus = z.enum(['previewed', 'applying', 'succeeded', 'failed']);

/** An import: its preview, and once applied its progress and result. */
export const importJob = z.object({
  id: z.string(),
  status: importJobStatus,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  mode: importModeSchema,
  createDepartments: z.boolean(),
  counts: importCounts,
  /** Share of the current members a full replace would disable. */
  disableShare: z.number(),
  /** Above this share, applying needs `confirmDisable`. */
  disableThreshold: z.number(),
  unknownColumns: z.array(z.string()),
  newDepartments: z.array(z.string()),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importIdParams = z.object({ id: z.string().uuid() });
export const importErrorsQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) });
export const importErrorsPage = z.object({ items: z.array(importRowError), total: z.number().int() });
export const importApplyRequest = z.object({ skipBadRows: z.boolean().default(false), confirmDisable: z.boolean().default(false) });

/** Export and template downloads. */
export const exportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), department: departmentIdSchema.optional() });
export const templateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
