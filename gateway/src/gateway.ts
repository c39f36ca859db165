import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { CALLER_HEADER, internalCallerSigner, PUBLIC_CALLER } from '#common/caller.ts';
import { SUBGRAPHS, type SubgraphName, secret } from '#common/config.ts';
import type { RunningService } from '#common/server.ts';
import { supergraphFile } from '../../schema/compose.ts';
import { type CallerContext, useBearerAuth } from './auth.ts';
import { renderGraphiQL, useOfflineGraphiQLAssets } from './graphiql.ts';

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** A query GraphiQL opens with. */
  exampleQuery?: string;
}

/** The gateway over the checked-in supergraph, on Hive Gateway's runtime. */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const signCaller = internalCallerSigner(secret('SUBGRAPH_SECRET'));
  const gateway = createGatewayRuntime<CallerContext>({
    supergraph: readFileSync(supergraphFile, 'utf8'),
    transportEntries: Object.fromEntries(
      SUBGRAPHS.map((name) => [name, { location: options.subgraphUrls[name] }]),
    ),
    plugins: () => [useBearerAuth(secret('AUTH_SECRET')), useOfflineGraphiQLAssets()],
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context, request }) => ({
        [CALLER_HEADER]: await signCaller(context.caller ?? PUBLIC_CALLER),
        'x-request-id': request.headers.get('x-request-id') ?? undefined,
      }),
    },
    graphiql: { title: '联合奖惩 GraphQL', defaultQuery: options.exampleQuery },
    renderGraphiQL,
    landingPage: false,
    logging: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
  });

  const server = createServer(gateway);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name: 'gateway',
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await gateway.dispose();
    },
  };
}
