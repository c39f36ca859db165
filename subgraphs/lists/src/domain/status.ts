import type {
  CreditStatus,
  Disclosure,
  ExitReason,
  ListingStatus,
  ListType,
} from '../generated/resolvers.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { CreditStatus, Disclosure, ExitReason, ListingStatus, ListType };
export interface ListingDates {
  listType: ListType;
  status: ListingStatus;
  disclosure: Disclosure | null;
  validFrom: string | null;
  validUntil: string;
  exitedOn: string | null;
  exitReason: ExitReason | null;
}

/**
 * The state of an entry on a date. An effective entry past its validity has expired on that
 * date whether or not the expiry job has recorded it yet (002 §12), so the state is derived from
 * the dates, not read from a flag.
 */
export function statusOn(
  listing: ListingDates,
  date: string,
): { status: ListingStatus; exitReason: ExitReason | null } {
  const { status, validFrom, validUntil, exitedOn } = listing;
  if (status !== 'EFFECTIVE' && status !== 'EXITED') return { status, exitReason: listing.exitReason };
  if (!validFrom || date < validFrom) {
    return { status: listing.disclosure === 'NON_PUBLIC' ? 'NOTICE' : 'PUBLICITY', exitReason: null };
  }
  if (exitedOn && date >= exitedOn) return { status: 'EXITED', exitReason: listing.exitReason };
  if (date > validUntil) return { status: 'EXITED', exitReason: 'EXPIRED' };
  return { status: 'EFFECTIVE', exitReason: null };
}

/**
 * The state on a past or future date. In force or exited entries follow from their dates; before
 * that, and for withdrawn entries, the recorded history says what the state was that day.
 */
export function statusAsOf(
  listing: ListingDates,
  history: readonly { status: ListingStatus; on: string }[],
  date: string,
): ListingStatus {
  if (
    listing.validFrom &&
    date >= listing.validFrom &&
    (listing.status === 'EFFECTIVE' || listing.status === 'EXITED')
  )
    return statusOn(listing, date).status;
  return (
    history.filter((change) => change.on <= date && change.status !== 'EFFECTIVE').at(-1)?.status ?? 'DRAFT'
  );
}

export function isEffectiveOn(listing: ListingDates, date: string): boolean {
  return statusOn(listing, date).status === 'EFFECTIVE';
}

const PRECEDENCE: ReadonlyArray<[ListType, CreditStatus]> = [
  ['BLACK', 'BLACKLISTED'],
  ['WATCH', 'WATCHED'],
  ['MONITORED', 'MONITORED'],
  ['RED', 'RED_LISTED'],
];

/** A subject's status from its entries effective on `date`: BLACK over WATCH over MONITORED over RED. */
export function creditStatusOn(listings: readonly ListingDates[], date: string): CreditStatus {
  const effective = new Set(listings.filter((l) => isEffectiveOn(l, date)).map((l) => l.listType));
  return PRECEDENCE.find(([listType]) => effective.has(listType))?.[1] ?? 'CLEAR';
}
