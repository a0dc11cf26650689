import type { HttpApp } from './platform/http/server';
import type { Config } from './platform/kernel/config';
import { createApp } from './app';
import { defaultConsoleDir, openRuntime } from './runtime';

/** Starts the server: database, migrations, HTTP; stops gracefully on SIGTERM and SIGINT. */
export async function startServer(config: Config, options: { consoleDir?: string | null } = {}): Promise<{ app: HttpApp; url: string; stop(): Promise<void> }> {
  const started = performance.now();
  const runtime = await openRuntime(config, { purpose: 'server' });
  const app = await createApp({ services: runtime.services, database: runtime.database, logger: runtime.logger, metrics: runtime.metrics, trustProxy: config.trustProxy, publicUrl: config.publicUrl, consoleDir: options.consoleDir === undefined ? defaultConsoleDir : options.consoleDir });
  await app.listen({ port: config.port, host: config.host });
  runtime.services.apiLimits.start(); // shares the API's call counts with other processes every second
  runtime.services.callbackDispatcher.start(); // sends apps' callbacks, including those left pending by a stop
  runtime.services.notificationDispatcher.start(); // delivers notifications as they fall due, including deferred ones
  runtime.services.approvalTimeouts.start(); // reminds or approves for approvers past their time limit
  const url = `http://localhost:${config.port}`;
  runtime.announce(url);
  runtime.logger.info({ url, database: runtime.database.kind, readyMs: Math.round(performance.now() - started) }, `Orgdesk is ready at ${url}`);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close(); // finishes in-flight requests first
      await runtime.services.apiLimits.stop();
      await runtime.services.callbackDispatcher.stop();
      await runtime.services.notificationDispatcher.stop();
      await runtime.services.approvalTimeouts.stop();
      await runtime.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      runtime.logger.info({ signal }, 'shutting down');
      void stop().then(() => process.exit(0));
    });
  }
  return { app, url, stop };
}
