import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type ExportHandler, exportSelection, forEachBatch, listParam } from '#common/exports.ts';
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
      const selection = exportSelection({
        id: cases.id,
        kind: cases.kind,
        domain: cases.domain,
        status: cases.status,
        title: sql`coalesce(${cases.publicTitle}, ${cases.title})`,
        reportedBy: cases.reportedBy,
        reportedOn: cases.reportedOn,
        publishedOn: cases.publishedOn,
      });
      const query = read
        .select(selection)
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
        columns: Object.keys(selection),
        rows: (write) => forEachBatch(read, query, write),
      };
    },
  };
}
