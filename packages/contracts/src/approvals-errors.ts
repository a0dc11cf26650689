/** The approvals module's errors, merged into the one catalogue in errors.ts (each with both languages). */
export const approvalErrors = {
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** Chinese of the approvals module's own field reasons (merged into reasons.ts). */
export const approvalZhReasons: Record<string, string> = {};
