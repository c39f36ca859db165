import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  /** Records one HTTP request: its route, status and duration. */
  observe(route: string, status: number, seconds: number): void;
  /** Counts GraphQL errors by code, so a rise in INTERNAL_SERVER_ERROR or FORBIDDEN shows on a dashboard. */
  countError(code: string): void;
  /** The Prometheus text exposition, for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Prometheus metrics of one service: process figures, request durations, error codes. */
export function serviceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  return {
    observe: (route, status, seconds) => requests.observe({ route, status: String(status) }, seconds),
    countError: (code) => errors.inc({ code }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** Routes as metric labels: known paths by name, anything else as one label, so a scan cannot grow the series. */
export const routeLabel = (pathname: string, known: readonly string[]) =>
  known.includes(pathname) ? pathname : 'other';
