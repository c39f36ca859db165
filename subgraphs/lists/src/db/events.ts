import { and, eq } from 'drizzle-orm';
import type { Caller } from '#common/caller.ts';
import type { PlatformEvent } from '#common/events.ts';
import { log } from '#common/log.ts';
import { consumeOnce } from '#common/outbox.ts';
import { exit } from '../domain/lifecycle.ts';
import { transitionListing } from './commands.ts';
import type { ListsDb, ListsTx } from './store.ts';
import { inbox, objectionFilings, objectionHolds } from './tables.ts';

/** What the objections subgraph announces about an objection or a repair. */
interface RemedyEvent {
  objectionId?: string;
  repairId?: string;
  listingId: string;
  departmentCode: string;
  filedOn?: string;
  duringPublicity?: boolean;
  decision?: 'UPHELD' | 'REJECTED' | 'APPROVED';
  decidedOn?: string;
  reason?: string;
}

/**
 * Applies a decision taken in the objections subgraph to the entry, as the department that took
 * it. An entry that has meanwhile left by another way stays as it is: the decision is recorded
 * there, and this event is done.
 */
async function applyDecision(
  tx: ListsTx,
  event: RemedyEvent,
  decide: Parameters<typeof transitionListing>[3],
): Promise<void> {
  const decider: Caller = { role: 'CREDIT_OFFICE', dept: event.departmentCode };
  try {
    await transitionListing(tx as unknown as ListsDb, decider, event.listingId, decide);
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    if (code !== 'CONFLICT') throw error;
    log.warn(
      { service: 'lists', listingId: event.listingId, reason: (error as Error).message },
      'decision not applied',
    );
  }
}

export const consumeEvents = (db: ListsDb, events: PlatformEvent[]) =>
  consumeOnce(db, inbox, events, async (tx, event) => {
    const e = event.payload as unknown as RemedyEvent;
    switch (event.topic) {
      case 'objection.filed':
        if (!e.objectionId || !e.filedOn) return;
        await tx
          .insert(objectionFilings)
          .values({ listingId: e.listingId, objectionId: e.objectionId, filedOn: e.filedOn })
          .onConflictDoNothing();
        if (e.duringPublicity)
          await tx
            .insert(objectionHolds)
            .values({ listingId: e.listingId, objectionId: e.objectionId, filedOn: e.filedOn })
            .onConflictDoNothing();
        return;
      // An upheld objection corrected the entry before it was decided (correctListing); the
      // event only releases the signature it held.
      case 'objection.decided':
        if (!e.objectionId) return;
        await tx
          .delete(objectionHolds)
          .where(
            and(eq(objectionHolds.listingId, e.listingId), eq(objectionHolds.objectionId, e.objectionId)),
          );
        return;
      case 'repair.decided': {
        if (e.decision !== 'APPROVED' || !e.decidedOn) return;
        const on = e.decidedOn;
        return applyDecision(tx, e, (state) =>
          exit(state, {
            reason: 'CREDIT_REPAIRED',
            exitedOn: on,
            note: `Credit repaired: ${e.reason ?? ''}`.trim(),
          }),
        );
      }
    }
  });
