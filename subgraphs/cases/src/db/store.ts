import { desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '#common/db.ts';
import { loaderByKey, loaderOfMany } from '#common/loaders.ts';
import { caseListings, caseMeasures, caseRevisions, caseSubjects, cases, type schema } from './tables.ts';

export type CasesDb = Db<typeof schema>;
export type CasesTx = Tx<typeof schema>;
export type CaseRow = typeof cases.$inferSelect;

export function createLoaders(db: CasesDb) {
  return {
    case: loaderByKey(
      (ids: readonly string[]) =>
        db
          .select()
          .from(cases)
          .where(inArray(cases.id, [...ids])),
      (c) => c.id,
    ),
    casesOfSubject: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select({ subjectId: caseSubjects.subjectId, case: cases })
          .from(caseSubjects)
          .innerJoin(cases, eq(cases.id, caseSubjects.caseId))
          .where(inArray(caseSubjects.subjectId, [...ids]))
          .orderBy(desc(cases.reportedOn)),
      (row) => row.subjectId,
    ),
    subjectsOfCase: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(caseSubjects)
          .where(inArray(caseSubjects.caseId, [...ids])),
      (row) => row.caseId,
    ),
    listingsOfCase: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(caseListings)
          .where(inArray(caseListings.caseId, [...ids])),
      (row) => row.caseId,
    ),
    revisionsOfCase: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(caseRevisions)
          .where(inArray(caseRevisions.caseId, [...ids]))
          .orderBy(caseRevisions.revision),
      (row) => row.caseId,
    ),
    casesOfListing: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select({ listingId: caseListings.listingId, case: cases })
          .from(caseListings)
          .innerJoin(cases, eq(cases.id, caseListings.caseId))
          .where(inArray(caseListings.listingId, [...ids]))
          .orderBy(desc(cases.reportedOn)),
      (row) => row.listingId,
    ),
    casesOfMeasure: loaderOfMany(
      (codes: readonly string[]) =>
        db
          .select({ measureCode: caseMeasures.measureCode, case: cases })
          .from(caseMeasures)
          .innerJoin(cases, eq(cases.id, caseMeasures.caseId))
          .where(inArray(caseMeasures.measureCode, [...codes]))
          .orderBy(desc(cases.reportedOn)),
      (row) => row.measureCode,
    ),
    measuresOfCase: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(caseMeasures)
          .where(inArray(caseMeasures.caseId, [...ids])),
      (row) => row.caseId,
    ),
  };
}
