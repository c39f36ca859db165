import { desc, eq } from 'drizzle-orm';
import { anyOf, type Db, type Tx } from '#common/db.ts';
import { loaderByKey, loaderOfMany } from '#common/loaders.ts';
import { caseListings, caseMeasures, caseRevisions, caseSubjects, cases, type schema } from './tables.ts';

export type CasesDb = Db<typeof schema>;
export type CasesTx = Tx<typeof schema>;
export type CaseRow = typeof cases.$inferSelect;

/** The cases linked to each key (a subject, an entry, a measure), latest report first. */
function casesLinkedBy(
  db: CasesDb,
  link: typeof caseSubjects | typeof caseListings | typeof caseMeasures,
  key: typeof caseSubjects.subjectId | typeof caseListings.listingId | typeof caseMeasures.measureCode,
) {
  return loaderOfMany(
    (keys: readonly string[]) =>
      db
        .select({ key, case: cases })
        .from(link)
        .innerJoin(cases, eq(cases.id, link.caseId))
        .where(anyOf(key, keys))
        .orderBy(desc(cases.reportedOn)),
    (row) => row.key,
  );
}

export function createLoaders(db: CasesDb) {
  return {
    case: loaderByKey(
      (ids: readonly string[]) => db.select().from(cases).where(anyOf(cases.id, ids)),
      (c) => c.id,
    ),
    casesOfSubject: casesLinkedBy(db, caseSubjects, caseSubjects.subjectId),
    subjectsOfCase: loaderOfMany(
      (ids: readonly string[]) => db.select().from(caseSubjects).where(anyOf(caseSubjects.caseId, ids)),
      (row) => row.caseId,
    ),
    listingsOfCase: loaderOfMany(
      (ids: readonly string[]) => db.select().from(caseListings).where(anyOf(caseListings.caseId, ids)),
      (row) => row.caseId,
    ),
    revisionsOfCase: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(caseRevisions)
          .where(anyOf(caseRevisions.caseId, ids))
          .orderBy(caseRevisions.revision),
      (row) => row.caseId,
    ),
    casesOfListing: casesLinkedBy(db, caseListings, caseListings.listingId),
    casesOfMeasure: casesLinkedBy(db, caseMeasures, caseMeasures.measureCode),
    measuresOfCase: loaderOfMany(
      (ids: readonly string[]) => db.select().from(caseMeasures).where(anyOf(caseMeasures.caseId, ids)),
      (row) => row.caseId,
    ),
  };
}
