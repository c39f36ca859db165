import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { type DocumentNode, execute, type GraphQLSchema } from 'graphql';
import type { Caller } from '#common/caller.ts';
import { port, SUBGRAPHS, type SubgraphName, subgraphUrlFromEnv } from '#common/config.ts';
import { openDatabase } from '#common/db.ts';
import { peersAt } from '#common/peers.ts';
import { subgraphSchema } from '#common/server.ts';
import { loadTypeDefs } from '#common/subgraph.ts';
import { callerOf, useCallerAuthentication } from '../gateway/src/auth.ts';
import { departmentDirectory } from '../gateway/src/directory.ts';
import { tokenVerifier } from '../gateway/src/gateway.ts';
import { operationNameOf, useOperationRecords } from '../gateway/src/operations.ts';
import { supergraphFile, trustedDocumentsFile } from '../schema/files.ts';
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
    schema: subgraphSchema({ typeDefs: loadTypeDefs(module.schemaFile), resolvers: module.resolvers }),
    context: (caller, operationName) =>
      module.createContext(database.db, caller, peers, { writes: false, operationName }),
  });
}

/** Each gateway request's context for each subgraph, made on its first call there. */
const subgraphContexts = new WeakMap<object, Map<SubgraphName, object>>();

function inMemoryExecutor(name: SubgraphName) {
  const subgraph = subgraphs.get(name);
  if (!subgraph) throw new Error(`no subgraph ${name}`);
  return async (request: {
    document: DocumentNode;
    variables?: Record<string, unknown>;
    context?: object;
  }) => {
    const context = request.context as { request: Request };
    let contexts = subgraphContexts.get(context);
    if (!contexts) {
      contexts = new Map();
      subgraphContexts.set(context, contexts);
    }
    let subgraphContext = contexts.get(name);
    if (!subgraphContext) {
      subgraphContext = subgraph.context(callerOf(context.request), operationNameOf(context));
      contexts.set(name, subgraphContext);
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
  // The gateway's own token check, without its rate limit: the same work per request as ours.
  plugins: () => [
    useCallerAuthentication(tokenVerifier(), {
      paths: ['/graphql'],
      requestsPerMinute: 0,
      departmentOf: departmentDirectory(subgraphUrlFromEnv('lists')),
    }),
    useOperationRecords(new Set(Object.keys(JSON.parse(readFileSync(trustedDocumentsFile, 'utf8'))))),
  ],
  readinessCheckEndpoint: '/readyz',
  landingPage: false,
});

const listenPort = port('ONE_PROCESS_PORT', 4020);
createServer(gateway).listen(listenPort, '127.0.0.1', () => {
  console.log(`one-process floor ready at http://127.0.0.1:${listenPort}/graphql`);
});
