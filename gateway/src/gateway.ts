import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Logger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { type Caller, callerFromClaims, checkLifetime, verifyToken } from '#common/caller.ts';
import { SUBGRAPHS, type SubgraphName, secret, wholeNumber } from '#common/config.ts';
import { EXPORTS_PATH, listenOn, requestsInFlight, sendError } from '#common/http.ts';
import { serviceLog } from '#common/log.ts';
import { serviceMetrics } from '#common/metrics.ts';
import type { RunningService } from '#common/server.ts';
import { supergraphFile, trustedDocumentsFile } from '../../schema/files.ts';
import {
  type CallerContext,
  callerOf,
  rateKeyOf,
  type TokenVerifier,
  useCallerAuthentication,
} from './auth.ts';
import { departmentDirectory } from './directory.ts';
import { maskGatewayError, useCodedVariableErrors, useDataOnExecutionErrors } from './errors.ts';
import { useExports } from './exports.ts';
import { useServiceErrorsAtFields } from './field-paths.ts';
import { renderGraphiQL, useOfflineGraphiQLAssets } from './graphiql.ts';
import { type GatewayLimits, limitsFromEnv, useOperationChecks, useQueryLimits } from './limits.ts';
import { useRequestLogAndMetrics } from './observability.ts';
import { trustedDocumentId, useOperationRecords, useSignedSubgraphRequests } from './operations.ts';
import { publicResponseCache } from './public-cache.ts';
import { rateLimiters } from './rate-limits.ts';

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** A query GraphiQL opens with. */
  exampleQuery?: string;
  /** Query, body and rate limits; from the environment when omitted. */
  limits?: Partial<GatewayLimits>;
  /** Redis for rate limits shared by every gateway replica; REDIS_URL when omitted, memory without. */
  redisUrl?: string;
}

const GRAPHQL_PATH = '/graphql';

/** The longest a client's token may live (`exp` after its issue), 12 hours unless configured. */
const maxTokenLifetime = () =>
  wholeNumber('MAX_TOKEN_LIFETIME_SECONDS', process.env.MAX_TOKEN_LIFETIME_SECONDS, 12 * 3600);

/**
 * Tokens from the platform's identity provider when AUTH_JWKS_URL is set (RS256/ES256 keys it
 * publishes), otherwise HS256 with AUTH_SECRET. In production one of the two must be real. Either
 * way a token must carry `role` and an `exp` within the maximum lifetime.
 */
export function tokenVerifier(): TokenVerifier {
  const jwksUrl = process.env.AUTH_JWKS_URL;
  const maxLifetime = maxTokenLifetime();
  if (jwksUrl) {
    const keys = createRemoteJWKSet(new URL(jwksUrl));
    return remembered(async (token) => {
      const { payload } = await jwtVerify(token, keys);
      checkLifetime(payload, maxLifetime);
      return callerFromClaims(payload);
    });
  }
  const authSecret = secret('AUTH_SECRET');
  return remembered((token) => verifyToken(token, authSecret, maxLifetime));
}

const REMEMBERED_TOKENS = 10_000;

/**
 * A department system sends one token for as long as it lives, so a verified token is remembered
 * until its \`exp\` (10,000 at most): its signature is checked once, not on every request.
 */
function remembered(verify: TokenVerifier): TokenVerifier {
  const verified = new Map<string, { caller: Caller; expiresAt: number }>();
  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.expiresAt > now) return known.caller;
    const caller = Object.freeze(await verify(token));
    if (verified.size >= REMEMBERED_TOKENS)
      for (const [key, entry] of verified) if (entry.expiresAt <= now) verified.delete(key);
    if (verified.size >= REMEMBERED_TOKENS) verified.clear();
    verified.set(token, { caller, expiresAt: (decodeJwt(token).exp ?? 0) * 1000 });
    return caller;
  };
}

/**
 * Bodies are checked by their declared type and length before any byte is read: GraphQL comes
 * as JSON (a form post is a browser's cross-site request, not a client's), and chunked bodies
 * have no length to check.
 */
function bodyRefusal(req: IncomingMessage, maxBytes: number) {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && type !== 'application/json') {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send GraphQL requests as JSON: Content-Type: application/json, with "query" or "documentId".',
    };
  }
  if (req.headers['transfer-encoding'] && req.method === 'POST') {
    return { status: 411, code: 'LENGTH_REQUIRED', message: 'Send the request body with a Content-Length.' };
  }
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxBytes) {
    return {
      status: 413,
      code: 'BODY_TOO_LARGE',
      message: `The request body is ${length} bytes; at most ${maxBytes} are accepted.`,
    };
  }
  return undefined;
}

/**
 * The runtime disposes itself on SIGTERM (whatwg-node's `disposeOnProcessTerminate`, which the
 * gateway runtime sets), aborting requests in flight with SHUTTING_DOWN. The gateway drains its
 * requests first and disposes the runtime itself, so that listener is taken off as it is added.
 */
