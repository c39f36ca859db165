import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { type Caller, PUBLIC_CALLER, verifyToken } from '#common/caller.ts';

export interface CallerContext {
  caller: Caller;
}

function unauthenticated(message: string) {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * Verifies the bearer JWT (HS256) and puts its caller in the context. No token is PUBLIC; a bad
 * one is refused rather than downgraded, so a department whose token expired finds out at once.
 */
export function useBearerAuth(authSecret: string): GatewayPlugin<CallerContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const header = context.request.headers.get('authorization');
      if (!header) return extendContext({ caller: PUBLIC_CALLER });
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw unauthenticated('The Authorization header must be "Bearer <token>".');
      }
      try {
        extendContext({ caller: await verifyToken(token, authSecret) });
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'invalid';
        throw unauthenticated(`The bearer token was refused (${reason}). Ask for a new token.`);
      }
    },
  };
}
