import { and, asc, desc, eq, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Caller, isGovernment } from '#common/caller.ts';
import { anyOf } from '#common/db.ts';
import { isUuid } from '#common/input.ts';
import { type Page, recordsInPageOrder, totalOf } from '#common/pagination.ts';
import { containsText } from '#common/search.ts';
import type { ListingStatus, ListType } from '../domain/status.ts';
import type { ListingRow, ListsDb, SubjectRow } from './store.ts';
import { listings, personalDataReads, responsiblePersons, subjects } from './tables.ts';

/** The window total rides on the page's rows; past the last page there are none, so count. */

/**
 * Subjects whose identifier equals the text or whose name contains it or comes close to it
 * (pg_trgm word similarity, which suits Chinese names without spaces), best first. Natural
 * persons are found, by name or number, only by callers who see their personal data in full: a
 * search on a text the caller sees masked would tell the hidden characters by what it finds.
 */
export async function searchSubjects(
  db: ListsDb,
  caller: Caller,
  text: string,
  identifier: string,
  page: Page,
) {
  const exact = or(eq(subjects.uscc, identifier), eq(subjects.idNumber, identifier));
  const byName = or(
    containsText('lists', sql`${subjects.name}`, text, true),
    sql`${subjects.name} %> ${text}`,
  );
  const privacy =
    isGovernment(caller) && caller.purpose
      ? undefined
      : caller.role === 'SUBJECT' && caller.subject && isUuid(caller.subject)
        ? or(ne(subjects.kind, 'NATURAL_PERSON'), eq(subjects.id, caller.subject))
        : ne(subjects.kind, 'NATURAL_PERSON');
  const score = sql<number>`case when ${exact} or ${subjects.name} = ${text} then 1.0 else word_similarity(${text}, ${subjects.name}) end`;
  const where = and(or(exact, byName), privacy);
  // The page is chosen on narrow rows; only its subjects are read in full.
  const ranked = await db
    .select({ id: subjects.id, score, total: sql<number>`count(*) over ()` })
    .from(subjects)
    .where(where)
    .orderBy(desc(score), asc(subjects.name), asc(subjects.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: (await recordsInPageOrder(db, subjects, ranked)).map(({ ranked, record }) => ({
      subject: record,
      score: Number(ranked.score),
    })),
    total: await totalOf(ranked, page, () => db.$count(subjects, where)),
  };
}

export async function subjectsByIdentifiers(
  db: ListsDb,
  ids: string[],
  numbers: string[],
): Promise<SubjectRow[]> {
  const conditions = [];
  if (ids.length > 0) conditions.push(anyOf(subjects.id, ids));
  if (numbers.length > 0) conditions.push(anyOf(subjects.uscc, numbers), anyOf(subjects.idNumber, numbers));
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(subjects)
    .where(or(...conditions));
}

export interface ListingFilter {
  listTypes?: ListType[] | null;
  statuses?: ListingStatus[] | null;
  domain?: string | null;
  departmentCode?: string | null;
  effectiveOn?: string | null;
  expiresBy?: string | null;
}

const inForceOn = (date: string) =>
  sql`(${listings.status} in ('EFFECTIVE', 'EXITED') and ${listings.validFrom} <= ${date} and ${listings.validUntil} >= ${date} and (${listings.exitedOn} is null or ${listings.exitedOn} > ${date}))`;

/** The SQL twin of `statusOn(listing, today)` for one status. */
function hasStatusToday(status: ListingStatus, today: string): SQL {
  if (status === 'EFFECTIVE') return inForceOn(today);
  if (status === 'EXITED') {
    return sql`(${listings.status} = 'EXITED' and ${listings.exitedOn} <= ${today} or ${listings.status} in ('EFFECTIVE', 'EXITED') and ${listings.validUntil} < ${today})`;
  }
  return eq(listings.status, status);
}

/** The SQL twin of `publishedUntil`: the last day an entry in force is shown to the public. */
const publishedUntil = sql`least(${listings.validUntil}, case when ${listings.listType} = 'BLACK' and ${listings.severity} = 'ORDINARY' then (${listings.decidedOn} + interval '12 months' - interval '1 day')::date when ${listings.listType} = 'BLACK' and ${listings.severity} = 'SERIOUS' then (${listings.decidedOn} + interval '36 months' - interval '1 day')::date else ${listings.validUntil} end)`;

/** The SQL twin of `isPubliclyShown`. */
const shownToPublicOn = (today: string) =>
  sql`(${listings.disclosure} = 'PUBLIC' and ${listings.listType} <> 'MONITORED' and not (${listings.listType} = 'BLACK' and ${listings.severity} = 'MINOR') and (${listings.status} = 'PUBLICITY' or (${hasStatusToday('EFFECTIVE', today)} and ${today} <= ${publishedUntil}) or (${hasStatusToday('EXITED', today)} and ${listings.exitReason} is distinct from 'CREDIT_REPAIRED')))`;

/** Entries of the person itself, of organisations it represents and those naming it as responsible (001 item 12). */
const ownOrAnsweredBy = (personId: string) =>
  or(
    eq(listings.subjectId, personId),
    sql`${listings.subjectId} in (select ${subjects.id} from ${subjects} where ${subjects.legalRepresentativeId} = ${personId})`,
    sql`${listings.id} in (select ${responsiblePersons.listingId} from ${responsiblePersons} where ${responsiblePersons.personId} = ${personId})`,
  );

/** What a person answers for: the organisations it represents and the entries naming it. */
export async function answeredByPerson(db: ListsDb, personId: string) {
  const [organisations, entries] = await Promise.all([
    db.select({ id: subjects.id }).from(subjects).where(eq(subjects.legalRepresentativeId, personId)),
    db
      .select({ id: responsiblePersons.listingId })
      .from(responsiblePersons)
      .where(eq(responsiblePersons.personId, personId)),
  ]);
  return {
    organisationIds: new Set(organisations.map((o) => o.id)),
    listingIds: new Set(entries.map((e) => e.id)),
  };
}

/** The SQL twin of `mayReadListing`. */
function readableBy(caller: Caller, today: string): SQL | undefined {
  const shownToPublic = shownToPublicOn(today);
  switch (caller.role) {
    case 'CREDIT_OFFICE':
      return undefined;
    case 'DEPARTMENT':
      return or(ne(listings.status, 'DRAFT'), eq(listings.departmentCode, caller.dept ?? ''));
    case 'ANALYST':
      return ne(listings.status, 'DRAFT');
    case 'SUBJECT':
      return caller.subject && isUuid(caller.subject)
        ? or(and(ownOrAnsweredBy(caller.subject), ne(listings.status, 'DRAFT')), shownToPublic)
        : shownToPublic;
    case 'PUBLIC':
      return shownToPublic;
  }
}

/** The entries a caller may read that match a filter: the listings page and the export. */
export function listingsMatching(caller: Caller, filter: ListingFilter, today: string) {
  return and(
    readableBy(caller, today),
    filter.listTypes?.length ? inArray(listings.listType, filter.listTypes) : undefined,
    filter.statuses?.length ? or(...filter.statuses.map((s) => hasStatusToday(s, today))) : undefined,
    filter.domain ? eq(listings.domain, filter.domain.trim().toUpperCase()) : undefined,
    filter.departmentCode ? eq(listings.departmentCode, filter.departmentCode.trim()) : undefined,
    filter.effectiveOn ? inForceOn(filter.effectiveOn) : undefined,
    filter.expiresBy ? and(inForceOn(today), lte(listings.validUntil, filter.expiresBy)) : undefined,
  );
}

export async function listingsPage(
  db: ListsDb,
  caller: Caller,
  filter: ListingFilter,
  today: string,
  page: Page,
) {
  const where = listingsMatching(caller, filter, today);
  const rows = await db
    .select({ listing: listings, total: sql<number>`count(*) over ()` })
    .from(listings)
    .where(where)
    .orderBy(desc(listings.decidedOn), desc(listings.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.listing as ListingRow),
    total: await totalOf(rows, page, () => db.$count(listings, where)),
  };
}

export async function personalDataReadsPage(db: ListsDb, subjectId: string | null, page: Page) {
  const where = subjectId ? eq(personalDataReads.subjectId, subjectId) : undefined;
  const rows = await db
    .select({ read: personalDataReads, total: sql<number>`count(*) over ()` })
    .from(personalDataReads)
    .where(where)
    .orderBy(desc(personalDataReads.readAt), desc(personalDataReads.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.read),
    total: await totalOf(rows, page, () => db.$count(personalDataReads, where)),
  };
}

/** The natural persons among `subjectIds` and their legal representatives, by the subject that names them. */
export function personsNamed(db: ListsDb, subjectIds: string[]) {
  if (subjectIds.length === 0) return Promise.resolve([]);
  const person = alias(subjects, 'person');
  return db
    .select({ subjectId: subjects.id, name: person.name })
    .from(subjects)
    .innerJoin(person, or(eq(person.id, subjects.id), eq(person.id, subjects.legalRepresentativeId)))
    .where(and(inArray(subjects.id, subjectIds), eq(person.kind, 'NATURAL_PERSON')));
}
