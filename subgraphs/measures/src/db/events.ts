import { and, eq, inArray, sql } from 'drizzle-orm';
import { addDays, todayInChina, workingDaysAfter } from '#common/calendar.ts';
import type { PlatformEvent } from '#common/events.ts';
import { consumeOnce } from '#common/outbox.ts';
import { applicableMeasures } from '../domain/applicability.ts';
import { isInForceOn, type ListType, type SubjectKind } from '../domain/catalogue.ts';
import { type NewChange, recordChanges } from './changes.ts';
import type { MeasuresDb, MeasuresTx } from './store.ts';
import { type ChangeKind, dispatches, endedListings, inbox, measures, suspensions } from './tables.ts';

/** The part of the lists subgraph's listing event this subgraph acts on. */
interface ListingEvent {
  listingId: string;
  subjectId: string;
  subjectKind: SubjectKind;
  listType: ListType;
  domain: string;
  jurisdictionCode: string;
  validFrom: string | null;
  validUntil: string;
  exitReason: string | null;
  exitedOn: string | null;
  withdrawnOn: string | null;
  feedbackWorkingDays: number;
  shownToPublic: boolean;
  correctedByObjectionId: string | null;
}

/**
 * When an entry takes effect, every implementing department of every applicable measure gets a
 * dispatch, due within the jurisdiction's working days (002 §18) of the day it reached the
 * department: an entry signed long before it was entered does not arrive overdue. The unique index on
 * (entry, measure, department) keeps it to one dispatch each. The dispatches follow what is
 * already known of the entry, whichever event came first: none for an entry that has left its
 * list, and SUSPENDED ones while an objection suspends its measures.
 */
async function dispatchMeasures(tx: MeasuresTx, event: ListingEvent) {
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
  await recordChanges(
    tx,
    created.map((d) => ({
      ...dispatchChange(d),
      kind: 'DISPATCH_CREATED' as const,
      businessDate: reachedOn,
    })),
  );
}

/** A change about one dispatch: followed by its department (and its jurisdiction's credit office). */
const dispatchChange = (d: typeof dispatches.$inferSelect) => ({
  listingId: d.listingId,
  subjectId: d.subjectId,
  dispatchId: d.id,
  measureCode: d.measureCode,
  departmentCode: d.departmentCode,
});

/** After an exit or withdrawal all departments stop applying the entry's measures (004 §(二十)). */
async function liftDispatches(tx: MeasuresTx, event: ListingEvent, why: string) {
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
  await recordChanges(
    tx,
    lifted.map((d) => ({ ...dispatchChange(d), kind: 'DISPATCH_LIFTED' as const, businessDate: on })),
  );
}

/** What the objections subgraph announces about objections and repairs. */
interface RemedyEvent {
  objectionId?: string;
  repairId?: string;
  listingId: string;
  subjectId?: string;
  departmentCode?: string;
  filedOn?: string;
  appliedOn?: string;
  decision?: 'UPHELD' | 'REJECTED' | 'APPROVED';
  decidedOn?: string;
  reason?: string;
  suspendsMeasures?: boolean;
}

async function tell(tx: MeasuresTx, listingId: string, notice: string): Promise<void> {
  await tx.update(dispatches).set({ notice }).where(eq(dispatches.listingId, listingId));
}

/**
 * Where the jurisdiction says so, an objection under review pauses the entry's pending
 * dispatches (001 item 19, 004 §(二十七)); they resume once no objection to the entry is left
 * under review. An upheld objection lifts them through the entry's exit.
 */
