import { and, eq, inArray } from 'drizzle-orm';
import { workingDaysAfter } from '#common/calendar.ts';
import type { PlatformEvent } from '#common/events.ts';
import { applicableMeasures } from '../domain/applicability.ts';
import { isInForceOn, type ListType, type SubjectKind } from '../domain/catalogue.ts';
import type { MeasuresDb, MeasuresTx } from './store.ts';
import { dispatches, inbox, measures } from './tables.ts';

/** The part of the lists subgraph's listing event this subgraph acts on. */
interface ListingEvent {
  listingId: string;
  subjectId: string;
  subjectKind: SubjectKind;
  listType: ListType;
  jurisdictionCode: string;
  validFrom: string | null;
  exitReason: string | null;
  exitedOn: string | null;
  withdrawnOn: string | null;
  feedbackWorkingDays: number;
}

/**
 * When an entry takes effect, every implementing department of every applicable measure gets a
 * dispatch, due within the jurisdiction's working days (002 §18). The unique index on
 * (entry, measure, department) keeps it to one dispatch each.
 */
async function dispatchMeasures(tx: MeasuresTx, event: ListingEvent) {
  if (!event.validFrom) return;
  const catalogue = await tx
    .select()
    .from(measures)
    .where(eq(measures.jurisdictionCode, event.jurisdictionCode));
  const validFrom = event.validFrom;
  const inForce = catalogue.filter((m) => isInForceOn(m, validFrom));
  const applicable = applicableMeasures(inForce, {
    listType: event.listType,
    subjectKind: event.subjectKind,
  });
  if (applicable.length === 0) return;
  const dueOn = workingDaysAfter(validFrom, event.feedbackWorkingDays);
  await tx
    .insert(dispatches)
    .values(
      applicable.map((m) => ({
        listingId: event.listingId,
        subjectId: event.subjectId,
        measureCode: m.code,
        measureVersion: m.version,
        departmentCode: m.implementingDepartmentCode,
        listType: event.listType,
        status: 'PENDING' as const,
        dispatchedOn: validFrom,
        dueOn,
      })),
    )
    .onConflictDoNothing();
}

/** After an exit or withdrawal all departments stop applying the entry's measures (004 §(二十)). */
async function liftDispatches(tx: MeasuresTx, event: ListingEvent, why: string) {
  await tx
    .update(dispatches)
    .set({ status: 'LIFTED', liftedReason: why })
    .where(
      and(eq(dispatches.listingId, event.listingId), inArray(dispatches.status, ['PENDING', 'SUSPENDED'])),
    );
}

/** Applies each event once, in order; a redelivered event finds itself in the inbox and changes nothing. */
export async function consumeEvents(db: MeasuresDb, events: PlatformEvent[]): Promise<void> {
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(inbox)
        .values({ source: event.source, eventId: event.id })
        .onConflictDoNothing()
        .returning();
      if (fresh.length === 0) return;
      const payload = event.payload as unknown as ListingEvent;
      switch (event.topic) {
        case 'listing.effective':
          return dispatchMeasures(tx, payload);
        case 'listing.exited':
          return liftDispatches(tx, payload, `Entry exited on ${payload.exitedOn} (${payload.exitReason}).`);
        case 'listing.withdrawn':
          return liftDispatches(tx, payload, `Entry withdrawn on ${payload.withdrawnOn}.`);
      }
    });
  }
}
