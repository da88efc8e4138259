// Prometheus metrics: requests by dialect, method, route template and status; their durations; operations (v3 jobs,
// CSM tasks) by state, read from the store at scrape time; outbound callbacks; and the default process metrics.
// One registry per gateway, so that two gateways in one process (tests) count apart.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Core } from '../core/core';
import type { Dialect } from '../http/dialect';
import type { MetricsPort } from '../http/metricsPort';

export interface Metrics extends MetricsPort {
  registry: Registry;
  /** one finished request */
  observeRequest(dialect: Dialect, method: string, route: string, status: number, seconds: number): void;
}

export function createMetrics(core: Pick<Core, 'operationCounts'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'sharegate_http_requests_total',
    help: 'HTTP requests answered, by dialect, method, route template and status',
    labelNames: ['dialect', 'method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'sharegate_http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by dialect, method and route template',
    labelNames: ['dialect', 'method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const callbacks = new Counter({
    name: 'sharegate_callbacks_total',
    help: 'Outbound callbacks by outcome: delivered, failed (after retries) or refused (address not allowed)',
    labelNames: ['outcome', 'dialect'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'sharegate_operations',
    help: 'Operations (v3 jobs, CSM tasks) in the database, by operation and state',
    labelNames: ['operation', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await core.operationCounts();
      this.reset();
      for (const c of counts) this.set({ operation: c.operation, state: c.state }, c.count);
    },
  });
  const children = new Map<string, { count: ReturnType<typeof requests.labels>; duration: ReturnType<typeof durations.labels> }>();
  return {
    registry,
    observeRequest(dialect, method, route, status, seconds) {
      // the labelled children, kept per label set (route templates are few), so a request costs no label hashing
      const key = `${dialect} ${method} ${route} ${status}`;
      let child = children.get(key);
      if (!child) {
        child = { count: requests.labels({ dialect, method, route, status: String(status) }), duration: durations.labels({ dialect, method, route }) };
        children.set(key, child);
      }
      child.count.inc();
      child.duration.observe(seconds);
    },
    countCallback(outcome, dialect = 'csm') {
      callbacks.inc({ outcome, dialect });
    },
  };
}
