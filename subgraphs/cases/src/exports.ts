import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type ExportHandler, forEachBatch, listParam } from '#common/exports.ts';
import { readableBy } from './db/queries.ts';
import type { CasesDb } from './db/store.ts';
import { cases } from './db/tables.ts';
import type { CaseKind, CaseStatus } from './domain/cases.ts';

/**
 * The typical cases a caller may read, with their published wording (persons and ID numbers
 * masked): the full texts, and their register of reads, stay in the API.
 */
export function casesExports({ read }: { read: CasesDb }): Record<string, ExportHandler> {
  return {
    cases: async (caller, params) => {
      const kinds = listParam(params, 'kinds', ['INCENTIVE', 'PUNISHMENT'] as CaseKind[]);
      const statuses = listParam(params, 'statuses', ['SUBMITTED', 'PUBLISHED', 'WITHDRAWN'] as CaseStatus[]);
      const domain = params.get('domain');
      const query = read
        .select({
          id: sql`${cases.id}`.as('id'),
          kind: sql`${cases.kind}`.as('kind'),
          domain: sql`${cases.domain}`.as('domain'),
          status: sql`${cases.status}`.as('status'),
          title: sql`coalesce(${cases.publicTitle}, ${cases.title})`.as('title'),
          reportedBy: sql`${cases.reportedBy}`.as('reportedBy'),
          reportedOn: sql`${cases.reportedOn}::text`.as('reportedOn'),
          publishedOn: sql`${cases.publishedOn}::text`.as('publishedOn'),
        })
        .from(cases)
        .where(
          and(
            readableBy(caller),
            kinds.length ? inArray(cases.kind, kinds) : undefined,
            statuses.length ? inArray(cases.status, statuses) : undefined,
            domain ? eq(cases.domain, domain.trim().toUpperCase()) : undefined,
          ),
        )
        .orderBy(asc(cases.reportedOn), asc(cases.id));
      return {
        columns: ['id', 'kind', 'domain', 'status', 'title', 'reportedBy', 'reportedOn', 'publishedOn'],
        rows: (write) => forEachBatch(read, query, write),
      };
    },
  };
}
