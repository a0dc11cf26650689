import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics; one registry per app so tests can build many apps. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'route' | 'status'>;
  dbDuration: Histogram<'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'orgdesk_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    httpErrors: new Counter({ name: 'orgdesk_http_errors_total', help: 'HTTP answers with status >= 400', labelNames: ['route', 'status'], registers: [registry] }),
    dbDuration: new Histogram({
      name: 'orgdesk_db_query_duration_seconds',
      help: 'Database query duration',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
  };
}

/** The database's query hook that feeds `dbDuration`. */
export function observeQueries(metrics: Metrics): (durationMs: number, failed: boolean) => void {
  return (durationMs, failed) => metrics.dbDuration.observe({ outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
}
