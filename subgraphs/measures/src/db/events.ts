import { and, eq, inArray, sql } from 'drizzle-orm';
import { addDays, todayInChina, workingDaysAfter } from '#common/calendar.ts';
import type { ListingPayload, Payload } from '#common/event-contract.ts';
import type { PlatformEvent } from '#common/events.ts';
import { consumeOnce } from '#common/outbox.ts';
import { applicableMeasures } from '../domain/applicability.ts';
import { isInForceOn } from '../domain/catalogue.ts';
import { type NewChange, recordChanges } from './changes.ts';
import type { MeasuresDb, MeasuresTx } from './store.ts';
import { type ChangeKind, dispatches, endedListings, inbox, measures, suspensions } from './tables.ts';

/**
 * When an entry takes effect, every implementing department of every applicable measure gets a
 * dispatch, due within the jurisdiction's working days (002 §18) of the day it reached the
 * department: an entry signed long before it was entered does not arrive overdue. The unique index on
 * (entry, measure, department) keeps it to one dispatch each. The dispatches follow what is
 * already known of the entry, whichever event came first: none for an entry that has left its
 * list, and SUSPENDED ones while an objection suspends its measures.
 */
async function dispatchMeasures(tx: MeasuresTx, event: ListingPayload) {
  if (!event.validFrom) return;
  if ((await tx.$count(endedListings, eq(endedListings.listingId, event.listingId))) > 0) return;
  const suspended = (await tx.$count(suspensions, eq(suspensions.listingId, event.listingId))) > 0;
  const catalogue = await tx
    .select()
    .from(measures)
    .where(eq(measures.jurisdictionCode, event.jurisdictionCode));
  const validFrom = event.validFrom;
  const inForce = catalogue.filter((m) => isInForceOn(m, validFrom));
  const applicable = applicableMeasures(inForce, {
    listType: event.listType,
    domain: event.domain,
    subjectKind: event.subjectKind,
  });
  if (applicable.length === 0) return;
  const today = todayInChina();
  const reachedOn = validFrom > today ? validFrom : today;
  const dueOn = workingDaysAfter(reachedOn, event.feedbackWorkingDays);
  const created = await tx
    .insert(dispatches)
    .values(
      applicable.map((m) => ({
        listingId: event.listingId,
        subjectId: event.subjectId,
        measureCode: m.code,
        measureVersion: m.version,
        departmentCode: m.implementingDepartmentCode,
        listType: event.listType,
        status: suspended ? ('SUSPENDED' as const) : ('PENDING' as const),
        dispatchedOn: reachedOn,
        dueOn,
      })),
    )
    .onConflictDoNothing()
    .returning();
  await recordDispatchChanges(tx, created, 'DISPATCH_CREATED', reachedOn);
}

/** Changes about dispatches: each followed by its department (and its jurisdiction's credit office). */
const recordDispatchChanges = (
  tx: MeasuresTx,
  rows: (typeof dispatches.$inferSelect)[],
  kind: ChangeKind,
  businessDate: string | null,
) =>
  recordChanges(
    tx,
    rows.map((d) => ({
      kind,
      businessDate,
      listingId: d.listingId,
      subjectId: d.subjectId,
      dispatchId: d.id,
      measureCode: d.measureCode,
      departmentCode: d.departmentCode,
    })),
  );

/** After an exit or withdrawal all departments stop applying the entry's measures (004 §(二十)). */
async function liftDispatches(tx: MeasuresTx, event: ListingPayload, why: string) {
  await tx
    .insert(endedListings)
    .values({ listingId: event.listingId, endedOn: event.exitedOn ?? event.withdrawnOn, reason: why })
    .onConflictDoNothing();
  const lifted = await tx
    .update(dispatches)
    .set({ status: 'LIFTED', liftedReason: why })
    .where(
      and(eq(dispatches.listingId, event.listingId), inArray(dispatches.status, ['PENDING', 'SUSPENDED'])),
    )
    .returning();
  const on = event.exitedOn ?? event.withdrawnOn;
  await recordDispatchChanges(tx, lifted, 'DISPATCH_LIFTED', on);
}

async function tell(tx: MeasuresTx, listingId: string, notice: string): Promise<void> {
  await tx.update(dispatches).set({ notice }).where(eq(dispatches.listingId, listingId));
}

/**
 * Where the jurisdiction says so, an objection under review pauses the entry's pending
 * dispatches (001 item 19, 004 §(二十七)); they resume once no objection to the entry is left
 * under review. An upheld objection lifts them through the entry's exit.
 */
async function suspendFor(tx: MeasuresTx, e: Payload<'objection.filed'>) {
  if (!e.suspendsMeasures) return;
  await tx
    .insert(suspensions)
    .values({ listingId: e.listingId, objectionId: e.objectionId, suspendedOn: e.filedOn })
    .onConflictDoNothing();
  const suspended = await tx
    .update(dispatches)
    .set({ status: 'SUSPENDED' })
    .where(and(eq(dispatches.listingId, e.listingId), eq(dispatches.status, 'PENDING')))
    .returning();
  await recordDispatchChanges(tx, suspended, 'DISPATCH_SUSPENDED', e.filedOn);
  await tell(tx, e.listingId, `Objection filed on ${e.filedOn}: measures suspended while it is reviewed.`);
}

