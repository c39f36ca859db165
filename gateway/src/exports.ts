import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CALLER_HEADER, internalRequestSigner } from '#common/caller.ts';
import type { SubgraphName } from '#common/config.ts';
import { EXPORTS_PATH } from '#common/http.ts';
import { callerOf, errorResponse } from './auth.ts';

/** Which subgraph serves each bulk export. */
const OWNERS: Record<string, SubgraphName> = {
  listings: 'lists',
  subjects: 'lists',
  'monthly-report': 'lists',
  dispatches: 'measures',
  executions: 'measures',
  cases: 'cases',
};

/**
 * `GET /exports/<name>.<csv|ndjson>?<filters>`: streams the owning subgraph's export to the client
 * as it comes, signed as the caller the token names (bound to the query string), so the export
 * applies the same visibility, masking and register of reads as the GraphQL API.
 */
export function useExports(
  subgraphUrls: Record<SubgraphName, string>,
  subgraphSecret: string,
): GatewayPlugin {
  const sign = internalRequestSigner(subgraphSecret);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(EXPORTS_PATH)) return;
      const file = url.pathname.slice(EXPORTS_PATH.length);
      const owner = OWNERS[file.split('.')[0] ?? ''];
      if (!owner)
        return endResponse(
          errorResponse(
            fetchAPI,
            404,
            'NOT_FOUND',
            `No export ${file}; there are ${Object.keys(OWNERS).join(', ')} (.csv or .ndjson).`,
          ),
        );
      if (request.method !== 'GET')
        return endResponse(errorResponse(fetchAPI, 405, 'BAD_REQUEST', 'Exports are read with GET.'));
      const target = new URL(subgraphUrls[owner]);
      target.pathname = url.pathname;
      target.search = url.search;
      try {
        const upstream = await fetch(target, {
          headers: { [CALLER_HEADER]: await sign(callerOf(request), url.search) },
          signal: request.signal,
        });
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'content-disposition']) {
          const value = upstream.headers.get(name);
          if (value) headers[name] = value;
        }
        endResponse(new fetchAPI.Response(upstream.body, { status: upstream.status, headers }));
      } catch {
        endResponse(
          errorResponse(
            fetchAPI,
            503,
            'SERVICE_UNAVAILABLE',
            `The ${owner} service is unavailable; try the export again shortly.`,
          ),
        );
      }
    },
  };
}
