import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'SERVICE_UNAVAILABLE';

export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'SERVICE_UNAVAILABLE',
]);

function fail(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (field: string, message: string) => fail('BAD_USER_INPUT', message, { field });
export const forbidden = (message: string) => fail('FORBIDDEN', message);
export const notFound = (message: string) => fail('NOT_FOUND', message);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  fail('CONFLICT', message, extensions);

/**
 * A record that another one refers to. Its absence is a broken reference in the service's own
 * data, not the caller's mistake, so it fails the field as an internal error (masked for clients).
 */
export function referenced<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Broken reference: ${what} is missing.`);
  return value;
}