async function resumeAfter(tx: MeasuresTx, e: Payload<'objection.decided'>) {
  await tx
    .delete(suspensions)
    .where(and(eq(suspensions.listingId, e.listingId), eq(suspensions.objectionId, e.objectionId)));
  if ((await tx.$count(suspensions, eq(suspensions.listingId, e.listingId))) === 0) {
    const resumed = await tx
      .update(dispatches)
      .set({ status: 'PENDING' })
      .where(and(eq(dispatches.listingId, e.listingId), eq(dispatches.status, 'SUSPENDED')))
      .returning();
    await recordDispatchChanges(tx, resumed, 'DISPATCH_RESUMED', e.decidedOn);
  }
  await tell(
    tx,
    e.listingId,
    e.decision === 'UPHELD'
      ? `Objection upheld on ${e.decidedOn}: ${e.reason}; the entry is corrected and its measures lifted.`
      : `Objection rejected on ${e.decidedOn}: ${e.reason}; the entry stands and its measures apply.`,
  );
}

/** An objection or repair as a change, for the initiating department and its credit office. */
const remedyChange = (
  kind: ChangeKind,
  e: {
    listingId: string;
    departmentCode: string;
    subjectId?: string;
    objectionId?: string;
    repairId?: string;
  },
  businessDate: string,
): NewChange => ({
  kind,
  businessDate,
  listingId: e.listingId,
  subjectId: e.subjectId ?? null,
  objectionId: e.objectionId ?? null,
  repairId: e.repairId ?? null,
  departmentCode: e.departmentCode,
});

/** An entry's change as the lists subgraph announced it; public when the public sees the entry after it. */
const listingChange = (kind: ChangeKind, e: ListingPayload): NewChange => ({
  kind: kind !== 'LISTING_EFFECTIVE' && e.correctedByObjectionId ? 'LISTING_CORRECTED' : kind,
  businessDate: e.exitedOn ?? e.withdrawnOn ?? e.validFrom,
  listingId: e.listingId,
  subjectId: e.subjectId,
  public: e.shownToPublic,
});

export const consumeEvents = (db: MeasuresDb, events: PlatformEvent[]) =>
  consumeOnce(db, inbox, events, async (tx, event) => {
    // Events of one entry from two sources may be applied at once (two relays, two replicas):
    // one at a time per entry, or a dispatch created beside a resumption stays SUSPENDED.
    if ('listingId' in event.payload)
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${event.payload.listingId}, 0))`);
    switch (event.topic) {
      case 'listing.effective':
        await recordChanges(tx, [listingChange('LISTING_EFFECTIVE', event.payload)]);
        return dispatchMeasures(tx, event.payload);
      case 'listing.expiring': {
        const { listingId, validUntil } = event.payload;
        return tell(
          tx,
          listingId,
          `The entry expires on ${validUntil}: stop applying its measures from ${addDays(validUntil, 1)} (002 §12).`,
        );
      }
      case 'listing.exited': {
        const e = event.payload;
        const kind = e.exitReason === 'OBJECTION_UPHELD' ? 'LISTING_CORRECTED' : 'LISTING_EXITED';
        await recordChanges(tx, [listingChange(kind, e)]);
        return liftDispatches(tx, e, `Entry exited on ${e.exitedOn} (${e.exitReason}).`);
      }
      case 'listing.withdrawn':
        await recordChanges(tx, [listingChange('LISTING_WITHDRAWN', event.payload)]);
        return liftDispatches(tx, event.payload, `Entry withdrawn on ${event.payload.withdrawnOn}.`);
      case 'objection.filed':
        await recordChanges(tx, [remedyChange('OBJECTION_FILED', event.payload, event.payload.filedOn)]);
        return suspendFor(tx, event.payload);
      case 'objection.decided':
        await recordChanges(tx, [remedyChange('OBJECTION_DECIDED', event.payload, event.payload.decidedOn)]);
        return resumeAfter(tx, event.payload);
      case 'repair.filed':
        return recordChanges(tx, [remedyChange('REPAIR_FILED', event.payload, event.payload.appliedOn)]);
      case 'repair.decided': {
        const e = event.payload;
        await recordChanges(tx, [remedyChange('REPAIR_DECIDED', e, e.decidedOn)]);
        if (e.decision === 'APPROVED')
          await tell(
            tx,
            e.listingId,
            `Credit repaired on ${e.decidedOn}: ${e.reason}; the measures are lifted.`,
          );
        return;
      }
      case 'case.published':
        return recordChanges(tx, [
          {
            kind: 'CASE_PUBLISHED',
            caseId: event.payload.caseId,
            businessDate: event.payload.publishedOn,
            public: true,
          },
        ]);
    }
  });
