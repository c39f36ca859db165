import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, getOperationAST, parse } from 'graphql';
import { CALLER_HEADER, EVENTS_AUDIENCE, type InternalCaller, internalRequestVerifier } from './caller.ts';
import { secret } from './config.ts';
import { requestScope } from './db.ts';
import { PUBLIC_ERROR_CODES } from './errors.ts';
import { OffContract } from './event-contract.ts';
import { EVENTS_HEADER, EVENTS_PATH, type PlatformEvent } from './events.ts';
import { type ExportHandler, type ExportSource, writeExport } from './exports.ts';
import { EXPORTS_PATH, listenOn, OPERATION_HEADER, requestsInFlight, sendError, sendJson } from './http.ts';
import { errorFields, type Log, serviceLog } from './log.ts';
import { routeLabel, type ServiceMetrics, serviceMetrics } from './metrics.ts';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface SubgraphDefinition<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolver map; its context type is the subgraph's own. */
  resolvers: object;
  createContext(caller: InternalCaller, request: RequestFacts): C;
  /** Applies events from other subgraphs; absent when the service consumes none. */
  consume?(events: PlatformEvent[]): Promise<void>;
  /** Bulk exports by name (`listings` answers GET /exports/listings.csv and .ndjson), asked through the gateway. */
  exports?: Record<string, ExportHandler>;
  /** Readiness: resolves when the service can answer (its database is reachable). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface RequestFacts {
  /** The request is a mutation, so it reads from the primary what it has just written. */
  writes: boolean;
  /** The client's operation, as the gateway names it; the subgraph's own document may be anonymous. */
  operationName?: string;
}

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

const isExpected = (code: unknown) =>
  typeof code === 'string' &&
  (PUBLIC_ERROR_CODES.has(code) ||
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'GRAPHQL_PARSE_FAILED' ||
    code === 'BAD_REQUEST');

/** Errors a clerk can act on pass through; anything else is answered without details (and logged by `useRequestLog`). */
export function maskUnexpectedError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isExpected(formatted.extensions?.code)) return formatted;
  return {
    message: 'Internal error; the request was not completed. Try again or report the request id.',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

const requestIds = new WeakMap<object, string>();

/** Counts every error by code and logs the unexpected ones, with the request id the gateway sent. */
function useRequestLog(log: Log, metrics: ServiceMetrics): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.countError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
            if (!isExpected(code)) {
              log.error(
                {
                  requestId: requestIds.get(contextValue),
                  operationName,
                  path: error.path,
                  ...errorFields(error.originalError ?? error),
                },
                'unexpected error',
              );
            }
          }
        },
      };
    },
  };
}

const ROUTES = ['/graphql', '/healthz', '/readyz', '/metrics', EVENTS_PATH] as const;

/** The subgraph's executable schema, with the federation fields (`_entities`, `_service`). */
export function subgraphSchema(definition: Pick<SubgraphDefinition<BaseContext>, 'typeDefs' | 'resolvers'>) {
  return buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
}

