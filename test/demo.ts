import { buildDemoDataset, type DemoListing, type DemoSubject } from '#demo/dataset.ts';

/** The demo data the tests run against, with the subjects each story is about. */
export const demo = buildDemoDataset();

const listingOf = (subject: DemoSubject, status?: string): DemoListing => {
  const found = demo.listings.find((l) => l.subjectId === subject.id && (!status || l.status === status));
  if (!found) throw new Error(`no demo listing for ${subject.name}`);
  return found;
};

const organisations = demo.subjects.filter((s) => s.kind !== 'NATURAL_PERSON');
const people = demo.subjects.filter((s) => s.kind === 'NATURAL_PERSON');
const at = <T>(items: T[], i: number) => items[i] as T;

export const jinanFoodCompany = at(organisations, 0);
export const jinanFoodListing = listingOf(jinanFoodCompany);
export const kunmingTaxEvader = at(organisations, 1);
export const xiamenRedCompany = at(organisations, 2);
export const expiredRedCompany = at(organisations, 9);
export const hiddenBlackCompany = at(organisations, 10);
export const jinanLegalRepresentative = at(people, 0);
export const xiamenDefaulter = at(people, 2);
