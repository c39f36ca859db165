import { asc, eq, gt, sql } from 'drizzle-orm';
import { bigint, bigserial, jsonb, type PgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './db.ts';
import type { OutboxStore, PlatformEvent } from './events.ts';

/** The outbox a service publishes from, and how far each subscriber has acknowledged it. */
export function outboxTables(schema: PgSchema<string>) {
  return {
    /** Events for the other subgraphs, written in the transaction of the change they announce. */
    outbox: schema.table('outbox', {
      id: bigserial({ mode: 'number' }).primaryKey(),
      topic: text().notNull(),
      payload: jsonb().notNull(),
      createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    }),
    outboxCursors: schema.table('outbox_cursors', {
      subscriber: text().primaryKey(),
      lastEventId: bigint({ mode: 'number' }).notNull(),
    }),
  };
}

/** Events already applied, so a redelivered event changes nothing. */
export const inboxTable = (schema: PgSchema<string>) =>
  schema.table(
    'inbox',
    {
      source: text().notNull(),
      eventId: bigint({ mode: 'number' }).notNull(),
      receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.source, t.eventId] })],
  );

type OutboxTables = ReturnType<typeof outboxTables>;
type InboxTable = ReturnType<typeof inboxTable>;

/** Writes an event in the caller's transaction: it is published if and only if the change commits. */
export async function emitEvent(tx: Tx, tables: OutboxTables, topic: string, payload: object): Promise<void> {
  await tx.insert(tables.outbox).values({ topic, payload });
}

export function outboxStore(db: Db, { outbox, outboxCursors }: OutboxTables): OutboxStore {
  return {
    async cursorOf(subscriber) {
      const [row] = await db.select().from(outboxCursors).where(eq(outboxCursors.subscriber, subscriber));
      return row?.lastEventId ?? 0;
    },
    async advance(subscriber, lastEventId) {
      await db
        .insert(outboxCursors)
        .values({ subscriber, lastEventId })
        .onConflictDoUpdate({
          target: outboxCursors.subscriber,
          set: { lastEventId: sql`greatest(${outboxCursors.lastEventId}, ${lastEventId})` },
        });
    },
    async after(cursor, limit) {
      const rows = await db
        .select()
        .from(outbox)
        .where(gt(outbox.id, cursor))
        .orderBy(asc(outbox.id))
        .limit(limit);
      return rows.map((r) => ({ id: r.id, topic: r.topic, payload: r.payload as Record<string, unknown> }));
    },
  };
}

/**
 * Applies each event once, in order, each in its own transaction with its inbox row: a
 * redelivered event finds itself in the inbox and changes nothing.
 */
export async function consumeOnce<S extends Record<string, unknown>>(
  db: Db<S>,
  inbox: InboxTable,
  events: PlatformEvent[],
  apply: (tx: Tx<S>, event: PlatformEvent) => Promise<void>,
): Promise<void> {
  for (const event of [...events].sort((a, b) => a.source.localeCompare(b.source) || a.id - b.id)) {
    await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(inbox)
        .values({ source: event.source, eventId: event.id })
        .onConflictDoNothing()
        .returning();
      if (fresh.length > 0) await apply(tx, event);
    });
  }
}
