import { fileURLToPath } from 'node:url';
import type { DB } from './db';
import { openDatabase, type DatabaseHandle } from './platform/db/connect';
import { lockDataDir } from './platform/db/data-dir-lock';
import { migrateToLatest } from './platform/db/migrate';
import { FileOffsetClock, systemClock, type Clock } from './platform/kernel/clock';
import type { Config } from './platform/kernel/config';
import { createLogger, type Logger } from './platform/kernel/logger';
import { createMetrics, observeQueries, type Metrics } from './platform/kernel/metrics';
import { LogEmailGateway, type EmailGateway } from './platform/kernel/email';
import { SmtpEmailGateway } from './platform/kernel/smtp-email';
import { LogSmsGateway, type SmsGateway } from './platform/kernel/sms';
import { createServices, type Services } from './services';

/** An opened database with the services over it: what both `serve` and every CLI command start from. */
export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  database: DatabaseHandle<DB>;
  services: Services;
  /** Updates what the data-folder lock says about this process (e.g. the URL it serves). */
  announce(url: string): void;
  close(): Promise<void>;
}

/** Where the built console lives inside the repository. */
export const defaultConsoleDir = fileURLToPath(new URL('../../console/dist', import.meta.url));

/**
 * Opens the database (locking an embedded one's folder first), applies pending migrations, and builds
 * the services. One composition path for the server and the CLI.
 */
export async function openRuntime(config: Config, options: { purpose: string; logger?: Logger; sms?: SmsGateway; email?: EmailGateway; clock?: Clock; migrate?: boolean }): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir, { purpose: options.purpose });
  let database: DatabaseHandle<DB>;
  try {
    database = await openDatabase<DB>({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onQuery: observeQueries(metrics),
      onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
    });
    if (options.migrate !== false) await migrateToLatest(database.db as never);
  } catch (error) {
    lock?.release();
    throw error;
  }
  // Pooled SMTP connections are closed with the runtime, so a CLI command that sent an email still exits promptly.
  const smtp = !options.email && config.smtpUrl ? new SmtpEmailGateway(config.smtpUrl, config.smtpFrom) : null;
  const email = options.email ?? smtp ?? new LogEmailGateway(logger);
  const services = createServices(database.db, { config, sms: options.sms ?? new LogSmsGateway(logger), email, clock: options.clock ?? (config.clockOffsetFile ? new FileOffsetClock(config.clockOffsetFile) : systemClock), logger });
  // `db migrate` opens the runtime on a database that may not have the jobs table yet.
  if (options.migrate !== false) {
    const recovered = await services.imports.recoverInterrupted();
    if (recovered) logger.warn({ recovered }, 'imports interrupted by a stop were marked failed; the directory was left unchanged');
  }
  return {
    config,
    logger,
    metrics,
    database,
    services,
    announce: (url) => lock?.update({ url }),
    close: async () => {
      smtp?.close();
      await database.close();
      lock?.release();
    },
  };
}
