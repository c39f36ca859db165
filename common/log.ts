import pino from 'pino';

/**
 * JSON lines on stdout, one logger per process; each service logs through a child with its name.
 * LOG_LEVEL sets the level (info by default; the test suite logs errors only).
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Log = pino.Logger;

export const serviceLog = (service: string): Log => log.child({ service });

/** An error for a log line: message and stack, which a client never sees. */
export const errorFields = (error: unknown) =>
  error instanceof Error ? { err: { message: error.message, stack: error.stack } } : { err: String(error) };
