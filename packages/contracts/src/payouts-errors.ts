/** The payouts module's errors, merged into the one catalogue in errors.ts (each with both languages). */
export const payoutErrors = {
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** Chinese of the payouts module's own field reasons (merged into reasons.ts). */
export const payoutZhReasons: Record<string, string> = {};
