import { type Caller, PURPOSE_HEADER, signToken } from '#common/caller.ts';
import { secret } from '#common/config.ts';

/** The platform as a department system, a portal or a data team calls it: for the tests, the benchmarks and scripts. */
const tokens = new Map<string, Promise<string>>();

/** A bearer token for `caller`, signed as the platform's identity provider would. */
export function tokenFor({ purpose: _purpose, ...caller }: Caller): Promise<string> {
  const key = JSON.stringify(caller);
  if (!tokens.has(key)) tokens.set(key, signToken(caller, secret('AUTH_SECRET'), { expiresIn: '1h' }));
  return tokens.get(key) as Promise<string>;
}

/**
 * POSTs a GraphQL request body to `url` as `caller` (PUBLIC when omitted), over real HTTP, with
 * the caller's stated purpose, if any, in the X-Query-Purpose header.
 */
export async function postGraphQL(
  url: string,
  body: Record<string, unknown>,
  caller?: Caller,
  headers: Record<string, string> = {},
): Promise<Response> {
  const authorization: Record<string, string> =
    caller && caller.role !== 'PUBLIC' ? { authorization: `Bearer ${await tokenFor(caller)}` } : {};
  if (caller?.purpose) authorization[PURPOSE_HEADER] = encodeURIComponent(caller.purpose);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authorization, ...headers },
    body: JSON.stringify(body),
  });
}
