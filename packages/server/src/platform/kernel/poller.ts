import type { Logger } from './logger';

/**
 * Runs a task every `intervalMs` in the background, never two runs at once (a slow run delays the next one), and
 * logs a failed run and goes on. stop() waits for the run in progress, so a shutdown never cuts one in half.
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly failure: string,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.task()
        .then(() => undefined, (error: unknown) => this.logger.warn({ err: error }, this.failure))
        .finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref(); // a poller alone does not keep the process alive
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
