import { and, asc, desc, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Caller } from '#common/caller.ts';
import { rowsOf } from '#common/db.ts';
import { type Page, recordsInPageOrder, totalOf } from '#common/pagination.ts';
import { maySeePersonalData } from '#common/privacy.ts';
import { containsText, escapeLike } from '#common/search.ts';
import type { CaseKind, CaseStatus } from '../domain/cases.ts';
import type { CasesDb } from './store.ts';
import { caseSubjects, cases } from './tables.ts';

export interface CaseQuery {
  kind: CaseKind | null;
  domain: string | null;
  status: CaseStatus | null;
  departmentCode: string | null;
  subjectId: string | null;
  from: string | null;
  to: string | null;
  terms: string[];
}

/** The SQL twin of `mayReadCase`. */
export function readableBy(caller: Caller): SQL | undefined {
  if (caller.role === 'CREDIT_OFFICE') return undefined;
  if (caller.role === 'DEPARTMENT')
    return or(eq(cases.status, 'PUBLISHED'), eq(cases.reportedBy, caller.dept ?? ''));
  return eq(cases.status, 'PUBLISHED');
}

/**
 * The text a caller searches: the stored text for callers who read it in full, the public text
 * (masked as they read it) for everyone else, so a search cannot tell a masked character.
 */
const searchedText = (caller: Caller) =>
  maySeePersonalData(caller)
    ? { title: cases.title, summary: cases.summary }
    : { title: cases.publicTitle, summary: cases.publicSummary };

/** A match in the title weighs 3, each occurrence in the summary 1 (up to 5). */
function scoreOf(terms: string[], { title, summary }: ReturnType<typeof searchedText>): SQL {
  if (terms.length === 0) return sql`0`;
  return sql.join(
    terms.map(
      (term) =>
        sql`(case when ${title} ilike ${`%${escapeLike(term)}%`} then 3 else 0 end + least(5, (char_length(${summary}) - char_length(replace(lower(${summary}), lower(${term}), ''))) / ${[...term].length}))`,
    ),
    sql` + `,
  );
}

export async function casesPage(db: CasesDb, caller: Caller, q: CaseQuery, page: Page) {
  const day = sql`coalesce(${cases.publishedOn}, ${cases.reportedOn})`;
  const searched = searchedText(caller);
  const text = sql`(${searched.title} || ' ' || ${searched.summary})`;
  const where = and(
    readableBy(caller),
    q.kind ? eq(cases.kind, q.kind) : undefined,
    q.domain ? eq(cases.domain, q.domain) : undefined,
    q.status ? eq(cases.status, q.status) : undefined,
    q.departmentCode ? eq(cases.reportedBy, q.departmentCode) : undefined,
    q.subjectId
      ? sql`exists (select 1 from ${caseSubjects} where ${caseSubjects.caseId} = ${cases.id} and ${caseSubjects.subjectId} = ${q.subjectId})`
      : undefined,
    q.from ? gte(day, q.from) : undefined,
    q.to ? lte(day, q.to) : undefined,
    ...q.terms.map((term) => containsText('cases', text, term)),
  );
  const score = scoreOf(q.terms, searched);
  // The page is chosen on narrow rows; only its cases are read in full.
  const ranked = await db
    .select({ id: cases.id, score: sql<number>`${score}`, total: sql<number>`count(*) over ()` })
    .from(cases)
    .where(where)
    .orderBy(...(q.terms.length > 0 ? [desc(score)] : []), sql`${day} desc`, asc(cases.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: (await recordsInPageOrder(db, cases, ranked)).map(({ ranked, record }) => ({
      ...record,
      score: Number(ranked.score),
    })),
    total: await totalOf(ranked, page, () => db.$count(cases, where)),
  };
}

/** Cases reported in one month, of one kind and domain, by one department. */
export interface DigestRow {
  month: string;
  kind: CaseKind;
  domain: string;
  departmentCode: string;
  reported: number;
  published: number;
}

/**
 * Cases reported per month, by kind, domain and department, and how many of them are published
 * (000 §5(三)).
 */
export async function caseDigest(db: CasesDb, from: string, to: string): Promise<DigestRow[]> {
  const result = await db.execute(sql`
    select to_char(reported_on, 'YYYY-MM') as month, kind, domain, reported_by,
      count(*)::int as reported,
      count(*) filter (where status = 'PUBLISHED')::int as published
    from cases.cases
    where reported_on between ${from} and ${to}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`);
  return rowsOf(result).map((r) => ({
    month: String(r.month),
    kind: r.kind as CaseKind,
    domain: String(r.domain),
    departmentCode: String(r.reported_by),
    reported: Number(r.reported),
    published: Number(r.published),
  }));
}