export async function serveSubgraph<C extends BaseContext>(
  definition: SubgraphDefinition<C>,
  options: {
    port: number;
    host?: string;
    /**
     * Counts the SQL each request runs (`Database.statements()`), for the tests that prove
     * batching. The count follows a request through an AsyncLocalStorage, which on Node 20 hooks
     * every promise: a screening of 1,000 identifiers cost lists a quarter more CPU with it.
     */
    countStatements?: boolean;
  },
): Promise<RunningService> {
  const log = serviceLog(definition.name);
  const metrics = serviceMetrics(definition.name);
  const apollo = new ApolloServer<C>({
    schema: subgraphSchema(definition),
    includeStacktraceInErrorResponses: false,
    // The service drains its requests on SIGTERM itself, then stops Apollo Server (`stop`).
    stopOnTerminationSignals: false,
    formatError: maskUnexpectedError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are set or read (the gateway keeps its own cache); the plugin cost every field a hook.
      ApolloServerPluginCacheControlDisabled(),
      useRequestLog(log, metrics),
    ],
  });
  await apollo.start();
  const verifyCaller = internalRequestVerifier(secret('SUBGRAPH_SECRET'));
  const verifyEventSender = internalRequestVerifier(secret('SUBGRAPH_SECRET'), EVENTS_AUDIENCE);

  const inFlight = requestsInFlight();
  const server = createServer((req, res) => {
    inFlight.track(res);
    const started = performance.now();
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    const url = new URL(req.url ?? '/', 'http://subgraph');
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.observe(routeLabel(url.pathname, ROUTES), res.statusCode, seconds);
      if (url.pathname === '/metrics' || url.pathname === '/healthz') return;
      log.info(
        {
          requestId,
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    handle(req, res, url, requestId).catch((error) => {
      log.error({ requestId, ...errorFields(error) }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error' }] });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: definition.name });
    if (url.pathname === '/metrics') {
      const { contentType, body } = await metrics.render();
      res.setHeader('content-type', contentType);
      return res.end(body);
    }
    if (url.pathname === '/readyz') {
      try {
        await definition.ready();
        return sendJson(res, 200, { status: 'ready', service: definition.name });
      } catch (error) {
        return sendJson(res, 503, { status: 'unavailable', service: definition.name, reason: String(error) });
      }
    }
    if (url.pathname === EVENTS_PATH && definition.consume && req.method === 'POST') {
      return receiveEvents(req, res, definition.consume);
    }
    if (url.pathname.startsWith(EXPORTS_PATH) && definition.exports && req.method === 'GET')
      return serveExport(req, res, url, definition.exports);
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    const raw = req.method === 'POST' ? await readBody(req, res) : url.search;
    if (raw === BODY_REJECTED) return;
    const caller = await signedCaller(req, res, raw);
    if (!caller) return;
    const body = req.method === 'POST' ? parseJson(raw, res) : undefined;
    if (body === BODY_REJECTED) return;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => {
          const context = definition.createContext(caller, {
            writes: isMutation(body),
            operationName: headerValue(req.headers[OPERATION_HEADER]),
          });
          requestIds.set(context, requestId);
          return context;
        },
      });
    const response = await (options.countStatements ? requestScope.run(true, execute) : execute());
    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') return res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** The caller the gateway signed into this request, bound to `raw`; null once refused with 401. */
  async function signedCaller(req: IncomingMessage, res: ServerResponse, raw: string) {
    const token = req.headers[CALLER_HEADER];
    try {
      if (typeof token !== 'string') throw new Error('missing');
      return await verifyCaller(token, raw);
    } catch {
      sendError(res, 401, 'UNAUTHENTICATED', 'Subgraphs answer only requests signed by the gateway.');
      return null;
    }
  }

  async function serveExport(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    exports: Record<string, ExportHandler>,
  ) {
    const caller = await signedCaller(req, res, url.search);
    if (!caller) return;
    const [name, format] = url.pathname.slice(EXPORTS_PATH.length).split('.');
    const handler = name ? exports[name] : undefined;
    if (!handler || (format !== 'csv' && format !== 'ndjson'))
      return sendError(res, 404, 'NOT_FOUND', `No export ${url.pathname}.`);
    let source: ExportSource;
    try {
      source = await handler(caller, url.searchParams);
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      const status = { BAD_USER_INPUT: 400, FORBIDDEN: 403, NOT_FOUND: 404 }[code];
      if (!status || !(error instanceof GraphQLError)) throw error;
      return sendJson(res, status, { errors: [{ message: error.message, extensions: error.extensions }] });
    }
    try {
      await writeExport(res, name as string, format, source);
    } catch (error) {
      log.error({ export: name, error: String(error) }, 'export failed');
      // The rows already sent cannot be taken back; a cut connection tells the client the file is incomplete.
      if (res.headersSent) res.destroy();
      else
        sendError(
          res,
          503,
          'SERVICE_UNAVAILABLE',
          'The export could not be read just now; try again shortly.',
        );
    }
  }

  async function receiveEvents(
    req: IncomingMessage,
    res: ServerResponse,
    consume: (events: PlatformEvent[]) => Promise<void>,
  ) {
    const raw = await readBody(req, res);
    if (raw === BODY_REJECTED) return;
    const token = req.headers[EVENTS_HEADER];
    try {
      if (typeof token !== 'string') throw new Error('missing');
      await verifyEventSender(token, raw);
    } catch {
      return sendJson(res, 401, { error: 'events must be signed by a platform service' });
    }
    const body = parseJson(raw, res) as { events?: PlatformEvent[] } | typeof BODY_REJECTED;
    if (body === BODY_REJECTED) return;
    if (!Array.isArray(body?.events)) return sendJson(res, 400, { error: 'expected { events: [...] }' });
    try {
      await consume(body.events);
    } catch (error) {
      if (!(error instanceof OffContract)) throw error;
      log.error({ error: error.message }, 'event refused');
      return sendJson(res, 400, { error: error.message });
    }
    res.statusCode = 204;
    res.end();
  }

  await listenOn(server, options.port, options.host ?? '127.0.0.1', `${definition.name.toUpperCase()}_PORT`);
  const { port } = server.address() as AddressInfo;
  return {
    name: definition.name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    async stop() {
      await inFlight.drain(server);
      await apollo.stop();
      await definition.close();
    },
  };
}

const BODY_REJECTED = Symbol('body rejected');

async function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | typeof BODY_REJECTED> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      sendError(res, 413, 'BAD_REQUEST', 'Request body too large');
      return BODY_REJECTED;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string, res: ServerResponse): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    sendError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
    return BODY_REJECTED;
  }
}

const operationTypes = new Map<string, string | undefined>();

/**
 * Whether a request writes, from its parsed operation (a document may start with a comment or a
 * fragment, so its text cannot tell): mutations read from the primary what they have just written.
 * A document that does not parse is answered by Apollo Server with the parse error.
 */
function isMutation(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  const key = `${typeof operationName === 'string' ? operationName : ''}\n${query}`;
  if (!operationTypes.has(key)) {
    let type: string | undefined;
    try {
      type = getOperationAST(
        parse(query),
        typeof operationName === 'string' ? operationName : undefined,
      )?.operation;
    } catch {
      type = undefined;
    }
    if (operationTypes.size > 1_000) operationTypes.clear();
    operationTypes.set(key, type);
  }
  return operationTypes.get(key) === 'mutation';
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
