/** The notifications module's errors, merged into the one catalogue in errors.ts (each with both languages). */
export const notificationErrors = {
  'notifications.webhook_not_found': { status: 404, 'zh-CN': 'Webhook 不存在', en: 'The webhook does not exist' },
  'notifications.webhook_limit': { status: 409, 'zh-CN': 'Webhook 数量已达上限（20 个）', en: 'A corp can have at most 20 webhooks' },
  'notifications.unknown_app': { status: 400, 'zh-CN': '应用不存在', en: 'No such app in this organization' },
  'notifications.stream_not_acceptable': { status: 406, 'zh-CN': '此地址只提供事件流（text/event-stream）', en: 'This address serves only an event stream (text/event-stream)' },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** Chinese of the notifications module's own field reasons (merged into reasons.ts). */
export const notificationZhReasons: Record<string, string> = {
  'must be an IANA time zone': '必须是 IANA 时区（如 Asia/Shanghai）',
  'quiet hours must not start and end at the same time': '免打扰时段的开始和结束不能相同',
  'must be an app id': '必须是应用 ID',
  'must be a webhook id': '必须是 Webhook ID',
  'not an app of this organization': '不是本企业的应用',
};
