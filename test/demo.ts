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

const first = <T>(items: T[], what: string, match: (item: T) => boolean): T => {
  const found = items.find(match);
  if (!found) throw new Error(`no demo ${what}`);
  return found;
};

/** Records in each state of their lifecycle, for the tests that act on one of each. */
export const JINAN_SAMR = '370100-SAMR';
export const jinanDraft = first(
  demo.listings,
  'draft of Jinan SAMR',
  (l) => l.status === 'DRAFT' && l.departmentCode === JINAN_SAMR,
);
export const jinanInPublicity = first(
  demo.listings,
  'entry of Jinan SAMR in publicity',
  (l) => l.status === 'PUBLICITY' && l.departmentCode === JINAN_SAMR,
);
export const jinanEffectiveRed = first(
  demo.listings,
  'effective red entry of Jinan SAMR',
  (l) => l.status === 'EFFECTIVE' && l.listType === 'RED' && l.departmentCode === JINAN_SAMR,
);
export const jinanPendingDispatch = first(
  demo.dispatches,
  'pending dispatch of Jinan SAMR',
  (d) => d.status === 'PENDING' && d.departmentCode === JINAN_SAMR,
);
export const noticeListing = first(demo.listings, 'entry in notice', (l) => l.status === 'NOTICE');
export const objectionUnderReview = first(
  demo.objections,
  'objection under review',
  (o) => o.status === 'UNDER_REVIEW',
);
export const rejectedObjection = first(demo.objections, 'rejected objection', (o) => o.status === 'REJECTED');
export const repairUnderReview = first(
  demo.repairs,
  'repair under review',
  (r) => r.status === 'UNDER_REVIEW',
);
export const publishedCase = first(demo.cases, 'published case', (c) => c.status === 'PUBLISHED');
export const submittedCase = first(demo.cases, 'submitted case', (c) => c.status === 'SUBMITTED');
