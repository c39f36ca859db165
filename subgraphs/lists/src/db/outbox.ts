import { eq } from 'drizzle-orm';
import { todayInChina } from '#common/calendar.ts';
import type { ListingPayload } from '#common/event-contract.ts';
import { emitEvent } from '#common/outbox.ts';
import { isPubliclyShown } from '../domain/privacy.ts';
import { statusOn } from '../domain/status.ts';
import type { ListsTx } from './store.ts';
import { departments, jurisdictions, listings, outbox, outboxCursors, subjects } from './tables.ts';

export type ListingTopic = 'listing.effective' | 'listing.expiring' | 'listing.exited' | 'listing.withdrawn';

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
  const today = todayInChina();
  const payload: ListingPayload = {
    listingId: listing.id,
    subjectId: listing.subjectId,
    subjectKind: row.subjectKind,
    listType: listing.listType,
    domain: listing.domain,
    status: listing.status,
    shownToPublic: isPubliclyShown({ ...listing, ...statusOn(listing, today) }, today),
    departmentCode: listing.departmentCode,
    jurisdictionCode: row.jurisdictionCode,
    validFrom: listing.validFrom,
    validUntil: listing.validUntil,
    exitReason: listing.exitReason,
    exitedOn: listing.exitedOn,
    withdrawnOn: listing.withdrawnOn,
    correctedByObjectionId: listing.correctedByObjectionId,
    feedbackWorkingDays: row.feedbackWorkingDays,
    objectionSuspendsMeasures: row.objectionSuspendsMeasures,
  };
  await emitEvent(tx, { outbox, outboxCursors }, topic, payload);
}
