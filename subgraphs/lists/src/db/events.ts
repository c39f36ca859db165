import { and, eq } from 'drizzle-orm';
import type { Caller } from '#common/caller.ts';
import type { PlatformEvent } from '#common/events.ts';
import { log } from '#common/log.ts';
import { consumeOnce } from '#common/outbox.ts';
import { exit } from '../domain/lifecycle.ts';
import { transitionListing } from './commands.ts';
import type { ListsDb, ListsTx } from './store.ts';
import { inbox, objectionFilings, objectionHolds } from './tables.ts';

/**
 * Applies a decision taken in the objections subgraph to the entry, as the department that took
 * it. An entry that has meanwhile left by another way stays as it is: the decision is recorded
 * there, and this event is done.
 */
async function applyDecision(
  tx: ListsTx,
  event: { listingId: string; departmentCode: string },
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
    switch (event.topic) {
      case 'objection.filed': {
        const { listingId, objectionId, filedOn } = event.payload;
        await tx.insert(objectionFilings).values({ listingId, objectionId, filedOn }).onConflictDoNothing();
        if (event.payload.duringPublicity)
          await tx.insert(objectionHolds).values({ listingId, objectionId, filedOn }).onConflictDoNothing();
        return;
      }
      // An upheld objection corrected the entry before it was decided (correctListing); the
      // event only releases the signature it held.
      case 'objection.decided': {
        const { listingId, objectionId } = event.payload;
        await tx
          .delete(objectionHolds)
          .where(and(eq(objectionHolds.listingId, listingId), eq(objectionHolds.objectionId, objectionId)));
        return;
      }
      case 'repair.decided': {
        const e = event.payload;
        if (e.decision !== 'APPROVED') return;
        return applyDecision(tx, e, (state) =>
          exit(state, {
            reason: 'CREDIT_REPAIRED',
            exitedOn: e.decidedOn,
            note: `Credit repaired: ${e.reason}`.trim(),
          }),
        );
      }
    }
  });
