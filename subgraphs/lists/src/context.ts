import { todayInChina } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import type { RequestFacts } from '#common/server.ts';
import { createLoaders, type ListingRow, type ListsDb, personalDataReadRegister } from './db/store.ts';
import { mayReadListing, maySeePersonalData } from './domain/privacy.ts';
import { statusOn } from './domain/status.ts';

export interface ListsContext {
  caller: Caller;
  db: ListsDb;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  /** The client's operation, which the register of personal-data reads records. */
  operationName: string | undefined;
  mayRead(listing: ListingRow): boolean;
  /** Whether personal data of this subject is shown in full; registers the read when it is. */
  revealsPersonOf(subject: { id: string; kind: string }, operation: string | undefined): Promise<boolean>;
}

export function createContext(
  db: ListsDb,
  caller: Caller,
  _peers: Peers,
  request: Pick<RequestFacts, 'operationName'>,
): ListsContext {
  const today = todayInChina();
  const reads = personalDataReadRegister(db);
  return {
    caller,
    db,
    today,
    operationName: request.operationName,
    loaders: createLoaders(db),
    mayRead: (listing) =>
      mayReadListing(caller, {
        subjectId: listing.subjectId,
        departmentCode: listing.departmentCode,
        disclosure: listing.disclosure,
        status: statusOn(listing, today).status,
      }),
    async revealsPersonOf(subject, operation) {
      if (!maySeePersonalData(caller, subject.id)) return false;
      if (subject.kind === 'NATURAL_PERSON') {
        await reads.load({
          subjectId: subject.id,
          readerRole: caller.role,
          readerDepartment: caller.dept ?? null,
          readerSubject: caller.subject ?? null,
          operation: operation ?? null,
        });
      }
      return true;
    },
  };
}
