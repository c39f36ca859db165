import type { Caller } from '#common/caller.ts';
import type { Disclosure, ListingStatus } from './status.ts';

export interface ListingVisibility {
  subjectId: string;
  departmentCode: string;
  disclosure: Disclosure | null;
  /** The entry's state today. */
  status: ListingStatus;
}

/**
 * PUBLIC sees public entries once effective, and their exits (002 §9, §12); a subject sees its
 * own; government roles see everything but other departments' drafts.
 */
export function mayReadListing(caller: Caller, listing: ListingVisibility): boolean {
  switch (caller.role) {
    case 'CREDIT_OFFICE':
      return true;
    case 'DEPARTMENT':
      return listing.status !== 'DRAFT' || listing.departmentCode === caller.dept;
    case 'ANALYST':
      return listing.status !== 'DRAFT';
    case 'SUBJECT':
      if (caller.subject === listing.subjectId) return listing.status !== 'DRAFT';
      return isPubliclyShown(listing);
    case 'PUBLIC':
      return isPubliclyShown(listing);
  }
}

function isPubliclyShown(listing: ListingVisibility): boolean {
  return listing.disclosure === 'PUBLIC' && (listing.status === 'EFFECTIVE' || listing.status === 'EXITED');
}
