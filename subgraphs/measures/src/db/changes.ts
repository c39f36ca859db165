import { and, asc, inArray, type SQL, sql } from 'drizzle-orm';
import { inJurisdiction, jurisdictionOf } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { badUserInput } from '#common/errors.ts';
import type { OutboxCursor } from '#common/events.ts';
import { settledAfter } from '#common/outbox.ts';
import type { MeasuresDb, MeasuresTx } from './store.ts';
import { type ChangeKind, changes } from './tables.ts';

export type NewChange = typeof changes.$inferInsert;
export type ChangeRow = typeof changes.$inferSelect;

/** Writes changes in the transaction that makes them, so the feed has a change if and only if it committed. */
export async function recordChanges(tx: MeasuresTx, rows: NewChange[]): Promise<void> {
  if (rows.length > 0) await tx.insert(changes).values(rows);
}

export const encodeCursor = (row: { txid: string; id: number }) =>
  Buffer.from(`${row.txid}:${row.id}`).toString('base64url');

function decodeCursor(after: string | null | undefined): OutboxCursor {
  if (!after) return { txid: '0', id: 0 };
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match)
    throw badUserInput('after', 'after is not a cursor of this feed; pass an endCursor it gave out.');
  return { txid: match[1] as string, id: Number(match[2]) };
}

/**
 * What the caller may follow: the public sees public changes; a subject those and its own; a
 * department every change not kept to one department, and its own; a credit office those of
 * its jurisdiction; the platform operator and analysts all.
 */
function visibleTo(caller: Caller): SQL | undefined {
  switch (caller.role) {
    case 'PUBLIC':
      return sql`${changes.public}`;
    case 'SUBJECT':
      return caller.subject
        ? sql`(${changes.public} or ${changes.subjectId}::text = ${caller.subject})`
        : sql`${changes.public}`;
    case 'DEPARTMENT':
      return sql`(${changes.departmentCode} is null or ${changes.departmentCode} = ${caller.dept ?? ''})`;
    case 'CREDIT_OFFICE':
      return caller.dept
        ? sql`(${changes.departmentCode} is null or ${inJurisdiction(changes.departmentCode, jurisdictionOf(caller.dept))})`
        : undefined;
    case 'ANALYST':
      return undefined;
  }
}

/**
 * A page of the feed after `after`, in commit order. A change whose transaction is still open is
 * held back until it settles, so a consumer resuming from its last cursor never misses one, and
 * never sees one twice.
 */
export async function changesPage(
  db: MeasuresDb,
  caller: Caller,
  args: { after?: string | null; first: number; kinds?: ChangeKind[] | null },
) {
  const rows = await db
    .select()
    .from(changes)
    .where(
      and(
        settledAfter(changes, decodeCursor(args.after)),
        visibleTo(caller),
        args.kinds?.length ? inArray(changes.kind, args.kinds) : undefined,
      ),
    )
    .orderBy(asc(changes.txid), asc(changes.id))
    .limit(args.first + 1);
  return { rows: rows.slice(0, args.first), hasNextPage: rows.length > args.first };
}
