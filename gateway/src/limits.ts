import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { wholeNumber } from '#common/config.ts';
import { deduplicateEnumLists, inspectOperation } from './cost.ts';
import { overLimit } from './rate-limits.ts';

/** What one request may ask of the platform. Every contract operation fits well inside the defaults. */
export interface GatewayLimits {
  /** Nesting of selections; the deepest contract operation (DepartmentInbox) is 6. */
  maxDepth: number;
  /** Aliases per operation: many aliases of one field multiply its cost without deepening the query. */
  maxAliases: number;
  /** Tokens of the document; variables do not count, so 1,000 identifiers to screen fit. */
  maxTokens: number;
  /**
   * The estimated cost with the variables (`inspectOperation`): every field once per item it is
   * resolved for, and every item of its list arguments. A screening of 1,000 identifiers as the
   * contract writes it costs about 7,000, SubjectProfile about 4,000.
   */
  maxCost: number;
  maxBodyBytes: number;
  /** Requests per minute for each caller (a token's role, department and subject, or a PUBLIC client's address); 0 is no limit. */
  requestsPerMinute: number;
  /** Public person checks (`personCheck`) per minute for each caller, as Credit China limits its query; 0 is no limit. */
  personChecksPerMinute: number;
  /**
   * Requests estimated at this cost or more (a screening of hundreds of identifiers) are heavy:
   * each caller may send `heavyPerMinute` of them, a tenth in any 6 s (429 RATE_LIMITED past it),
   * and at most
   * `heavyConcurrency` run at once per gateway while the rest wait their turn, so a few such
   * clients cannot take the cores from everyone else's light requests.
   */
  heavyCost: number;
  heavyPerMinute: number;
  heavyConcurrency: number;
  /** Introspection for PUBLIC callers; data teams use tokens, so it stays on for them. */
  publicIntrospection: boolean;
  /** PUBLIC callers (portals) may send only the trusted documents of schema/trusted-documents.json. */
  publicTrustedDocumentsOnly: boolean;
  /** Origins whose browser pages may call the gateway (CORS); none by default, GraphiQL being same-origin. */
  corsOrigins: string[];
  /**
   * How long a PUBLIC answer may be served from the gateway's response cache, in seconds; 0 turns
   * the cache off. Changes in the change feed invalidate it within a second; this bounds the rest.
   */
  publicCacheSeconds: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 10_000,
  maxBodyBytes: 2 * 1024 * 1024,
  requestsPerMinute: 1_200,
  personChecksPerMinute: 30,
  heavyCost: 5_000,
  heavyPerMinute: 30,
  heavyConcurrency: 1,
  publicIntrospection: true,
  publicTrustedDocumentsOnly: false,
  corsOrigins: [],
  publicCacheSeconds: 30,
};

function flag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new Error(`${name} must be on or off, got "${raw}"`);
}

/** The limits of a deployment: each has an environment variable, documented in the README. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayLimits {
  return {
    maxDepth: wholeNumber('MAX_DEPTH', env.MAX_DEPTH, DEFAULT_LIMITS.maxDepth),
    maxAliases: wholeNumber('MAX_ALIASES', env.MAX_ALIASES, DEFAULT_LIMITS.maxAliases),
    maxTokens: wholeNumber('MAX_TOKENS', env.MAX_TOKENS, DEFAULT_LIMITS.maxTokens),
    maxCost: wholeNumber('MAX_COST', env.MAX_COST, DEFAULT_LIMITS.maxCost),
    maxBodyBytes: wholeNumber('MAX_BODY_BYTES', env.MAX_BODY_BYTES, DEFAULT_LIMITS.maxBodyBytes),
    requestsPerMinute: wholeNumber(
      'RATE_LIMIT_PER_MINUTE',
      env.RATE_LIMIT_PER_MINUTE,
      DEFAULT_LIMITS.requestsPerMinute,
    ),
    personChecksPerMinute: wholeNumber(
      'PERSON_CHECKS_PER_MINUTE',
      env.PERSON_CHECKS_PER_MINUTE,
      DEFAULT_LIMITS.personChecksPerMinute,
    ),
    publicIntrospection: flag(
      'PUBLIC_INTROSPECTION',
      env.PUBLIC_INTROSPECTION,
      DEFAULT_LIMITS.publicIntrospection,
    ),
    publicTrustedDocumentsOnly: flag(
      'PUBLIC_TRUSTED_DOCUMENTS_ONLY',
      env.PUBLIC_TRUSTED_DOCUMENTS_ONLY,
      DEFAULT_LIMITS.publicTrustedDocumentsOnly,
    ),
    heavyCost: wholeNumber('HEAVY_COST', env.HEAVY_COST, DEFAULT_LIMITS.heavyCost),
    heavyPerMinute: wholeNumber('HEAVY_PER_MINUTE', env.HEAVY_PER_MINUTE, DEFAULT_LIMITS.heavyPerMinute),
    heavyConcurrency: wholeNumber(
      'HEAVY_CONCURRENCY',
      env.HEAVY_CONCURRENCY,
      DEFAULT_LIMITS.heavyConcurrency,
    ),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    publicCacheSeconds: wholeNumber(
      'PUBLIC_CACHE_SECONDS',
      env.PUBLIC_CACHE_SECONDS,
      DEFAULT_LIMITS.publicCacheSeconds,
    ),
  };
}

/** graphql-armor reports a bare "Syntax Error"; clients get a code to branch on and the limit to respect. */
const rejectWith =
  (code: string): GraphQLArmorRejectCallback =>
  (context, error) => {
    const message = error.message.replace(/^Syntax Error: /, '');
    const coded = new GraphQLError(message, { extensions: { code } });
    if (context) context.reportError(coded);
    else throw coded;
  };

