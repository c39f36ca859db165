import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER, internalCallerSigner, PUBLIC_CALLER, verifyToken } from '#common/caller.ts';
import { port, secret } from '#common/config.ts';
import { OPERATION_HEADER } from '#common/http.ts';
import { supergraphFile } from '../schema/compose.ts';

/**
 * The peer of the benchmark: the same checked-in supergraph and the same subgraphs behind
 * `@apollo/gateway`, with the same bearer authentication and signed caller header as our gateway.
 */
interface Context {
  callerToken: string;
}

const signCaller = internalCallerSigner(secret('SUBGRAPH_SECRET'));
const authSecret = secret('AUTH_SECRET');

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) =>
    new (class extends RemoteGraphQLDataSource<Context> {
      override willSendRequest(options: GraphQLDataSourceProcessOptions<Context>) {
        const headers = options.request.http?.headers;
        headers?.set(CALLER_HEADER, options.context.callerToken);
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
    const caller = token ? await verifyToken(token, authSecret) : PUBLIC_CALLER;
    return { callerToken: await signCaller(caller) };
  },
});
console.log(`apollo gateway ready at ${url}`);
