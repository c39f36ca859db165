import pino from 'pino';
import { maskPersonalDataIn } from './privacy.ts';

/** What a request carried: never logged, since it may hold ID numbers and names. */
const REQUEST_CONTENT = new Set(['variables', 'body', 'query', 'document', 'params', 'extensions']);

/** A log line's fields with request contents dropped and ID numbers masked in every string. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalDataIn(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return redact({ message: value.message, stack: value.stack }, depth + 1);
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) =>
      REQUEST_CONTENT.has(key) ? [] : [[key, redact(item, depth + 1)]],
    ),
  );
}

/**
 * JSON lines on stdout, one logger per process; each service logs through a child with its name.
 * LOG_LEVEL sets the level (info by default; the test suite logs errors only). No line carries a
 * request's body or variables, and ID numbers are masked in every message and field.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (object) => redact(object) as Record<string, unknown>,
  },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((arg) => (typeof arg === 'string' ? maskPersonalDataIn(arg) : arg)) as never,
      );
    },
  },
});

export type Log = pino.Logger;

export const serviceLog = (service: string): Log => log.child({ service });

/** An error for a log line: message and stack, which a client never sees. */
export const errorFields = (error: unknown) =>
  error instanceof Error ? { err: { message: error.message, stack: error.stack } } : { err: String(error) };
