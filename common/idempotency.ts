import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  type AnyPgColumn,
  type PgSchema,
  type PgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Caller } from './caller.ts';
import type { Db, Tx } from './db.ts';
import { conflict } from './errors.ts';
import { optionalText } from './input.ts';

/** The first answer to each caller's idempotency key, per operation: a retry after a lost answer gets it again. */
export const idempotencyTable = (schema: PgSchema<string>) =>
  schema.table(
    'idempotency_keys',
    {
      caller: text().notNull(),
      operation: text().notNull(),
      key: text().notNull(),
      /** The input the key was first used with, hashed: the same key with another input is a mistake. */
      requestHash: text().notNull(),
      resultId: text().notNull(),
      createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.caller, t.operation, t.key] })],
  );

type IdempotencyTable = ReturnType<typeof idempotencyTable>;

export interface IdempotentRequest {
  caller: string;
  operation: string;
  key: string;
  requestHash: string;
}

/** The request's idempotency key with who sent it and what it asked, or null when it has none. */
export function idempotentRequest(
  caller: Caller,
  operation: string,
  input: { idempotencyKey?: string | null },
): IdempotentRequest | null {
  const { idempotencyKey, ...rest } = input;
  const key = optionalText('idempotencyKey', idempotencyKey, 200);
  if (!key) return null;
  return {
    caller: `${caller.role}:${caller.dept ?? caller.subject ?? ''}`,
    operation,
    key,
    requestHash: createHash('sha256').update(JSON.stringify(rest)).digest('hex'),
  };
}

/** Claims the request's idempotency key for the record just written, in its transaction. */
export type Claim<S extends Record<string, unknown> = Record<string, unknown>> = (
  tx: Tx<S>,
  id: string,
) => Promise<void>;

class KeyTaken extends Error {}

async function firstResultOf<S extends Record<string, unknown>>(
  db: Db<S>,
  table: IdempotencyTable,
  request: IdempotentRequest,
) {
  const [first] = await db
    .select()
    .from(table)
    .where(
      and(
        eq(table.caller, request.caller),
        eq(table.operation, request.operation),
        eq(table.key, request.key),
      ),
    );
  if (first && first.requestHash !== request.requestHash)
    throw conflict(
      `idempotencyKey "${request.key}" was first used with a different input; use a new key for a new request.`,
      { field: 'idempotencyKey' },
    );
  return first?.resultId ?? null;
}

/**
 * Runs a create once per idempotency key. A key already answered returns its first record (from
 * `records`, the table the create writes to) before anything is checked again; otherwise
 * `create` writes the record and, in the same transaction, claims the key with `claim(tx, id)`.
 * Of two requests racing with one key, the second waits on the first's claim, or is refused by
 * what the first wrote, and then returns the first's record.
 */
export async function once<S extends Record<string, unknown>, R extends PgTable & { id: AnyPgColumn }>(
  db: Db<S>,
  table: IdempotencyTable,
  request: IdempotentRequest | null,
  records: R,
  create: (claim: Claim<S>) => Promise<R['$inferSelect']>,
): Promise<R['$inferSelect']> {
  if (!request) return create(async () => {});
  const firstRecord = async (id: string) => {
    const [found] = await db
      .select()
      .from(records as PgTable)
      .where(eq(records.id, id));
    if (!found) throw new Error(`idempotency key ${request.key} answers ${id}, which no longer exists`);
    return found as R['$inferSelect'];
  };
  const first = await firstResultOf(db, table, request);
  if (first) return firstRecord(first);
  try {
    return await create(async (tx, resultId) => {
      const claimed = await tx
        .insert(table)
        .values({ ...request, resultId })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) throw new KeyTaken();
    });
  } catch (error) {
    // A request racing with the same key may have written first, and this one then found its
    // record (an open objection, say) and was refused: the key's first answer is the answer.
    const winner = await firstResultOf(db, table, request);
    if (!winner) throw error;
    return firstRecord(winner);
  }
}
