import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { anyOf, type Db } from './db.ts';
import { badUserInput } from './errors.ts';

export const MAX_PAGE_SIZE = 100;

export interface Page {
  offset: number;
  limit: number;
}

/** A connection's `first`: 20 unless given, and 1 to 100. */
export function pageSizeOf(first: number | null | undefined): number {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw badUserInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}.`);
  return limit;
}

/** Reads `first` and `after` of a Relay connection; cursors are opaque positions in the ordering. */
export function pageOf(args: { first?: number | null; after?: string | null }): Page {
  const limit = pageSizeOf(args.first);
  if (!args.after) return { offset: 0, limit };
  const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (!match) throw badUserInput('after', 'after is not a cursor this API gave out; start again without it.');
  return { offset: Number(match[1]) + 1, limit };
}

const cursorAt = (position: number) => Buffer.from(`o:${position}`).toString('base64url');

/**
 * A connection from one page of rows fetched with `limit + 1`, to know whether more follow.
 * `edge` adds fields to each edge, or replaces its node.
 */
export function connectionOf<T, E extends object = object>(
  rows: T[],
  page: Page,
  totalCount: number,
  edge: (row: T) => E = () => ({}) as E,
) {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node, i) => ({ node, cursor: cursorAt(page.offset + i), ...edge(node) }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * The total of a page fetched with `count(*) over ()`; a page past the end has no row to carry
 * it, and only then is the total counted separately.
 */
export async function totalOf(rows: { total: number }[], page: Page, count: () => Promise<number>) {
  const first = rows[0];
  if (first) return Number(first.total);
  return page.offset === 0 ? 0 : count();
}

/**
 * The full records of a page ranked on narrow rows (`ranked`: each an id and what the page is
 * ordered by), read by id in one query and returned in the page's order: ranking thousands of
 * matches then never carries their whole rows through the sort and the count.
 */
export async function recordsInPageOrder<
  S extends Record<string, unknown>,
  N extends { id: string },
  T extends PgTable & { id: AnyPgColumn },
>(db: Db<S>, table: T, ranked: readonly N[]): Promise<{ ranked: N; record: T['$inferSelect'] }[]> {
  if (ranked.length === 0) return [];
  const records = (await db
    .select()
    .from(table as PgTable)
    .where(
      anyOf(
        table.id,
        ranked.map((row) => row.id),
      ),
    )) as T['$inferSelect'][];
  const byId = new Map(records.map((record) => [record.id as string, record]));
  return ranked.flatMap((row) => {
    const record = byId.get(row.id);
    return record ? [{ ranked: row, record }] : [];
  });
}
