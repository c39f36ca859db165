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
 * Runs a create once per idempotency key. A key already answered returns its first result
 * before anything is checked again; otherwise `create` writes the record and, in the same
 * transaction, claims the key with `claim(tx, id)`. Of two requests racing with one key, the
 * second waits on the first's claim, or is refused by what the first wrote, and then returns
 * the first's result.
 */
export async function once<S extends Record<string, unknown>, T>(
  db: Db<S>,
  table: IdempotencyTable,
  request: IdempotentRequest | null,
  load: (id: string) => Promise<T | undefined>,
  create: (claim: Claim<S>) => Promise<T>,
): Promise<T> {
  if (!request) return create(async () => {});
  const firstResult = async (id: string) => {
    const found = await load(id);
    if (!found) throw new Error(`idempotency key ${request.key} answers ${id}, which no longer exists`);
    return found;
  };
  const first = await firstResultOf(db, table, request);
  if (first) return firstResult(first);
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
    return firstResult(winner);
  }
}

/** The record a key first answered, from the table its create wrote to. */
export async function recordById<R extends PgTable & { id: AnyPgColumn }, S extends Record<string, unknown>>(
  db: Db<S>,
  table: R,
  id: string,
): Promise<R['$inferSelect'] | undefined> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  return row as R['$inferSelect'] | undefined;
}
