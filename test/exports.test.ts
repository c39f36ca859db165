import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, PURPOSE_HEADER } from '#common/caller.ts';
import { creditOffice, effectiveEntry, jinanSamr, PURPOSE, registerCompany } from './flows.ts';
import { type GraphQLResponse, startTestStack, type TestStack, tokenFor } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

/** GETs an export through the gateway as `caller`, with its token and stated purpose. */
async function exported(path: string, caller?: Caller) {
  const headers: Record<string, string> = {};
  if (caller && caller.role !== 'PUBLIC') headers.authorization = `Bearer ${await tokenFor(caller)}`;
  if (caller?.purpose) headers[PURPOSE_HEADER] = encodeURIComponent(caller.purpose);
  return fetch(`${stack.gateway.url.replace(/\/graphql$/, '')}${path}`, { headers });
}

type Row = Record<string, string> & { id: string };

async function csvRows(path: string, caller?: Caller): Promise<Row[]> {
  const response = await exported(path, caller);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(Buffer.from(bytes), { bom: true, columns: true, skip_empty_lines: true });
}

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; status: string; subject: { name: string } } }[];
}

/** Every page of `listings` for a filter, as the GraphQL API answers it. */
async function listingsThroughGraphQL(filter: Record<string, unknown>, caller?: Caller) {
  const found: { id: string; status: string; subject: { name: string } }[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: GraphQLResponse<{ listings: Page }> = await stack.request(
      `query($filter: ListingFilter, $after: String) { listings(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id status subject { name } } } } }`,
      { filter, after },
      caller,
    );
    expect(errors).toBeUndefined();
    const page = data?.listings as Page;
    found.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return found;
    after = page.pageInfo.endCursor;
  }
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('bulk exports', () => {
  it('exports the entries a department sees as CSV, row for row what GraphQL answers', async () => {
    const rows = await csvRows('/exports/listings.csv?listTypes=BLACK,WATCH&statuses=EFFECTIVE', jinanSamr);
    const answered = await listingsThroughGraphQL(
      { listTypes: ['BLACK', 'WATCH'], statuses: ['EFFECTIVE'] },
      jinanSamr,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(byId(rows).map((r) => [r.id, r.status, r.subjectName])).toEqual(
      byId(answered).map((l) => [l.id, l.status, l.subject.name]),
    );
  });

  it('exports to the public only what it sees, natural persons masked, and the same rows as NDJSON', async () => {
    const rows = await csvRows('/exports/listings.csv?listTypes=BLACK');
    const answered = await listingsThroughGraphQL({ listTypes: ['BLACK'] });
    expect(byId(rows).map((r) => [r.id, r.subjectName])).toEqual(
      byId(answered).map((l) => [l.id, l.subject.name]),
    );
    const persons = rows.filter((r) => r.subjectKind === 'NATURAL_PERSON');
    expect(persons.length).toBeGreaterThan(0);
    expect(persons.every((r) => r.subjectName?.includes('*'))).toBe(true);
    const ndjson = await (await exported('/exports/listings.ndjson?listTypes=BLACK')).text();
    const lines = ndjson
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(byId(lines).map((l) => l.id)).toEqual(byId(rows).map((r) => r.id));
  });

  it('registers one read per export of natural persons in full, with their count and the purpose', async () => {
    const before = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.personal_data_reads where source = 'EXPORT'`,
    );
    const full = await csvRows('/exports/subjects.csv?kinds=NATURAL_PERSON', jinanSamr);
    expect(full.length).toBeGreaterThan(0);
    expect(full.some((r) => r.idNumber?.includes('*'))).toBe(false);
    const [read] = await stack.rows(
      'lists',
      sql`select persons, purpose, reader_department from lists.personal_data_reads where source = 'EXPORT' order by id desc limit 1`,
    );
    expect(read).toEqual({ persons: full.length, purpose: PURPOSE, reader_department: '370100-SAMR' });

    const withoutPurpose = await csvRows('/exports/subjects.csv?kinds=NATURAL_PERSON', {
      role: 'DEPARTMENT',
      dept: '370100-SAMR',
    });
    expect(withoutPurpose.every((r) => r.idNumber?.includes('*') && r.name?.includes('*'))).toBe(true);
    const after = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.personal_data_reads where source = 'EXPORT'`,
    );
    expect(Number(after[0]?.n) - Number(before[0]?.n)).toBe(1);
    expect(await csvRows('/exports/subjects.csv?kinds=NATURAL_PERSON')).toEqual([]);
  });

  it('exports a department’s own dispatches and executions, and published cases to anyone', async () => {
    const dispatches = await csvRows('/exports/dispatches.csv', jinanSamr);
    expect(dispatches.length).toBeGreaterThan(0);
    expect(dispatches.every((r) => r.departmentCode === '370100-SAMR')).toBe(true);
    const { data } = await stack.request(`query { dispatches(first: 1) { totalCount } }`, {}, jinanSamr);
    expect(dispatches).toHaveLength(data.dispatches.totalCount);
    expect((await exported('/exports/dispatches.csv')).status).toBe(403);
    expect((await exported('/exports/executions.csv?departmentCode=370100-TAX', jinanSamr)).status).toBe(403);
    const executions = await csvRows('/exports/executions.csv', creditOffice);
    expect(executions.length).toBeGreaterThan(0);
    const cases = await csvRows('/exports/cases.csv');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((r) => r.status === 'PUBLISHED')).toBe(true);
  });

  it('gives the credit office its monthly red and black report, and refuses what it should', async () => {
    // A blacklisting signed on 2026-03-13 (SIGNED_ON) is in March's report.
    await effectiveEntry(stack, (await registerCompany(stack, '月报测试企业')).id);
    const report = await csvRows('/exports/monthly-report.csv?month=2026-03', creditOffice);
    expect(report.length).toBeGreaterThan(0);
    expect(
      report.every(
        (r) => (r.listType === 'RED' || r.listType === 'BLACK') && r.departmentCode?.startsWith('370100-'),
      ),
    ).toBe(true);
    expect((await exported('/exports/monthly-report.csv?month=2026-13', creditOffice)).status).toBe(400);
    expect((await exported('/exports/monthly-report.csv?month=2026-03')).status).toBe(403);
    const bad = await exported('/exports/listings.csv?statuses=GONE', jinanSamr);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'statuses',
    });
    expect((await exported('/exports/secrets.csv', jinanSamr)).status).toBe(404);
  });
});
