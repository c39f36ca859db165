import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const ROLES = ['PUBLIC', 'SUBJECT', 'DEPARTMENT', 'CREDIT_OFFICE', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified claims of the bearer token, or PUBLIC without one. */
export interface Caller {
  role: Role;
  /** Department code, for DEPARTMENT (and a credit office's own department). */
  dept?: string;
  /** Subject id, for SUBJECT. */
  subject?: string;
  /**
   * The purpose a government caller stated for its reads of natural persons' data (004 §(二十七)),
   * from the X-Query-Purpose header; without one it sees personal data masked.
   */
  purpose?: string;
}

export const PUBLIC_CALLER: Caller = Object.freeze({ role: 'PUBLIC' });

/** DEPARTMENT and CREDIT_OFFICE handle personal data by mandate, for a stated purpose. */
export const isGovernment = (caller: Caller) =>
  caller.role === 'DEPARTMENT' || caller.role === 'CREDIT_OFFICE';

/** The header in which the gateway passes the verified caller to the subgraphs. */
export const CALLER_HEADER = 'x-platform-caller';
/** The header in which a government caller states the purpose of its personal-data reads. */
export const PURPOSE_HEADER = 'x-query-purpose';

/** Gateway → subgraph calls. */
export const SUBGRAPH_AUDIENCE = 'joint-credit-subgraphs';
/** Subgraph → subgraph event deliveries: a separate audience, so neither token opens the other door. */
export const EVENTS_AUDIENCE = 'joint-credit-events';
const INTERNAL_TTL_SECONDS = 60;

export class InvalidClaims extends Error {}

/** The caller a client's bearer token names: its role is required, never assumed. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidClaims(`the role claim must be one of ${ROLES.join(', ')}`);
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

/** A client's bearer token, as an identity provider issues it (the tests and `npm run token` use it). */
export function signToken(
  claims: Caller,
  secret: string,
  options: { expiresIn?: string | number; audience?: string } = {},
) {
  const { purpose: _purpose, ...tokenClaims } = claims;
  const jwt = new SignJWT({ ...tokenClaims }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(key(secret));
}

/**
 * A client's token must say when it expires, and expire within `maxLifetimeSeconds` of now and of
 * its issue: a token without `exp` would open the platform forever to whoever copied it.
 */
export function checkLifetime(payload: JWTPayload, maxLifetimeSeconds: number) {
  if (typeof payload.exp !== 'number') throw new InvalidClaims('the token has no exp claim');
  const now = Math.floor(Date.now() / 1000);
  const issued = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - Math.min(issued, now) > maxLifetimeSeconds)
    throw new InvalidClaims(`the token lives longer than ${maxLifetimeSeconds} s`);
}

export async function verifyToken(
  token: string,
  secret: string,
  maxLifetimeSeconds: number,
): Promise<Caller> {
  const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
  checkLifetime(payload, maxLifetimeSeconds);
  return callerFromClaims(payload);
}

/** The SHA-256 of a request body, which the internal header is bound to. */
export const bodyHash = (body: string) => createHash('sha256').update(body).digest('base64url');

/** What the gateway knows of the request it forwards, for the register of personal-data reads. */
export interface ForwardedRequest {
  /** The trusted document id, or the SHA-256 of the document the client sent. */
  document?: string;
}

export interface InternalCaller extends Caller, ForwardedRequest {}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const INTERNAL_HEADER = base64url(JSON.stringify({ alg: 'HS256' }));
const hmac = (secret: Buffer, data: string) => createHmac('sha256', secret).update(data).digest();

/**
 * The gateway (and a subgraph asking a peer, and an outbox relay) signs the caller for the one
 * request it sends: the token names the SHA-256 of that request's body, is single-use and expires
 * in a minute, so a header captured on the way opens nothing else.
 *
 * It is an HS256 JWT, signed with node:crypto rather than jose: jose 6 signs through WebCrypto,
 * which cost the gateway about an eighth of its CPU per profile, one signature per subgraph request.
 */
export function internalRequestSigner(secret: string, audience = SUBGRAPH_AUDIENCE) {
  const signingKey = Buffer.from(secret);
  return async (caller: InternalCaller, body: string): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { role: caller.role, bh: bodyHash(body) };
    if (caller.dept) claims.dept = caller.dept;
    if (caller.subject) claims.subject = caller.subject;
    if (caller.purpose) claims.purpose = caller.purpose;
    if (caller.document) claims.doc = caller.document;
    Object.assign(claims, { iat: now, jti: randomUUID(), exp: now + INTERNAL_TTL_SECONDS, aud: audience });
    const signed = `${INTERNAL_HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${hmac(signingKey, signed).toString('base64url')}`;
  };
}

export class RefusedRequest extends Error {}

function internalClaims(token: string, secret: Buffer): Record<string, unknown> {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || !signature)
    throw new RefusedRequest('the header is not a signed token');
  const expected = hmac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new RefusedRequest('the header is not signed with the shared secret');
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg !== 'HS256') throw new Error();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) throw new Error();
    return claims;
  } catch {
    throw new RefusedRequest('the header is not a signed token');
  }
}

/**
 * Checks an internal header against the body it arrived with: signed with the shared secret for
 * this audience, not expired (checked on every request, never cached), bound to this body, and
 * not seen before.
 */
export function internalRequestVerifier(secret: string, audience = SUBGRAPH_AUDIENCE) {
  const verifyingKey = Buffer.from(secret);
  const seen = new Map<string, number>();
  return async (token: string, body: string): Promise<InternalCaller> => {
    const payload = internalClaims(token, verifyingKey);
    if (payload.aud !== audience) throw new RefusedRequest('the header is for another audience');
    if (typeof payload.exp !== 'number' || typeof payload.jti !== 'string')
      throw new RefusedRequest('the header has no exp or jti');
    const now = Date.now();
    if (payload.exp * 1000 <= now) throw new RefusedRequest('the header has expired');
    if (payload.bh !== bodyHash(body)) throw new RefusedRequest('the header was signed for another request');
    if (seen.has(payload.jti)) throw new RefusedRequest('the header was used before');
    if (seen.size > 50_000) for (const [jti, exp] of seen) if (exp < now) seen.delete(jti);
    seen.set(payload.jti, payload.exp * 1000);
    const caller: InternalCaller = callerFromClaims(payload);
    if (typeof payload.purpose === 'string') caller.purpose = payload.purpose;
    if (typeof payload.doc === 'string') caller.document = payload.doc;
    return caller;
  };
}
