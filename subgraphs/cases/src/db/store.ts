import { desc, eq } from 'drizzle-orm';
import { anyOfKeys, byKeys, type Db, type Tx } from '#common/db.ts';
import { loaderByKey, loaderOfMany } from '#common/loaders.ts';
import { caseListings, caseMeasures, caseRevisions, caseSubjects, cases, type schema } from './tables.ts';

export type CasesDb = Db<typeof schema>;
export type CasesTx = Tx<typeof schema>;
export type CaseRow = typeof cases.$inferSelect;

/** The cases linked to each key (a subject, an entry, a measure), latest report first. */
const casesLinkedBy = (
  name: string,
  link: typeof caseSubjects | typeof caseListings | typeof caseMeasures,
  key: typeof caseSubjects.subjectId | typeof caseListings.listingId | typeof caseMeasures.measureCode,
) =>
  byKeys(name, (db: CasesDb) =>
    db
      .select({ key, case: cases })
      .from(link)
      .innerJoin(cases, eq(cases.id, link.caseId))
      .where(anyOfKeys(key))
      .orderBy(desc(cases.reportedOn)),
  );
const casesOfSubjects = casesLinkedBy('cases_of_subjects', caseSubjects, caseSubjects.subjectId);
const casesOfListings = casesLinkedBy('cases_of_listings', caseListings, caseListings.listingId);
const casesOfMeasures = casesLinkedBy('cases_of_measures', caseMeasures, caseMeasures.measureCode);
const casesById = byKeys('cases_by_id', (db: CasesDb) => db.select().from(cases).where(anyOfKeys(cases.id)));
const subjectsOfCases = byKeys('subjects_of_cases', (db: CasesDb) =>
  db.select().from(caseSubjects).where(anyOfKeys(caseSubjects.caseId)),
);
const listingsOfCases = byKeys('listings_of_cases', (db: CasesDb) =>
  db.select().from(caseListings).where(anyOfKeys(caseListings.caseId)),
);
const revisionsOfCases = byKeys('revisions_of_cases', (db: CasesDb) =>
  db.select().from(caseRevisions).where(anyOfKeys(caseRevisions.caseId)).orderBy(caseRevisions.revision),
);
const measuresOfCases = byKeys('measures_of_cases', (db: CasesDb) =>
  db.select().from(caseMeasures).where(anyOfKeys(caseMeasures.caseId)),
);

export function createLoaders(db: CasesDb) {
  return {
    case: loaderByKey(casesById(db), (c) => c.id),
    casesOfSubject: loaderOfMany(casesOfSubjects(db), (row) => row.key),
    subjectsOfCase: loaderOfMany(subjectsOfCases(db), (row) => row.caseId),
    listingsOfCase: loaderOfMany(listingsOfCases(db), (row) => row.caseId),
    revisionsOfCase: loaderOfMany(revisionsOfCases(db), (row) => row.caseId),
    casesOfListing: loaderOfMany(casesOfListings(db), (row) => row.key),
    casesOfMeasure: loaderOfMany(casesOfMeasures(db), (row) => row.key),
    measuresOfCase: loaderOfMany(measuresOfCases(db), (row) => row.caseId),
  };
}
