import { todayInChina } from '#common/calendar.ts';
import type { InternalCaller } from '#common/caller.ts';
import { isUuid } from '#common/input.ts';
import type { Peers } from '#common/peers.ts';
import { maskPersonalDataIn, maySeePersonalData } from '#common/privacy.ts';
import type { RequestFacts } from '#common/server.ts';
import { answeredByPerson } from './db/queries.ts';
import {
  createLoaders,
  type ListingRow,
  type ListsDb,
  personalDataReadRegister,
  type SubjectRow,
} from './db/store.ts';
import { mayReadListing } from './domain/privacy.ts';
import { statusOn } from './domain/status.ts';
import { objectionsUnderReview } from './peers/objections.ts';

export type ReadSource = 'RECORD' | 'FREE_TEXT' | 'PERSON_CHECK';

export interface ListsContext {
  caller: InternalCaller;
  db: ListsDb;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  mayRead(listing: ListingRow): Promise<boolean>;
  /** Whether personal data of this subject is shown in full; registers the read when it is. */
  revealsPersonOf(subject: { id: string; kind: string }): Promise<boolean>;
  /**
   * An entry's free text (facts, exit notes) as the caller may read it: in full, registered as a
   * read of every natural person it names, for a caller with the right to the entry's personal
   * data; otherwise with ID numbers and the linked persons' names masked.
   */
  textOf(listing: ListingRow, text: string, publishedWording?: string | null): Promise<string>;
  /** Objections to the entry under review now, as the objections subgraph counts them. */
  objectionsUnderReview(listingId: string): Promise<number>;
  /** Registers a read of a natural person's data: its record, free text naming it, or a check by name and number. */
  registerRead(subjectId: string, source: ReadSource): Promise<unknown>;
}

export function createContext(
  db: ListsDb,
  caller: InternalCaller,
  peers: Peers,
  request: Pick<RequestFacts, 'operationName'>,
): ListsContext {
  const today = todayInChina();
  const reads = personalDataReadRegister(db);
  const loaders = createLoaders(db);
  const register = (subjectId: string, source: ReadSource) =>
    reads.load({
      subjectId,
      readerRole: caller.role,
      readerDepartment: caller.dept ?? null,
      readerSubject: caller.subject ?? null,
      operation: request.operationName ?? null,
      document: caller.document ?? null,
      purpose: caller.purpose ?? null,
      source,
    });

  const nothingAnswered = { organisationIds: new Set<string>(), listingIds: new Set<string>() };
  let answeredByCaller: ReturnType<typeof answeredByPerson> | undefined;
  const answering = () => {
    if (caller.role !== 'SUBJECT' || !caller.subject || !isUuid(caller.subject))
      return Promise.resolve(nothingAnswered);
    answeredByCaller ??= answeredByPerson(db, caller.subject);
    return answeredByCaller;
  };

  const personsOf = async (listing: ListingRow): Promise<SubjectRow[]> =>
    (await loaders.personsNamedIn.load(listing.id)).map((row) => row.person);

  return {
    caller,
    db,
    today,
    loaders,
    async mayRead(listing) {
      const answered = await answering();
      const answeredByCaller =
        answered.organisationIds.has(listing.subjectId) || answered.listingIds.has(listing.id);
      return mayReadListing(caller, { ...listing, ...statusOn(listing, today), answeredByCaller }, today);
    },
    async revealsPersonOf(subject) {
      if (!maySeePersonalData(caller, subject.id)) return false;
      if (subject.kind === 'NATURAL_PERSON') await register(subject.id, 'RECORD');
      return true;
    },
    registerRead: register,
    objectionsUnderReview: (listingId) => objectionsUnderReview(peers, listingId),
    async textOf(listing, text, publishedWording) {
      const persons = await personsOf(listing);
      const names = persons.map((p) => p.name);
      if (!maySeePersonalData(caller, listing.subjectId))
        return maskPersonalDataIn(publishedWording ?? text, names);
      if (maskPersonalDataIn(text, names) !== text)
        await Promise.all(persons.map((p) => register(p.id, 'FREE_TEXT')));
      return text;
    },
  };
}
