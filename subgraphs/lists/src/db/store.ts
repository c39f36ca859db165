import DataLoader from 'dataloader';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { anyOf, type Db, type Tx } from '#common/db.ts';
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

export function createLoaders(db: ListsDb) {
  return {
    subject: loaderByKey(
      (ids: readonly string[]) => db.select().from(subjects).where(anyOf(subjects.id, ids)),
      (s) => s.id,
    ),
    listing: loaderByKey(
      (ids: readonly string[]) => db.select().from(listings).where(anyOf(listings.id, ids)),
      (l) => l.id,
    ),
    listingsOfSubject: loaderOfMany(
      (ids: readonly string[]) =>
        db.select().from(listings).where(anyOf(listings.subjectId, ids)).orderBy(desc(listings.decidedOn)),
      (l) => l.subjectId,
    ),
    listingsAnsweredBy: loaderOfMany(
      (personIds: readonly string[]) =>
        db
          .select({ personId: responsiblePersons.personId, listing: listings })
          .from(responsiblePersons)
          .innerJoin(listings, eq(listings.id, responsiblePersons.listingId))
          .where(anyOf(responsiblePersons.personId, personIds))
          .orderBy(desc(listings.decidedOn)),
      (row) => row.personId,
    ),
    responsiblePersonsOf: loaderOfMany(
      (listingIds: readonly string[]) =>
        db
          .select({ listingId: responsiblePersons.listingId, person: subjects })
          .from(responsiblePersons)
          .innerJoin(subjects, eq(subjects.id, responsiblePersons.personId))
          .where(anyOf(responsiblePersons.listingId, listingIds)),
      (row) => row.listingId,
    ),
    /**
     * The natural persons an entry is about, in one statement: its subject, the subject's legal
     * representative and the persons who answer for it.
     */
    personsNamedIn: loaderOfMany(
      async (listingIds: readonly string[]) => {
        const owner = alias(subjects, 'owner');
        const ids = [...listingIds];
        return db
          .select({ listingId: responsiblePersons.listingId, person: subjects })
          .from(responsiblePersons)
          .innerJoin(subjects, eq(subjects.id, responsiblePersons.personId))
          .where(and(anyOf(responsiblePersons.listingId, ids), eq(subjects.kind, 'NATURAL_PERSON')))
          .unionAll(
            db
              .select({ listingId: listings.id, person: subjects })
              .from(listings)
              .innerJoin(owner, eq(owner.id, listings.subjectId))
              .innerJoin(
                subjects,
                or(eq(subjects.id, owner.id), eq(subjects.id, owner.legalRepresentativeId)),
              )
              .where(and(anyOf(listings.id, ids), eq(subjects.kind, 'NATURAL_PERSON'))),
          );
      },
      (row) => row.listingId,
    ),
    department: loaderByKey(
      (codes: readonly string[]) => db.select().from(departments).where(anyOf(departments.code, codes)),
      (d) => d.code,
    ),
    departmentsOf: loaderOfMany(
      (codes: readonly string[]) =>
        db
          .select()
          .from(departments)
          .where(anyOf(departments.jurisdictionCode, codes))
          .orderBy(asc(departments.code)),
      (d) => d.jurisdictionCode,
    ),
    historyOf: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(listingHistory)
          .where(anyOf(listingHistory.listingId, ids))
          .orderBy(asc(listingHistory.on), asc(listingHistory.id)),
      (h) => h.listingId,
    ),
    expiryNotice: loaderByKey(
      (ids: readonly string[]) => db.select().from(expiryNotices).where(anyOf(expiryNotices.listingId, ids)),
      (n) => n.listingId,
    ),
    jurisdiction: loaderByKey(
      (codes: readonly string[]) => db.select().from(jurisdictions).where(anyOf(jurisdictions.code, codes)),
      (j) => j.code,
    ),
  };
}

export async function findSubjectByIdentifier(
  db: ListsDb,
  identifier: { id?: string; uscc?: string; residentId?: string },
): Promise<SubjectRow | null> {
  const conditions = [];
  if (identifier.id) conditions.push(eq(subjects.id, identifier.id.toLowerCase()));
  if (identifier.uscc) conditions.push(eq(subjects.uscc, identifier.uscc));
  if (identifier.residentId) conditions.push(eq(subjects.idNumber, identifier.residentId));
  if (conditions.length === 0) return null;
  const [row] = await db
    .select()
    .from(subjects)
    .where(or(...conditions))
    .limit(1);
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
