import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DATE_FORMAT, isCalendarDate } from './calendar.ts';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_FORMAT.test(value)) {
    throw new GraphQLError(`Date must be a string "YYYY-MM-DD", got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  if (!isCalendarDate(value)) throw new GraphQLError(`${value} is not a calendar date`);
  if (value < '1900-01-01' || value > '2199-12-31') throw new GraphQLError(`${value} is outside 1900-2199`);
  return value;
}

export const dateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string "YYYY-MM-DD"');
    return parseDate(ast.value);
  },
});

export const dateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : value),
  parseValue: (value) => {
    const parsed = typeof value === 'string' ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime()))
      throw new GraphQLError('DateTime must be ISO 8601 with offset');
    return parsed;
  },
});
