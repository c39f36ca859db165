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
