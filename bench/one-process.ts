import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { type DocumentNode, execute, type GraphQLSchema, getOperationAST, parse, validate } from 'graphql';
import { type Caller, PUBLIC_CALLER, verifyToken } from '#common/caller.ts';
import { port, SUBGRAPHS, type SubgraphName, secret, subgraphUrlFromEnv } from '#common/config.ts';
import { openDatabase } from '#common/db.ts';
import { sendJson } from '#common/http.ts';
import { peersAt } from '#common/peers.ts';
import { loadTypeDefs } from '#common/subgraph.ts';
import { supergraphFile } from '../schema/compose.ts';
import { MODULES } from '../scripts/stack.ts';

/**
 * The benchmark's floor: the same supergraph, the same four subgraph schemas and resolvers on the
 * same database, in one process. The planner calls each subgraph's schema in memory, so there is
 * no HTTP hop, no second serialisation and no per-subgraph process; what the gateway costs beyond
 * this is the price of running the domains as separate services.
 */
interface RequestContext {
  caller: Caller;
  operationName: string | undefined;
  subgraphContexts: Map<SubgraphName, object>;
}

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

const schema = getStitchedSchemaFromSupergraphSdl({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  onSubschemaConfig(config) {
    const name = config.name.toLowerCase() as SubgraphName;
    const subgraph = subgraphs.get(name);
    if (!subgraph) throw new Error(`no subgraph ${config.name}`);
    config.executor = ((request: {
      document: DocumentNode;
      variables?: Record<string, unknown>;
      operationName?: string;
      context?: RequestContext;
    }) => {
      const context = request.context as RequestContext;
      let subgraphContext = context.subgraphContexts.get(name);
      if (!subgraphContext) {
        subgraphContext = subgraph.context(context.caller, context.operationName);
        context.subgraphContexts.set(name, subgraphContext);
      }
      return execute({
        schema: subgraph.schema,
        document: request.document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue: subgraphContext,
      });
    }) as typeof config.executor;
  },
});

const documents = new Map<string, DocumentNode | readonly Error[]>();
function documentOf(query: string) {
  let document = documents.get(query);
  if (!document) {
    const parsed = parse(query);
    const errors = validate(schema, parsed);
    document = errors.length > 0 ? errors : parsed;
    documents.set(query, document);
  }
  return document;
}

const authSecret = secret('AUTH_SECRET');
const server = createServer(async (req, res) => {
  if (req.url === '/readyz') return sendJson(res, 200, { status: 'ready' });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const token = req.headers.authorization?.replace(/^Bearer /i, '');
    const caller = token ? await verifyToken(token, authSecret) : PUBLIC_CALLER;
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const document = documentOf(body.query);
    if (Array.isArray(document)) return sendJson(res, 400, { errors: document });
    const result = await execute({
      schema,
      document: document as DocumentNode,
      variableValues: body.variables,
      operationName: body.operationName,
      contextValue: {
        caller,
        operationName: getOperationAST(document as DocumentNode, body.operationName)?.name?.value,
        subgraphContexts: new Map(),
      } satisfies RequestContext,
    });
    sendJson(res, 200, result);
  } catch (error) {
    sendJson(res, 400, { errors: [{ message: (error as Error).message }] });
  }
});
const listenPort = port('ONE_PROCESS_PORT', 4020);
server.listen(listenPort, '127.0.0.1', () => {
  console.log(`one-process floor ready at http://127.0.0.1:${listenPort}/graphql`);
});
