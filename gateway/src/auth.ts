import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type Caller, PUBLIC_CALLER } from '#common/caller.ts';

export interface CallerContext {
  caller: Caller;
}

/** Turns a bearer token into its caller, or throws with the reason. */
export type TokenVerifier = (token: string) => Promise<Caller>;

const callers = new WeakMap<Request, Caller>();

/** The caller of a request that passed `useCallerAuthentication`; PUBLIC otherwise. */
export const callerOf = (request: Request): Caller => callers.get(request) ?? PUBLIC_CALLER;

function errorResponse(
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
  options: { graphqlPath: string; requestsPerMinute: number },
): GatewayPlugin<CallerContext> {
  const limiter =
    options.requestsPerMinute > 0
      ? new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 })
      : undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== options.graphqlPath) return;
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
        } catch (error) {
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
      }
      if (limiter) {
        const address = (serverContext as { req?: { socket?: { remoteAddress?: string } } }).req?.socket
          ?.remoteAddress;
        const key =
          caller.role === 'PUBLIC'
            ? `address:${address ?? 'unknown'}`
            : `${caller.role}:${caller.dept ?? ''}:${caller.subject ?? ''}`;
        try {
          await limiter.consume(key);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          return endResponse(
            errorResponse(
              fetchAPI,
              429,
              'RATE_LIMITED',
              `More than ${options.requestsPerMinute} requests in a minute from this caller; try again in ${seconds} s.`,
              { 'retry-after': String(seconds) },
            ),
          );
        }
      }
      callers.set(request, caller);
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ caller: callerOf(context.request) });
    },
  };
}
