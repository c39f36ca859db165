import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  CALLER_HEADER,
  type Caller,
  internalRequestSigner,
  PUBLIC_CALLER,
  verifyToken,
} from '#common/caller.ts';
import { port, secret } from '#common/config.ts';
import { OPERATION_HEADER } from '#common/http.ts';
import { supergraphFile } from '../schema/files.ts';

/**
 * The peer of the benchmark: the same checked-in supergraph and the same subgraphs behind
 * `@apollo/gateway`, with the same bearer authentication and signed caller header as our gateway.
 */
interface Context {
  caller: Caller;
}

const signCaller = internalRequestSigner(secret('SUBGRAPH_SECRET'));
const authSecret = secret('AUTH_SECRET');

/** The caller header is bound to the body, which Apollo's data source serialises just before fetching. */
const signingFetch: typeof fetch = async (url, init) => {
  const headers = new Headers(init?.headers);
  const caller = JSON.parse(headers.get(CALLER_HEADER) ?? '{"role":"PUBLIC"}') as Caller;
  headers.set(CALLER_HEADER, await signCaller(caller, String(init?.body ?? '')));
  return fetch(url, { ...init, headers });
};

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override fetcher = signingFetch as never;
      override willSendRequest(options: GraphQLDataSourceProcessOptions<Context>) {
        const headers = options.request.http?.headers;
        headers?.set(CALLER_HEADER, JSON.stringify(options.context.caller));
        const operationName =
          'incomingRequestContext' in options && options.incomingRequestContext.operationName;
        if (operationName) headers?.set(OPERATION_HEADER, operationName);
      }
    })({ url }),
});

const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: port('APOLLO_GATEWAY_PORT', 4010), host: '127.0.0.1' },
  context: async ({ req }) => {
    const token = req.headers.authorization?.replace(/^Bearer /i, '');
    return { caller: token ? await verifyToken(token, authSecret, 12 * 3600) : PUBLIC_CALLER };
  },
});
console.log(`apollo gateway ready at ${url}`);
