import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { type DocumentNode, execute, type GraphQLSchema } from 'graphql';
import { type Caller, PUBLIC_CALLER, verifyToken } from '#common/caller.ts';
import { port, SUBGRAPHS, type SubgraphName, secret, subgraphUrlFromEnv } from '#common/config.ts';
import { openDatabase } from '#common/db.ts';
import { peersAt } from '#common/peers.ts';
import { loadTypeDefs } from '#common/subgraph.ts';
import { operationNameOf, useOperationNames } from '../gateway/src/operations.ts';
import { supergraphFile } from '../schema/compose.ts';
import { MODULES } from '../scripts/stack.ts';

/**
 * The benchmark's floor: the same gateway runtime and query planner, the same four subgraph
 * schemas and resolvers on the same database, in one process. The planner calls each subgraph's
 * schema in memory: no HTTP hop, no second serialisation, no process per subgraph. What the
 * platform costs beyond this is the price of running the domains as separate services.
 */
const peers = peersAt(subgraphUrlFromEnv);
const subgraphs = new Map<
  string,
  { schema: GraphQLSchema; context(caller: Caller, operationName: string | undefined): object }
>();
for (const name of SUBGRAPHS) {
  const module = MODULES[name];
  const database = await openDatabase({
    service: name,
    schema: module.tables,
    migrationsFolder: module.migrationsFolder,
  });
  subgraphs.set(name, {
    schema: buildSubgraphSchema({
      typeDefs: loadTypeDefs(module.schemaFile),
      resolvers: module.resolvers as GraphQLResolverMap<unknown>,
    }),
    context: (caller, operationName) =>
      module.createContext(database.db, caller, peers, { writes: false, operationName }),
  });
}

const authSecret = secret('AUTH_SECRET');
/** Per gateway request: its caller, once verified, and each subgraph's context. */
const requests = new WeakMap<object, { caller: Promise<Caller>; contexts: Map<SubgraphName, object> }>();
function requestOf(context: { request: Request }) {
  let state = requests.get(context);
  if (!state) {
    const token = context.request.headers.get('authorization')?.replace(/^Bearer /i, '');
    state = {
      caller: token ? verifyToken(token, authSecret) : Promise.resolve(PUBLIC_CALLER),
      contexts: new Map(),
    };
    requests.set(context, state);
  }
  return state;
}

function inMemoryExecutor(name: SubgraphName) {
  const subgraph = subgraphs.get(name);
  if (!subgraph) throw new Error(`no subgraph ${name}`);
  return async (request: {
    document: DocumentNode;
    variables?: Record<string, unknown>;
    context?: object;
  }) => {
    const context = request.context as { request: Request };
    const state = requestOf(context);
    let subgraphContext = state.contexts.get(name);
    if (!subgraphContext) {
      subgraphContext = subgraph.context(await state.caller, operationNameOf(context));
      state.contexts.set(name, subgraphContext);
    }
    return execute({
      schema: subgraph.schema,
      document: request.document,
      variableValues: request.variables,
      contextValue: subgraphContext,
    });
  };
}

const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraphFile, 'utf8'),
  unifiedGraphHandler,
  transportEntries: Object.fromEntries(SUBGRAPHS.map((name) => [name, { kind: 'in-memory' }])),
  transports: {
    'in-memory': {
      // The transport's Executor is generic in its result; graphql's execute answers a plain one.
      getSubgraphExecutor: ({ subgraphName }) => inMemoryExecutor(subgraphName as SubgraphName) as never,
    },
  },
  plugins: () => [useOperationNames()],
  readinessCheckEndpoint: '/readyz',
  landingPage: false,
});

const listenPort = port('ONE_PROCESS_PORT', 4020);
createServer(gateway).listen(listenPort, '127.0.0.1', () => {
  console.log(`one-process floor ready at http://127.0.0.1:${listenPort}/graphql`);
});
