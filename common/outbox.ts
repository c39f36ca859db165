import { eq, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  customType,
  index,
  jsonb,
  type PgSchema,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Db, Tx } from './db.ts';
import { type ContractEvent, checkedEvent, EVENTS, type Payload, type Topic } from './event-contract.ts';
import type { OutboxCursor, OutboxStore, PlatformEvent } from './events.ts';
import { log } from './log.ts';

/** PostgreSQL's 64-bit transaction id, read and written as text. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** The outbox a service publishes from, and how far each subscriber has acknowledged it. */
export function outboxTables(schema: PgSchema<string>) {
  return {
    /** Events for the other subgraphs, written in the transaction of the change they announce. */
    outbox: schema.table(
      'outbox',
      {
        id: bigserial({ mode: 'number' }).primaryKey(),
        topic: text().notNull(),
        payload: jsonb().notNull(),
        /** The writing transaction: ids are handed out at insert but become visible at commit, in another order. */
        txid: xid8().notNull().default(sql`pg_current_xact_id()`),
        createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
      },
      // A relay reads on from its cursor (transaction, id); without the index every poll sorted the whole outbox.
      (t) => [index().on(t.txid, t.id)],
    ),
    outboxCursors: schema.table('outbox_cursors', {
      subscriber: text().primaryKey(),
      lastEventId: bigint({ mode: 'number' }).notNull(),
      /** The transaction of the last event acknowledged; the cursor is (transaction, id). */
      lastTxid: xid8().notNull().default(sql`'0'::xid8`),
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

export type OutboxTables = Pick<ReturnType<typeof outboxTables>, 'outbox' | 'outboxCursors'>;
type InboxTable = ReturnType<typeof inboxTable>;

/**
 * Writes an event in the caller's transaction: it is published if and only if the change commits.
 * The payload is checked against the event contract first, so nothing off it is ever sent.
 */
export async function emitEvent<T extends Topic>(
  tx: Tx,
  tables: OutboxTables,
  topic: T,
  payload: Payload<T>,
): Promise<void> {
  await tx.insert(tables.outbox).values({ topic, payload: EVENTS[topic].parse(payload) });
}

/**
 * The rows of a log (an outbox, the change feed) after `cursor` in the order their transactions
 * settled: only rows of transactions older than the oldest one still open (`pg_snapshot_xmin`)
 * are read. Every later row belongs to a transaction at or past that horizon, so it sorts after
 * the cursor whenever it commits, and a reader that resumes from its cursor misses nothing.
 */
export const settledAfter = (log: { txid: AnyPgColumn; id: AnyPgColumn }, cursor: OutboxCursor) =>
  sql`(${log.txid}, ${log.id}) > (${cursor.txid}::xid8, ${cursor.id}) and ${log.txid} < pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * The outbox read in the order its transactions settled (`settledAfter`), so delivery never passes
 * an event that can still commit. Reading by id alone lost an event whose transaction took its id
 * first and committed last.
 */
export function outboxStore(db: Db, { outbox, outboxCursors }: OutboxTables): OutboxStore {
  return {
    async cursorOf(subscriber) {
      const [row] = await db.select().from(outboxCursors).where(eq(outboxCursors.subscriber, subscriber));
      return { txid: row?.lastTxid ?? '0', id: row?.lastEventId ?? 0 };
    },
    async advance(subscriber, last) {
      await db
        .insert(outboxCursors)
        .values({ subscriber, lastEventId: last.id, lastTxid: last.txid })
        .onConflictDoUpdate({
          target: outboxCursors.subscriber,
          set: { lastEventId: last.id, lastTxid: sql`${last.txid}::xid8` },
          setWhere: sql`(${outboxCursors.lastTxid}, ${outboxCursors.lastEventId}) < (${last.txid}::xid8, ${last.id})`,
        });
    },
    async after(cursor, limit) {
      const rows = await db
        .select({ id: outbox.id, topic: outbox.topic, payload: outbox.payload, txid: outbox.txid })
        .from(outbox)
        .where(settledAfter(outbox, cursor))
        .orderBy(outbox.txid, outbox.id)
        .limit(limit);
      return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
    },
  };
}

/**
 * Checks every event against the contract, then applies each once, in the order it arrived, each
 * in its own transaction with its inbox row: a redelivered event finds itself in the inbox and
 * changes nothing.
 */
export async function consumeOnce<S extends Record<string, unknown>>(
  db: Db<S>,
  inbox: InboxTable,
  arriving: PlatformEvent[],
  apply: (tx: Tx<S>, event: ContractEvent) => Promise<void>,
): Promise<void> {
  // Checked before any transaction: one event off the contract refuses the whole delivery.
  const events = arriving.map(checkedEvent);
  // Each source's events arrive in the order their transactions settled, which is not id order.
  for (const event of [...events].sort((a, b) => a.source.localeCompare(b.source))) {
    const applied = await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(inbox)
        .values({ source: event.source, eventId: event.id })
        .onConflictDoNothing()
        .returning();
      if (fresh.length > 0) await apply(tx, event);
      return fresh.length > 0;
    });
    if (!applied) log.info({ source: event.source, eventId: event.id }, 'event already applied');
    // Fault injection for the fault suite: die after the effect committed, before it is acknowledged.
    if (applied && process.env.CRASH_AFTER_EFFECT === `${event.source}:${event.topic}`) process.exit(137);
  }
}
