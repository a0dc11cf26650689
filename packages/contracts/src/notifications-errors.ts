/** The notifications module's errors, merged into the one catalogue in errors.ts (each with both languages). */
export const notificationErrors = {
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** Chinese of the notifications module's own field reasons (merged into reasons.ts). */
export const notificationZhReasons: Record<string, string> = {};
