import { type ListingDates, statusOn } from './status.ts';

/** One entry of the subject, as the cross-checks between its red and its black or watch entries see it. */
export interface SubjectEntry extends ListingDates {
  id: string;
}

/**
 * The BLACK or WATCH entry that keeps a subject off the red list on `on` (002 §8): one in force,
 * or one in publicity, about to take effect. A red entry is neither proposed nor signed beside it.
 */
export function blockingRedListing<E extends SubjectEntry>(entries: readonly E[], on: string): E | undefined {
  return entries.find((e) => {
    if (e.listType !== 'BLACK' && e.listType !== 'WATCH') return false;
    const status = statusOn(e, on).status;
    return status === 'EFFECTIVE' || status === 'PUBLICITY';
  });
}

/**
 * What a BLACK or WATCH entry taking effect on `signedOn` ends among the subject's red entries
 * (002 §12(一)2, 004 §(二十)): those in force exit (LISTED_ELSEWHERE), those not yet in force
 * (in publicity or notice) are withdrawn, so incentives and punishments never run side by side.
 */
export function redEntriesEndedBy<E extends SubjectEntry>(entries: readonly E[], signedOn: string) {
  const reds = entries.filter((e) => e.listType === 'RED');
  return {
    exit: reds.filter((e) => e.status === 'EFFECTIVE' && e.validUntil >= signedOn),
    withdraw: reds.filter((e) => e.status === 'PUBLICITY' || e.status === 'NOTICE'),
  };
}
