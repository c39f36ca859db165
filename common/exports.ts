import type { ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { is, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AnyPgColumn, PgColumn } from 'drizzle-orm/pg-core';
import { isCalendarDate } from './calendar.ts';
import type { InternalCaller } from './caller.ts';
import { type Db, rowsOf } from './db.ts';
import { badUserInput } from './errors.ts';

export type ExportFormat = 'csv' | 'ndjson';

/** An export's columns and rows, written batch by batch as `rows` delivers them. */
export interface ExportSource {
  columns: string[];
  /** Before any row leaves: registers the natural persons the export shows in full. */
  registerReads?(): Promise<void>;
  rows(write: (batch: Record<string, unknown>[]) => Promise<void>): Promise<void>;
}

/** Builds an export for a caller from the query string; refuses with the GraphQL error codes. */
export type ExportHandler = (caller: InternalCaller, params: URLSearchParams) => Promise<ExportSource>;

const BATCH = 1_000;

/**
 * The select list of an export's query: each column under its export name, since a cursor hands
 * back raw rows keyed by what the query names them, and dates as `YYYY-MM-DD` text.
 */
export function exportSelection<F extends Record<string, AnyPgColumn | SQL>>(fields: F) {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [
      name,
      (is(field, PgColumn) && field.getSQLType() === 'date' ? sql`${field}::text` : sql`${field}`).as(name),
    ]),
  ) as { [K in keyof F]: SQL.Aliased };
}

/**
 * Streams a query's rows from a database cursor in one read-only transaction (a consistent
 * snapshot that holds back no outbox reader: it takes no transaction id), a batch at a time, so
 * memory stays flat whatever the size.
 */
export async function forEachBatch(
  db: Db,
  query: SQLWrapper,
  write: (batch: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`declare export_rows no scroll cursor for ${query}`);
      for (;;) {
        const batch = rowsOf(await tx.execute(sql.raw(`fetch ${BATCH} from export_rows`)));
        if (batch.length === 0) return;
        await write(batch);
      }
    },
    { accessMode: 'read only', isolationLevel: 'repeatable read' },
  );
}

/** A list filter from the query string: `statuses=EFFECTIVE,EXITED`, each value one of `allowed`. */
export function listParam<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] {
  const values = (params.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const wrong = values.find((v) => !allowed.includes(v as T));
  if (wrong) throw badUserInput(name, `${name} has "${wrong}"; allowed: ${allowed.join(', ')}.`);
  return values as T[];
}

/** A date filter from the query string: `YYYY-MM-DD`, a day that exists. */
export function dateParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  if (value && !isCalendarDate(value)) throw badUserInput(name, `${name} is a date, YYYY-MM-DD.`);
  return value;
}

const waitForDrain = (res: ServerResponse) => new Promise<void>((resolve) => res.once('drain', resolve));

/**
 * Writes an export as CSV (UTF-8 with a BOM, so a spreadsheet opens the Chinese text; RFC 4180
 * quoting; a header row) or as NDJSON, honouring the client's pace.
 */
export async function writeExport(
  res: ServerResponse,
  name: string,
  format: ExportFormat,
  source: ExportSource,
) {
  await source.registerReads?.();
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.${format}"`,
  });
  const send = async (chunk: string) => {
    if (!res.write(chunk)) await waitForDrain(res);
  };
  if (format === 'csv') await send(`\uFEFF${stringify([source.columns], { record_delimiter: 'windows' })}`);
  await source.rows(async (batch) => {
    const text =
      format === 'csv'
        ? stringify(
            batch.map((row) => source.columns.map((c) => row[c] ?? '')),
            { record_delimiter: 'windows' },
          )
        : batch
            .map(
              (row) =>
                `${JSON.stringify(Object.fromEntries(source.columns.map((c) => [c, row[c] ?? null])))}\n`,
            )
            .join('');
    await send(text);
  });
  res.end();
}
