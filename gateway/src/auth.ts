import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { type Caller, isGovernment, PUBLIC_CALLER, PURPOSE_HEADER } from '#common/caller.ts';
import { type DirectoryDepartment, DirectoryUnavailable } from './directory.ts';
import { overLimit } from './rate-limits.ts';

export interface CallerContext {
  caller: Caller;
}

/** Turns a bearer token into its caller, or throws with the reason. */
export type TokenVerifier = (token: string) => Promise<Caller>;

const callers = new WeakMap<Request, Caller>();
const rateKeys = new WeakMap<Request, string>();

/** The caller of a request that passed `useCallerAuthentication`; PUBLIC otherwise. */
export const callerOf = (request: Request): Caller => callers.get(request) ?? PUBLIC_CALLER;

/** Whom a request counts against: a token's role, department and subject, or a PUBLIC client's address. */
export const rateKeyOf = (context: { request: Request }): string =>
  rateKeys.get(context.request) ?? 'unknown';

/** A refusal before GraphQL runs: the status, and a GraphQL error body with its code. */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Verifies the bearer token and counts the request against its caller's rate, before anything
 * is parsed: a refused or throttled request costs a signature check and nothing more. No token is
 * PUBLIC, counted per client address; a bad one is refused rather than downgraded, so a
 * department whose token expired finds out at once.
 */
export function useCallerAuthentication(
  verify: TokenVerifier,
  options: {
    /** The paths it guards: GraphQL, and the prefix of the bulk exports. */
    paths: string[];
    requestsPerMinute: number;
    /** Counts requests per caller; none is no limit. */
    limiter?: RateLimiterAbstract;
    /** The department of a code in the directory, if there is one. */
    departmentOf(code: string): Promise<DirectoryDepartment | undefined>;
  },
): GatewayPlugin<CallerContext> {
  const { limiter } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (
        !options.paths.some((path) =>
          path.endsWith('/') ? url.pathname.startsWith(path) : url.pathname === path,
        )
      )
        return;
      const header = request.headers.get('authorization');
      let caller = PUBLIC_CALLER;
      if (header) {
        const [scheme, token] = header.split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token) {
          return endResponse(
            errorResponse(
              fetchAPI,
              401,
              'UNAUTHENTICATED',
              'The Authorization header must be "Bearer <token>".',
            ),
          );
        }
        try {
          caller = await verify(token);
          const department = caller.dept ? await options.departmentOf(caller.dept) : undefined;
          if (caller.dept && !department)
            throw new Error(`department ${caller.dept} is not in the directory`);
          if (caller.role === 'CREDIT_OFFICE' && department && !department.isCreditOffice)
            throw new Error(`${caller.dept} is not a credit office; a CREDIT_OFFICE token names its own`);
        } catch (error) {
          if (error instanceof DirectoryUnavailable) {
            return endResponse(
              errorResponse(
                fetchAPI,
                503,
                'SERVICE_UNAVAILABLE',
                'The department directory cannot be read just now; try again shortly.',
              ),
            );
          }
          const reason = error instanceof Error ? error.message : 'invalid';
          return endResponse(
            errorResponse(
              fetchAPI,
              401,
              'UNAUTHENTICATED',
              `The bearer token was refused (${reason}). Ask for a new token.`,
            ),
          );
        }
        const purpose = statedPurpose(request.headers.get(PURPOSE_HEADER));
        if (purpose instanceof Error) {
          return endResponse(errorResponse(fetchAPI, 400, 'BAD_USER_INPUT', purpose.message));
        }
        if (purpose && isGovernment(caller)) caller = { ...caller, purpose };
      }
      const address = (serverContext as { req?: { socket?: { remoteAddress?: string } } }).req?.socket
        ?.remoteAddress;
      const key =
        caller.role === 'PUBLIC'
          ? `address:${address ?? 'unknown'}`
          : `${caller.role}:${caller.dept ?? ''}:${caller.subject ?? ''}`;
      rateKeys.set(request, key);
      const refused = await overLimit(limiter, key, `${options.requestsPerMinute} requests`);
      if (refused) {
        return endResponse(
          errorResponse(fetchAPI, 429, 'RATE_LIMITED', refused.message, {
            'retry-after': String(refused.retryAfterSeconds),
          }),
        );
      }
      callers.set(request, caller);
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ caller: callerOf(context.request) });
    },
  };
}

const MAX_PURPOSE = 200;

/** The X-Query-Purpose header: percent-encoded UTF-8 text, at most 200 characters. */
export function statedPurpose(header: string | null): string | Error | undefined {
  if (header === null) return undefined;
  let purpose: string;
  try {
    purpose = decodeURIComponent(header).normalize('NFC').trim();
  } catch {
    return new Error('X-Query-Purpose must be percent-encoded UTF-8 text (encodeURIComponent).');
  }
  if (purpose.length === 0) return undefined;
  if (/\p{Cc}/u.test(purpose))
    return new Error('X-Query-Purpose must not contain control characters such as NUL.');
  if (purpose.length > MAX_PURPOSE)
    return new Error(`X-Query-Purpose is ${purpose.length} characters; at most ${MAX_PURPOSE} are allowed.`);
  return purpose;
}
