/** The notifications module's tables. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the module's tables land
export interface NotificationsTables {}
