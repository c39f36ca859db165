import { type SQL, sql } from 'drizzle-orm';
import type { StatisticsScope } from '#common/access.ts';
import { rowsOf } from '#common/db.ts';
import type { ExitReason, ListType } from '../domain/status.ts';
import type { StatisticsDimension } from '../generated/resolvers.ts';
import type { ListsDb } from './store.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { StatisticsDimension };

const COLUMNS: Record<StatisticsDimension, { name: string; expression: SQL }> = {
  MONTH: { name: 'month', expression: sql`to_char(e.on_date, 'YYYY-MM')` },
  LIST_TYPE: { name: 'listType', expression: sql`l.list_type` },
  DOMAIN: { name: 'domain', expression: sql`l.domain` },
  DEPARTMENT: { name: 'departmentCode', expression: sql`l.department_code` },
  JURISDICTION: { name: 'jurisdictionCode', expression: sql`d.jurisdiction_code` },
};

const EXIT_REASONS: ExitReason[] = [
  'OBJECTION_UPHELD',
  'CREDIT_REPAIRED',
  'STANDARD_CHANGED',
  'EXPIRED',
  'LISTED_ELSEWHERE',
  'INCENTIVE_ABUSED',
];

/**
 * Every event of the period as a row (an entry taking effect, leaving by exit or expiry, being
 * withdrawn, an objection filed), grouped by the dimensions asked, in one statement. An entry
 * past its validity counts as expired the day after, whether or not the expiry job wrote it down.
 */
export async function listingStatistics(
  db: ListsDb,
  scope: StatisticsScope,
  period: { from: string; to: string },
  groupBy: StatisticsDimension[],
  today: string,
) {
  const { from, to } = period;
  const dimensions = [...new Set(groupBy)].map((d) => COLUMNS[d]);
  const selected = dimensions.map((d) => sql`${d.expression} as ${sql.identifier(d.name)}`);
  const where =
    scope === 'ALL'
      ? sql`true`
      : 'departmentCode' in scope
        ? sql`l.department_code = ${scope.departmentCode}`
        : sql`d.jurisdiction_code = ${scope.jurisdictionCode}`;
  const exitDate = sql`coalesce(exited_on, valid_until + 1)`;
  const result = await db.execute(sql`
    with events as (
      select id as listing_id, 'EFFECTIVE' as what, valid_from as on_date, null as reason, false as corrected
        from lists.listings where status in ('EFFECTIVE', 'EXITED') and valid_from between ${from} and ${to}
      union all
      select id, 'EXITED', ${exitDate}, coalesce(exit_reason, 'EXPIRED'), false
        from lists.listings
        where (status = 'EXITED' or (status = 'EFFECTIVE' and valid_until < ${today}))
          and ${exitDate} between ${from} and ${to}
      union all
      select id, 'WITHDRAWN', withdrawn_on, null, corrected_by_objection_id is not null
        from lists.listings where status = 'WITHDRAWN' and withdrawn_on between ${from} and ${to}
      union all
      select listing_id, 'OBJECTED', filed_on, null, false
        from lists.objection_filings where filed_on between ${from} and ${to}
    )
    select ${sql.join([...selected, sql`1 as one`], sql`, `)},
      count(*) filter (where what = 'EFFECTIVE')::int as "tookEffect",
      count(*) filter (where what = 'EXITED')::int as "exited",
      count(*) filter (where what = 'OBJECTED')::int as "objected",
      count(*) filter (where (what = 'EXITED' and reason = 'OBJECTION_UPHELD') or (what = 'WITHDRAWN' and corrected))::int as "upheld",
      count(*) filter (where what = 'EXITED' and reason = 'CREDIT_REPAIRED')::int as "repaired",
      ${sql.join(
        EXIT_REASONS.map(
          (r) => sql`count(*) filter (where what = 'EXITED' and reason = ${r})::int as ${sql.identifier(r)}`,
        ),
        sql`, `,
      )}
    from events e
      join lists.listings l on l.id = e.listing_id
      join lists.departments d on d.code = l.department_code
    where ${where}
    group by ${
      dimensions.length > 0
        ? sql.join(
            dimensions.map((d) => d.expression),
            sql`, `,
          )
        : sql`()`
    }
    having count(*) filter (where what <> 'WITHDRAWN' or corrected) > 0
    order by ${
      dimensions.length > 0
        ? sql.join(
            dimensions.map((d) => d.expression),
            sql`, `,
          )
        : sql`1`
    }
  `);
  const dimension = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return rowsOf(result).map((row) => ({
    month: dimension(row.month),
    listType: dimension(row.listType) as ListType | null,
    domain: dimension(row.domain),
    departmentCode: dimension(row.departmentCode),
    jurisdictionCode: dimension(row.jurisdictionCode),
    tookEffect: Number(row.tookEffect),
    exited: Number(row.exited),
    objected: Number(row.objected),
    upheld: Number(row.upheld),
    repaired: Number(row.repaired),
    exitsByReason: EXIT_REASONS.filter((reason) => Number(row[reason]) > 0).map((reason) => ({
      reason,
      count: Number(row[reason]),
    })),
  }));
}
