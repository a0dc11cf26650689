/** Delivers the notification outbox (skeleton: the notifications module fills it in). */
export class NotificationDispatcher {
  start(): void {}
  async stop(): Promise<void> {}
  async runOnce(): Promise<number> {
    return 0;
  }
}
