import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Log } from '#common/log.ts';
import { routeLabel, type ServiceMetrics } from '#common/metrics.ts';
import { callerOf } from './auth.ts';

const ROUTES = ['/graphql', '/healthz', '/readyz', '/metrics'] as const;

interface ResultWithErrors {
  errors?: readonly { extensions?: { code?: unknown } }[];
}

/**
 * One JSON log line per request with the request id the subgraphs log too, Prometheus metrics
 * at GET /metrics, and a count of errors by code.
 */
export function useRequestLogAndMetrics(log: Log, metrics: ServiceMetrics): GatewayPlugin {
  const started = new WeakMap<Request, { at: number; path: string }>();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics' && request.method === 'GET') {
        const { contentType, body } = await metrics.render();
        return endResponse(new fetchAPI.Response(body, { headers: { 'content-type': contentType } }));
      }
      started.set(request, { at: performance.now(), path: url.pathname });
    },
    onResultProcess({ result }) {
      for (const item of Array.isArray(result) ? result : [result]) {
        for (const error of (item as ResultWithErrors).errors ?? []) {
          const code = error.extensions?.code;
          metrics.countError(typeof code === 'string' ? code : 'UNCODED');
        }
      }
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (!start) return;
      const seconds = (performance.now() - start.at) / 1000;
      const { path } = start;
      metrics.observe(routeLabel(path, ROUTES), response.status, seconds);
      if (path === '/healthz') return;
      log.info(
        {
          requestId: response.headers.get('x-request-id') ?? request.headers.get('x-request-id'),
          method: request.method,
          path,
          status: response.status,
          ms: Math.round(seconds * 1000),
          role: callerOf(request).role,
        },
        'request',
      );
    },
  };
}
