import { jwtVerify, SignJWT } from 'jose';

export const ROLES = ['PUBLIC', 'SUBJECT', 'DEPARTMENT', 'CREDIT_OFFICE', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified claims of the bearer token, or PUBLIC without one. */
export interface Caller {
  role: Role;
  /** Department code, for DEPARTMENT (and a credit office's own department). */
  dept?: string;
  /** Subject id, for SUBJECT. */
  subject?: string;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ role: 'PUBLIC' });

/** The header in which the gateway passes the verified caller to the subgraphs. */
export const CALLER_HEADER = 'x-platform-caller';

/** Gateway → subgraph calls. */
export const SUBGRAPH_AUDIENCE = 'joint-credit-subgraphs';
/** Subgraph → subgraph event deliveries: a separate audience, so neither token opens the other door. */
export const EVENTS_AUDIENCE = 'joint-credit-events';
const INTERNAL_TTL_SECONDS = 120;

export class InvalidClaims extends Error {}

export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const role = claims.role ?? 'PUBLIC';
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidClaims(`role must be one of ${ROLES.join(', ')}`);
  }
  const caller: Caller = { role: role as Role };
  if (typeof claims.dept === 'string' && claims.dept) caller.dept = claims.dept;
  if (typeof claims.subject === 'string' && claims.subject) caller.subject = claims.subject;
  if (caller.role === 'DEPARTMENT' && !caller.dept)
    throw new InvalidClaims('a DEPARTMENT token needs a dept claim');
  if (caller.role === 'SUBJECT' && !caller.subject)
    throw new InvalidClaims('a SUBJECT token needs a subject claim');
  return caller;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export function signToken(
  claims: Caller,
  secret: string,
  options: { expiresIn?: string; audience?: string } = {},
) {
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.expiresIn) jwt.setExpirationTime(options.expiresIn);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(key(secret));
}

export async function verifyToken(token: string, secret: string, audience?: string): Promise<Caller> {
  const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], audience });
  return callerFromClaims(payload);
}

/**
 * The gateway signs the caller for the subgraphs with a secret only it and they share, so a
 * request that bypasses the gateway cannot claim a role. Signatures are cached per caller for
 * most of their lifetime: signing on every request would cost more than the request.
 */
export function internalCallerSigner(secret: string, audience = SUBGRAPH_AUDIENCE) {
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (caller: Caller): Promise<string> => {
    const cacheKey = `${caller.role}|${caller.dept ?? ''}|${caller.subject ?? ''}`;
    const cached = cache.get(cacheKey);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const token = await signToken(caller, secret, {
      expiresIn: `${INTERNAL_TTL_SECONDS}s`,
      audience,
    });
    if (cache.size > 10_000) cache.clear();
    cache.set(cacheKey, { token, renewAt: Date.now() + (INTERNAL_TTL_SECONDS / 2) * 1000 });
    return token;
  };
}

export function internalCallerVerifier(secret: string, audience = SUBGRAPH_AUDIENCE) {
  const cache = new Map<string, { caller: Caller; expiresAt: number }>();
  return async (token: string): Promise<Caller> => {
    const cached = cache.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.caller;
    const caller = await verifyToken(token, secret, audience);
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { caller, expiresAt: Date.now() + (INTERNAL_TTL_SECONDS / 2) * 1000 });
    return caller;
  };
}
