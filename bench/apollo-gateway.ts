import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER, internalCallerSigner, PUBLIC_CALLER, verifyToken } from '#common/caller.ts';
import { port, secret } from '#common/config.ts';
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
      override willSendRequest({
        request,
        context,
      }: Parameters<RemoteGraphQLDataSource<Context>['willSendRequest']>[0]) {
        request.http?.headers.set(CALLER_HEADER, context.callerToken);
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