const armor = (code: string) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [rejectWith(code)],
});

export function useQueryLimits(limits: GatewayLimits): GatewayPlugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...armor('QUERY_TOO_LARGE') }),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, ...armor('QUERY_TOO_DEEP') }),
    maxAliasesPlugin({ n: limits.maxAliases, ...armor('TOO_MANY_ALIASES') }),
  ] as GatewayPlugin[];
}

const refusal = (message: string, code: string, extensions: Record<string, unknown> = {}) => ({
  errors: [new GraphQLError(message, { extensions: { code, ...extensions } })],
});

/**
 * Checks what an operation asks with its variables, before any subgraph is called: lists of enum
 * values de-duplicated (so capped at the enum's size), its cost, a
 * NUL character in any argument (PostgreSQL stores none), and the public person check's own
 * limit of one person per request and `personChecksPerMinute` per caller.
 */
export function useOperationChecks(
  limits: GatewayLimits,
  rateKeyOf: (context: { request: Request }) => string,
  perCaller: { personChecks?: RateLimiterAbstract; heavy?: RateLimiterAbstract } = {},
): GatewayPlugin {
  const heavyTurns = turns(Math.max(1, limits.heavyConcurrency));
  return {
    async onExecute({ args, setResultAndStopExecution, executeFn, setExecuteFn }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      deduplicateEnumLists(args.schema, args.document, args.operationName, variables);
      const { cost, nulIn, rootFields } = inspectOperation(
        args.schema,
        args.document,
        args.operationName,
        variables,
      );
      if (nulIn) {
        return setResultAndStopExecution(
          refusal(
            `${nulIn} contains a NUL character (\\u0000); remove it and send again.`,
            'BAD_USER_INPUT',
            {
              field: nulIn,
            },
          ),
        );
      }
      if (cost > limits.maxCost) {
        return setResultAndStopExecution(
          refusal(
            `Query Cost limit of ${limits.maxCost} exceeded, found ${cost}: ask for fewer items, pages or fields per request.`,
            'QUERY_TOO_COSTLY',
          ),
        );
      }
      const checks = rootFields.get('personCheck') ?? 0;
      if (checks > 1) {
        return setResultAndStopExecution(
          refusal('A person check asks about one person per request.', 'BAD_USER_INPUT', {
            field: 'personCheck',
          }),
        );
      }
      const refuse = async (limiter: RateLimiterAbstract | undefined, what: string) => {
        const refused = await overLimit(limiter, rateKeyOf(args.contextValue as { request: Request }), what);
        if (refused)
          setResultAndStopExecution(
            refusal(refused.message, 'RATE_LIMITED', {
              http: { status: 429, headers: { 'retry-after': String(refused.retryAfterSeconds) } },
            }),
          );
        return Boolean(refused);
      };
      if (
        checks === 1 &&
        (await refuse(perCaller.personChecks, `${limits.personChecksPerMinute} person checks`))
      )
        return;
      if (cost >= limits.heavyCost) {
        const heavy = `${limits.heavyPerMinute} requests of cost ${limits.heavyCost} or more`;
        if (await refuse(perCaller.heavy, heavy)) return;
        const release = await heavyTurns.take();
        setExecuteFn((executeArgs) =>
          Promise.resolve()
            .then(() => executeFn(executeArgs))
            .finally(release),
        );
      }
    },
  };
}

/** A queue of turns: at most `concurrency` holders at once, the others wait in order. */
function turns(concurrency: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async take(): Promise<() => void> {
      if (running < concurrency) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    },
  };
}
