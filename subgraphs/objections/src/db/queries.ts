import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Page, totalOf } from '#common/pagination.ts';
import type { ObjectionRow, ObjectionsDb } from './store.ts';
import { objections, repairs } from './tables.ts';

export interface QueueQuery {
  departmentCode: string | null;
  subjectId: string | null;
  listingId: string | null;
  statuses: string[] | null;
  overdueOn: string | null;
}

/** A queue of objections or repair applications, earliest due first. */
async function queuePage<T extends typeof objections | typeof repairs>(
  db: ObjectionsDb,
  table: T,
  query: QueueQuery,
  page: Page,
) {
  const where = and(
    query.departmentCode ? eq(table.departmentCode, query.departmentCode) : undefined,
    query.subjectId ? eq(table.subjectId, query.subjectId) : undefined,
    query.listingId ? eq(table.listingId, query.listingId) : undefined,
    query.statuses?.length
      ? inArray(table.status as typeof objections.status, query.statuses as ObjectionRow['status'][])
      : undefined,
    query.overdueOn ? and(eq(table.status, 'UNDER_REVIEW'), lt(table.dueOn, query.overdueOn)) : undefined,
  );
  const rows = await db
    .select({ row: table, total: sql<number>`count(*) over ()` })
    .from(table as typeof objections)
    .where(where)
    .orderBy(asc(table.dueOn), asc(table.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.row as T['$inferSelect']),
    total: await totalOf(rows, page, () => db.$count(table, where)),
  };
}

export const objectionsPage = (db: ObjectionsDb, query: QueueQuery, page: Page) =>
  queuePage(db, objections, query, page);

export const repairsPage = (db: ObjectionsDb, query: QueueQuery, page: Page) =>
  queuePage(db, repairs, query, page);
