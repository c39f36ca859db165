import { addDays, addMonths } from '#common/calendar.ts';
import { type Caller, isGovernment } from '#common/caller.ts';
import type { Disclosure, ExitReason, ListingStatus, ListType } from './status.ts';

export interface ListingVisibility {
  subjectId: string;
  departmentCode: string;
  disclosure: Disclosure | null;
  listType: ListType;
  severity: 'MINOR' | 'ORDINARY' | 'SERIOUS' | null;
  decidedOn: string;
  validUntil: string;
  exitReason: ExitReason | null;
  /** The entry's state today. */
  status: ListingStatus;
  /** Whether the caller answers for the entry: its organisation's legal representative or a responsible person named (001 item 12). */
  answeredByCaller?: boolean;
}

/** The longest a BLACK entry of each severity is published, from the decision (national repair rules, domain.md §6). */
export const PUBLICATION_MONTHS = { ORDINARY: 12, SERIOUS: 36 } as const;

/**
 * The last day the public may see an entry in force, or null when it is never published: a
 * MONITORED entry is internal (004 §(二十)), MINOR dishonesty is not published, and publication
 * equals the validity (004 §(二十五)) but ends at the severity's maximum.
 */
export function publishedUntil(
  listing: Pick<ListingVisibility, 'listType' | 'severity' | 'decidedOn' | 'validUntil'>,
): string | null {
  if (listing.listType === 'MONITORED') return null;
  if (listing.listType !== 'BLACK' || !listing.severity) return listing.validUntil;
  if (listing.severity === 'MINOR') return null;
  const bound = addDays(addMonths(listing.decidedOn, PUBLICATION_MONTHS[listing.severity]), -1);
  return bound < listing.validUntil ? bound : listing.validUntil;
}

/**
 * What the public sees (002 §8, §9, §12; 004 §(二十五)): a public entry through its publicity
 * (公示) and while published in force, then the exit announcement, except after credit repair,
 * when publication stops.
 */
export function isPubliclyShown(listing: ListingVisibility, today: string): boolean {
  if (listing.disclosure !== 'PUBLIC') return false;
  const until = publishedUntil(listing);
  if (!until) return false;
  switch (listing.status) {
    case 'PUBLICITY':
      return true;
    case 'EFFECTIVE':
      return today <= until;
    case 'EXITED':
      return listing.exitReason !== 'CREDIT_REPAIRED';
    default:
      return false;
  }
}

/**
 * Whether a caller may find `subject` by its ID number (004 §(二十三)): anyone finds an
 * organisation; a natural person is found only by government and by the person itself. For
 * anyone else a person's number answers as an unknown one, or a masked number would become a
 * question the platform answers 2,700 birth-date candidates at a time.
 */
export const mayFindByNumber = (caller: Caller, subject: { id: string; kind: string }) =>
  subject.kind !== 'NATURAL_PERSON' || isGovernment(caller) || caller.subject === subject.id;

/** Whether a caller reads an entry as the public does: anyone but government, analysts and the subject itself. */
export const readsAsPublic = (caller: Caller, subjectId: string) =>
  caller.role === 'PUBLIC' || (caller.role === 'SUBJECT' && caller.subject !== subjectId);

/**
 * PUBLIC sees what `isPubliclyShown` allows; a subject sees its own, those it answers for (public
 * or not, so it can object to them) and what is public; government roles see everything but
 * other departments' drafts.
 */
export function mayReadListing(caller: Caller, listing: ListingVisibility, today: string): boolean {
  switch (caller.role) {
    case 'CREDIT_OFFICE':
      return true;
    case 'DEPARTMENT':
      return listing.status !== 'DRAFT' || listing.departmentCode === caller.dept;
    case 'ANALYST':
      return listing.status !== 'DRAFT';
    case 'SUBJECT':
      if (caller.subject === listing.subjectId || listing.answeredByCaller) return listing.status !== 'DRAFT';
      return isPubliclyShown(listing, today);
    case 'PUBLIC':
      return isPubliclyShown(listing, today);
  }
}

/**
 * After an exit the public reads the announcement, never the facts (002 §12): when and why the
 * entry left; after an upheld objection, the correction that restores the subject's reputation
 * (004 §(二十七)).
 */
export function exitAnnouncement(listing: {
  exitedOn: string | null;
  exitReason: ExitReason | null;
}): string {
  if (listing.exitReason === 'OBJECTION_UPHELD')
    return `更正公告：经异议核查，该信息已于 ${listing.exitedOn} 更正并撤销，恢复信用主体的信誉。`;
  return `移出公告：该信息已于 ${listing.exitedOn} 移出名单（${listing.exitReason}）。`;
}