function keepRuntimeFromStoppingOnSignals() {
  process.on('newListener', (event, listener) => {
    if (listener.name === 'terminateHandler' && ['SIGTERM', 'SIGINT', 'exit'].includes(String(event)))
      queueMicrotask(() => process.removeListener(event, listener));
  });
}
keepRuntimeFromStoppingOnSignals();

/** The gateway over the checked-in supergraph, on Hive Gateway's runtime. */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const subgraphSecret = secret('SUBGRAPH_SECRET');
  const limiters = rateLimiters(options.redisUrl);
  await limiters.ready();
  const log = serviceLog('gateway');
  const metrics = serviceMetrics('gateway');
  const limits = { ...limitsFromEnv(), ...options.limits };
  const verify = tokenVerifier();
  const trusted: Record<string, string> = JSON.parse(readFileSync(trustedDocumentsFile, 'utf8'));
  const supergraph = readFileSync(supergraphFile, 'utf8');
  const isPublic = (request: Request) => callerOf(request).role === 'PUBLIC';
  const publicCache =
    limits.publicCacheSeconds > 0
      ? publicResponseCache(options.subgraphUrls.measures, limits.publicCacheSeconds)
      : undefined;
  const gateway = createGatewayRuntime<CallerContext>({
    supergraph,
    transportEntries: Object.fromEntries(
      SUBGRAPHS.map((name) => [
        name,
        // The executor shares one answer among identical subgraph requests in flight, keyed on
        // their bodies; the caller is signed in later (onFetch), so callers who see different
        // things, or whose reads must each be registered, would be handed one another's answer.
        { location: options.subgraphUrls[name], options: { deduplicateInflightRequests: false } },
      ]),
    ),
    graphqlEndpoint: GRAPHQL_PATH,
    unifiedGraphHandler,
    plugins: () => [
      useCallerAuthentication(verify, {
        paths: [GRAPHQL_PATH, EXPORTS_PATH],
        requestsPerMinute: limits.requestsPerMinute,
        limiter: limiters.perMinute('requests', limits.requestsPerMinute),
        departmentOf: departmentDirectory(options.subgraphUrls.lists),
      }),
      ...useQueryLimits(limits),
      useOperationChecks(limits, rateKeyOf, {
        personChecks: limiters.perMinute('person-checks', limits.personChecksPerMinute),
        heavy: limiters.perMinute('heavy', limits.heavyPerMinute, true),
      }),
      useExports(options.subgraphUrls, subgraphSecret),
      useOfflineGraphiQLAssets(),
      useCodedVariableErrors(),
      useDataOnExecutionErrors(),
      useServiceErrorsAtFields(supergraph),
      ...(publicCache ? [publicCache.plugin] : []),
      useOperationRecords(new Set(Object.keys(trusted))),
      useSignedSubgraphRequests(subgraphSecret),
      useRequestLogAndMetrics(log, metrics),
    ],
    persistedDocuments: {
      getPersistedOperation: (id) => trusted[id] ?? null,
      extractPersistedOperationId: (params) => trustedDocumentId(params),
      allowArbitraryDocuments: (request) => !(limits.publicTrustedDocumentsOnly && isPublic(request)),
      customErrors: {
        notFound: {
          message:
            'No trusted document has this id; the ids are the SHA-256 of schema/trusted-documents.json.',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
        },
        persistedQueryOnly: {
          message:
            'Requests without a token may send only trusted documents: send documentId instead of query.',
          extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
        },
      },
    },
    disableIntrospection: {
      disableIf: ({ context }) => !limits.publicIntrospection && isPublic(context.request),
    },
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    graphiql: { title: '联合奖惩 GraphQL', defaultQuery: options.exampleQuery },
    // Browsers may call from the origins in CORS_ORIGINS only; GraphiQL is same-origin and needs none.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && limits.corsOrigins.includes(origin)
        ? { origin: [origin], credentials: true, methods: ['GET', 'POST'] }
        : false;
    },
    renderGraphiQL,
    landingPage: false,
    maskedErrors: { maskError: (error, message) => maskGatewayError(error, message, log) },
    // The runtime's own lines (warnings, failures of subgraphs) go to the same JSON log as ours.
    logging: new Logger({
      level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
      writers: [new PinoLogWriter(log)],
    }),
  });

  const inFlight = requestsInFlight();
  const server = createServer((req, res) => {
    inFlight.track(res);
    const refusal = bodyRefusal(req, limits.maxBodyBytes);
    if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message);
    gateway(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await listenOn(server, options.port, host, 'GATEWAY_PORT');
  const { port } = server.address() as AddressInfo;
  return {
    name: 'gateway',
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`,
    /** Stops taking requests, finishes those in flight, then releases the runtime. */
    async stop() {
      await inFlight.drain(server);
      await publicCache?.stop();
      await gateway.dispose();
      await limiters.close();
    },
  };
}
