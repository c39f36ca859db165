import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { wholeNumber } from '#common/config.ts';

/** What one request may ask of the platform. Every contract operation fits well inside the defaults. */
export interface GatewayLimits {
  /** Nesting of selections; the deepest contract operation (DepartmentInbox) is 6. */
  maxDepth: number;
  /** Aliases per operation: many aliases of one field multiply its cost without deepening the query. */
  maxAliases: number;
  /** Tokens of the document; variables do not count, so 1,000 identifiers to screen fit. */
  maxTokens: number;
  /** graphql-armor's static cost; SubjectProfile, the costliest contract operation, is under 500. */
  maxCost: number;
  maxBodyBytes: number;
  /** Requests per minute for each caller (a token's role, department and subject, or a PUBLIC client's address); 0 is no limit. */
  requestsPerMinute: number;
  /** Introspection for PUBLIC callers; data teams use tokens, so it stays on for them. */
  publicIntrospection: boolean;
  /** PUBLIC callers (portals) may send only the trusted documents of schema/trusted-documents.json. */
  publicTrustedDocumentsOnly: boolean;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 5_000,
  maxBodyBytes: 2 * 1024 * 1024,
  requestsPerMinute: 1_200,
  publicIntrospection: true,
  publicTrustedDocumentsOnly: false,
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
    costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true, ...armor('QUERY_TOO_COSTLY') }),
  ] as GatewayPlugin[];
}
