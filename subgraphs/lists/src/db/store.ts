import DataLoader from 'dataloader';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { anyOfKeys, byKeys, type Db, type Tx } from '#common/db.ts';
import { loaderByKey, loaderOfMany } from '#common/loaders.ts';
import {
  departments,
  expiryNotices,
  jurisdictions,
  listingHistory,
  listings,
  personalDataReads,
  responsiblePersons,
  type schema,
  subjects,
} from './tables.ts';

export type ListsDb = Db<typeof schema>;
export type ListsTx = Tx<typeof schema>;
export type SubjectRow = typeof subjects.$inferSelect;
export type ListingRow = typeof listings.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type JurisdictionRow = typeof jurisdictions.$inferSelect;
export type PersonalDataReadRow = typeof personalDataReads.$inferSelect;
/** A change in an entry's history, with the entry, whose readers its reason is shown to. */
export type ListingChangeNode = typeof listingHistory.$inferSelect & { listing: ListingRow };

const subjectsById = byKeys('subjects_by_id', (db: ListsDb) =>
  db.select().from(subjects).where(anyOfKeys(subjects.id)),
);
const listingsById = byKeys('listings_by_id', (db: ListsDb) =>
  db.select().from(listings).where(anyOfKeys(listings.id)),
);
const listingsOfSubjects = byKeys('listings_of_subjects', (db: ListsDb) =>
  db.select().from(listings).where(anyOfKeys(listings.subjectId)).orderBy(desc(listings.decidedOn)),
);
const listingsAnsweredBy = byKeys('listings_answered_by', (db: ListsDb) =>
  db
    .select({ personId: responsiblePersons.personId, listing: listings })
    .from(responsiblePersons)
    .innerJoin(listings, eq(listings.id, responsiblePersons.listingId))
    .where(anyOfKeys(responsiblePersons.personId))
    .orderBy(desc(listings.decidedOn)),
);
const responsiblePersonsOf = byKeys('responsible_persons_of', (db: ListsDb) =>
  db
    .select({ listingId: responsiblePersons.listingId, person: subjects })
    .from(responsiblePersons)
    .innerJoin(subjects, eq(subjects.id, responsiblePersons.personId))
    .where(anyOfKeys(responsiblePersons.listingId)),
);
/**
 * The natural persons an entry is about, in one statement: its subject, the subject's legal
 * representative and the persons who answer for it.
 */
const personsNamedIn = byKeys('persons_named_in', (db: ListsDb) => {
  const owner = alias(subjects, 'owner');
  return db
    .select({ listingId: responsiblePersons.listingId, person: subjects })
    .from(responsiblePersons)
    .innerJoin(subjects, eq(subjects.id, responsiblePersons.personId))
    .where(and(anyOfKeys(responsiblePersons.listingId), eq(subjects.kind, 'NATURAL_PERSON')))
    .unionAll(
      db
        .select({ listingId: listings.id, person: subjects })
        .from(listings)
        .innerJoin(owner, eq(owner.id, listings.subjectId))
        .innerJoin(subjects, or(eq(subjects.id, owner.id), eq(subjects.id, owner.legalRepresentativeId)))
        .where(and(anyOfKeys(listings.id), eq(subjects.kind, 'NATURAL_PERSON'))),
    );
});
const departmentsByCode = byKeys('departments_by_code', (db: ListsDb) =>
  db.select().from(departments).where(anyOfKeys(departments.code)),
);
const departmentsOfJurisdictions = byKeys('departments_of_jurisdictions', (db: ListsDb) =>
  db.select().from(departments).where(anyOfKeys(departments.jurisdictionCode)).orderBy(asc(departments.code)),
);
const historyOfListings = byKeys('history_of_listings', (db: ListsDb) =>
  db
    .select()
    .from(listingHistory)
    .where(anyOfKeys(listingHistory.listingId))
    .orderBy(asc(listingHistory.on), asc(listingHistory.id)),
);
const expiryNoticesOf = byKeys('expiry_notices_of', (db: ListsDb) =>
  db.select().from(expiryNotices).where(anyOfKeys(expiryNotices.listingId)),
);
const jurisdictionsByCode = byKeys('jurisdictions_by_code', (db: ListsDb) =>
  db.select().from(jurisdictions).where(anyOfKeys(jurisdictions.code)),
);

export function createLoaders(db: ListsDb) {
  return {
    subject: loaderByKey(subjectsById(db), (s) => s.id),
    listing: loaderByKey(listingsById(db), (l) => l.id),
    listingsOfSubject: loaderOfMany(listingsOfSubjects(db), (l) => l.subjectId),
    listingsAnsweredBy: loaderOfMany(listingsAnsweredBy(db), (row) => row.personId),
    responsiblePersonsOf: loaderOfMany(responsiblePersonsOf(db), (row) => row.listingId),
    personsNamedIn: loaderOfMany(personsNamedIn(db), (row) => row.listingId),
    department: loaderByKey(departmentsByCode(db), (d) => d.code),
    departmentsOf: loaderOfMany(departmentsOfJurisdictions(db), (d) => d.jurisdictionCode),
    historyOf: loaderOfMany(historyOfListings(db), (h) => h.listingId),
    expiryNotice: loaderByKey(expiryNoticesOf(db), (n) => n.listingId),
    jurisdiction: loaderByKey(jurisdictionsByCode(db), (j) => j.code),
  };
}

const subjectsByUscc = byKeys('subjects_by_uscc', (db: ListsDb) =>
  db.select().from(subjects).where(anyOfKeys(subjects.uscc)),
);
const subjectsByIdNumber = byKeys('subjects_by_id_number', (db: ListsDb) =>
  db.select().from(subjects).where(anyOfKeys(subjects.idNumber)),
);

export async function findSubjectByIdentifier(
  db: ListsDb,
  identifier: { id?: string; uscc?: string; residentId?: string },
): Promise<SubjectRow | null> {
  const [row] = identifier.id
    ? await subjectsById(db)([identifier.id.toLowerCase()])
    : identifier.uscc
      ? await subjectsByUscc(db)([identifier.uscc])
      : identifier.residentId
        ? await subjectsByIdNumber(db)([identifier.residentId])
        : [];
  return row ?? null;
}

export function allJurisdictions(db: ListsDb) {
  return db.select().from(jurisdictions).orderBy(asc(jurisdictions.code));
}

export type PersonalDataRead = Required<
  Omit<typeof personalDataReads.$inferInsert, 'id' | 'persons' | 'readAt'>
>;

/**
 * Registers reads of natural persons' records, the reads of one request in one statement: a
 * screening of 1,000 identifiers reveals hundreds of persons at once. Each column is bound as one
 * array (as `anyOf` binds keys): building an insert of a parameter per value cost the service
 * more than PostgreSQL spent on it.
 */
export function personalDataReadRegister(db: ListsDb) {
  return new DataLoader<PersonalDataRead, true, string>(
    async (reads) => {
      const column = (key: keyof PersonalDataRead) => sql.param(reads.map((read) => read[key]));
      await db.execute(sql`insert into ${personalDataReads}
        (subject_id, reader_role, reader_department, reader_subject, operation, document, purpose, source)
        select * from unnest(${column('subjectId')}::uuid[], ${column('readerRole')}::text[],
          ${column('readerDepartment')}::text[], ${column('readerSubject')}::text[],
          ${column('operation')}::text[], ${column('document')}::text[], ${column('purpose')}::text[],
          ${column('source')}::text[])`);
      return reads.map(() => true as const);
    },
    { cacheKeyFn: (read) => `${read.subjectId}:${read.source}` },
  );
}