async function applyRemedy(tx: MeasuresTx, topic: string, e: RemedyEvent) {
  await recordChanges(
    tx,
    [remedyChange(topic, e)].filter((c) => c !== null),
  );
  switch (topic) {
    case 'objection.filed': {
      if (!e.suspendsMeasures || !e.objectionId || !e.filedOn) return;
      await tx
        .insert(suspensions)
        .values({ listingId: e.listingId, objectionId: e.objectionId, suspendedOn: e.filedOn })
        .onConflictDoNothing();
      const suspended = await tx
        .update(dispatches)
        .set({ status: 'SUSPENDED' })
        .where(and(eq(dispatches.listingId, e.listingId), eq(dispatches.status, 'PENDING')))
        .returning();
      await recordChanges(
        tx,
        suspended.map((d) => ({
          ...dispatchChange(d),
          kind: 'DISPATCH_SUSPENDED' as const,
          businessDate: e.filedOn,
        })),
      );
      return tell(
        tx,
        e.listingId,
        `Objection filed on ${e.filedOn}: measures suspended while it is reviewed.`,
      );
    }
    case 'objection.decided': {
      if (!e.objectionId) return;
      await tx
        .delete(suspensions)
        .where(and(eq(suspensions.listingId, e.listingId), eq(suspensions.objectionId, e.objectionId)));
      const stillSuspended = await tx.$count(suspensions, eq(suspensions.listingId, e.listingId));
      if (stillSuspended === 0) {
        const resumed = await tx
          .update(dispatches)
          .set({ status: 'PENDING' })
          .where(and(eq(dispatches.listingId, e.listingId), eq(dispatches.status, 'SUSPENDED')))
          .returning();
        await recordChanges(
          tx,
          resumed.map((d) => ({
            ...dispatchChange(d),
            kind: 'DISPATCH_RESUMED' as const,
            businessDate: e.decidedOn,
          })),
        );
      }
      return tell(
        tx,
        e.listingId,
        e.decision === 'UPHELD'
          ? `Objection upheld on ${e.decidedOn}: ${e.reason}; the entry is corrected and its measures lifted.`
          : `Objection rejected on ${e.decidedOn}: ${e.reason}; the entry stands and its measures apply.`,
      );
    }
    case 'repair.decided':
      if (e.decision !== 'APPROVED') return;
      return tell(
        tx,
        e.listingId,
        `Credit repaired on ${e.decidedOn}: ${e.reason}; the measures are lifted.`,
      );
  }
}

const REMEDY_KINDS: Record<string, ChangeKind> = {
  'objection.filed': 'OBJECTION_FILED',
  'objection.decided': 'OBJECTION_DECIDED',
  'repair.filed': 'REPAIR_FILED',
  'repair.decided': 'REPAIR_DECIDED',
};

/** An objection or repair as a change, for the initiating department and its credit office. */
function remedyChange(topic: string, e: RemedyEvent): NewChange | null {
  const kind = REMEDY_KINDS[topic];
  if (!kind) return null;
  return {
    kind,
    businessDate: e.decidedOn ?? e.filedOn ?? e.appliedOn ?? null,
    listingId: e.listingId,
    subjectId: e.subjectId ?? null,
    objectionId: e.objectionId ?? null,
    repairId: e.repairId ?? null,
    departmentCode: e.departmentCode ?? null,
  };
}

/** An entry's change as the lists subgraph announced it; public when the public sees the entry after it. */
function listingChange(topic: string, e: ListingEvent): NewChange | null {
  const corrected = Boolean(e.correctedByObjectionId);
  const kind: ChangeKind | undefined = {
    'listing.effective': 'LISTING_EFFECTIVE' as const,
    'listing.exited':
      corrected || e.exitReason === 'OBJECTION_UPHELD'
        ? ('LISTING_CORRECTED' as const)
        : ('LISTING_EXITED' as const),
    'listing.withdrawn': corrected ? ('LISTING_CORRECTED' as const) : ('LISTING_WITHDRAWN' as const),
  }[topic];
  if (!kind) return null;
  return {
    kind,
    businessDate: e.exitedOn ?? e.withdrawnOn ?? e.validFrom,
    listingId: e.listingId,
    subjectId: e.subjectId,
    public: e.shownToPublic === true,
  };
}

export const consumeEvents = (db: MeasuresDb, events: PlatformEvent[]) =>
  consumeOnce(db, inbox, events, async (tx, event) => {
    // Events of one entry from two sources may be applied at once (two relays, two replicas):
    // one at a time per entry, or a dispatch created beside a resumption stays SUSPENDED.
    const { listingId } = event.payload as { listingId?: string };
    if (listingId) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${listingId}, 0))`);
    if (event.source === 'objections')
      return applyRemedy(tx, event.topic, event.payload as unknown as RemedyEvent);
    if (event.source === 'cases') {
      const e = event.payload as { caseId: string; publishedOn: string };
      if (event.topic === 'case.published')
        await recordChanges(tx, [
          { kind: 'CASE_PUBLISHED', caseId: e.caseId, businessDate: e.publishedOn, public: true },
        ]);
      return;
    }
    const payload = event.payload as unknown as ListingEvent;
    await recordChanges(
      tx,
      [listingChange(event.topic, payload)].filter((c) => c !== null),
    );
    switch (event.topic) {
      case 'listing.effective':
        return dispatchMeasures(tx, payload);
      case 'listing.expiring':
        return tell(
          tx,
          payload.listingId,
          `The entry expires on ${payload.validUntil}: stop applying its measures from ${addDays(payload.validUntil, 1)} (002 §12).`,
        );
      case 'listing.exited':
        return liftDispatches(tx, payload, `Entry exited on ${payload.exitedOn} (${payload.exitReason}).`);
      case 'listing.withdrawn':
        return liftDispatches(tx, payload, `Entry withdrawn on ${payload.withdrawnOn}.`);
    }
  });
