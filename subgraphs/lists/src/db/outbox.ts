import { asc, eq, gt, sql } from 'drizzle-orm';
import type { OutboxStore } from '#common/events.ts';
import type { ListsDb, ListsTx } from './store.ts';
import { departments, jurisdictions, listings, outbox, outboxCursors, subjects } from './tables.ts';

export type ListingTopic = 'listing.effective' | 'listing.exited' | 'listing.withdrawn';

/**
 * What the other subgraphs need to act on an entry without reading this database: the entry,
 * its subject's kind, and the policy of its jurisdiction at the time of the change.
 */
export interface ListingEventPayload {
  listingId: string;
  subjectId: string;
  subjectKind: string;
  listType: string;
  status: string;
  departmentCode: string;
  jurisdictionCode: string;
  validFrom: string | null;
  validUntil: string;
  exitReason: string | null;
  exitedOn: string | null;
  withdrawnOn: string | null;
  feedbackWorkingDays: number;
  objectionSuspendsMeasures: boolean;
}

/** Writes the event in the caller's transaction: it is published if and only if the change commits. */
export async function emitListingEvent(tx: ListsTx, topic: ListingTopic, listingId: string): Promise<void> {
  const [row] = await tx
    .select({
      listing: listings,
      subjectKind: subjects.kind,
      jurisdictionCode: jurisdictions.code,
      feedbackWorkingDays: jurisdictions.feedbackWorkingDays,
      objectionSuspendsMeasures: jurisdictions.objectionSuspendsMeasures,
    })
    .from(listings)
    .innerJoin(subjects, eq(subjects.id, listings.subjectId))
    .innerJoin(departments, eq(departments.code, listings.departmentCode))
    .innerJoin(jurisdictions, eq(jurisdictions.code, departments.jurisdictionCode))
    .where(eq(listings.id, listingId));
  if (!row) throw new Error(`cannot announce missing listing ${listingId}`);
  const { listing } = row;
  const payload: ListingEventPayload = {
    listingId: listing.id,
    subjectId: listing.subjectId,
    subjectKind: row.subjectKind,
    listType: listing.listType,
    status: listing.status,
    departmentCode: listing.departmentCode,
    jurisdictionCode: row.jurisdictionCode,
    validFrom: listing.validFrom,
    validUntil: listing.validUntil,
    exitReason: listing.exitReason,
    exitedOn: listing.exitedOn,
    withdrawnOn: listing.withdrawnOn,
    feedbackWorkingDays: row.feedbackWorkingDays,
    objectionSuspendsMeasures: row.objectionSuspendsMeasures,
  };
  await tx.insert(outbox).values({ topic, payload });
}

export function outboxStore(db: ListsDb): OutboxStore {
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
