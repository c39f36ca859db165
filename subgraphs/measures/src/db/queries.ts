import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { inJurisdiction } from '#common/access.ts';
import { rowsOf } from '#common/db.ts';
import { type Page, totalOf } from '#common/pagination.ts';
import type { ListType, Scenario } from '../domain/catalogue.ts';
import type { DispatchStatus } from '../domain/executions.ts';
import type { MeasuresDb } from './store.ts';
import { creditChecks, dispatches, executions } from './tables.ts';

export interface DispatchQuery {
  departmentCode: string | null;
  listingId: string | null;
  statuses: DispatchStatus[] | null;
  overdueOn: string | null;
}

/** The dispatches of a department, an entry and statuses: the inbox and the export. */
export const dispatchesMatching = (query: DispatchQuery) =>
  and(
    query.departmentCode ? eq(dispatches.departmentCode, query.departmentCode) : undefined,
    query.listingId ? eq(dispatches.listingId, query.listingId) : undefined,
    query.statuses?.length ? inArray(dispatches.status, query.statuses) : undefined,
    query.overdueOn
      ? and(eq(dispatches.status, 'PENDING'), sql`${dispatches.dueOn} < ${query.overdueOn}`)
      : undefined,
  );

/**
 * A page of an inbox and its total. The total is a subquery PostgreSQL runs once (an InitPlan, an
 * index-only scan of department, status and due date) in the page's own statement and snapshot,
 * and the page reads only its rows. Counted over the page's window (`count(*) over ()`), every
 * pending dispatch was read from the table: 9 ms against 0.5 for a department with 3,225 pending
 * at 1,000,000 subjects.
 */
export async function dispatchesPage(db: MeasuresDb, query: DispatchQuery, page: Page) {
  const where = dispatchesMatching(query);
  const rows = await db
    .select({ dispatch: dispatches, total: db.$count(dispatches, where) })
    .from(dispatches)
    .where(where)
    .orderBy(dispatches.dueOn, dispatches.id)
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.dispatch),
    total: await totalOf(rows, page, () => db.$count(dispatches, where)),
  };
}

export interface CreditCheckQuery {
  departmentCode: string | null;
  subjectId: string | null;
  scenario: Scenario | null;
  from: string | null;
  to: string | null;
}

export async function creditChecksPage(db: MeasuresDb, query: CreditCheckQuery, page: Page) {
  const where = and(
    query.departmentCode ? eq(creditChecks.departmentCode, query.departmentCode) : undefined,
    query.subjectId ? eq(creditChecks.subjectId, query.subjectId) : undefined,
    query.scenario ? eq(creditChecks.scenario, query.scenario) : undefined,
    query.from ? gte(creditChecks.checkedOn, query.from) : undefined,
    query.to ? lte(creditChecks.checkedOn, query.to) : undefined,
  );
  const rows = await db
    .select({ check: creditChecks, total: sql<number>`count(*) over ()` })
    .from(creditChecks)
    .where(where)
    .orderBy(desc(creditChecks.checkedOn), desc(creditChecks.recordedAt))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.check),
    total: await totalOf(rows, page, () => db.$count(creditChecks, where)),
  };
}

export async function executionsOfSubjectPage(db: MeasuresDb, subjectId: string, page: Page) {
  const where = eq(executions.subjectId, subjectId);
  const rows = await db
    .select({ execution: executions, total: sql<number>`count(*) over ()` })
    .from(executions)
    .where(where)
    .orderBy(desc(executions.executedOn), desc(executions.recordedAt))
    .limit(page.limit + 1)
    .offset(page.offset);
  return {
    rows: rows.map((r) => r.execution),
    total: await totalOf(rows, page, () => db.$count(executions, where)),
  };
}

export interface StatisticsQuery {
  from: string;
  to: string;
  asOf: string;
  departmentCode: string | null;
  jurisdictionCode: string | null;
}

/** Scenarios in which a credit check before the decision is mandatory (应查必查, 001 item 15; 002 §14). */
export const MANDATORY_CHECK_SCENARIOS: readonly Scenario[] = [
  'ADMINISTRATIVE_LICENSING',
  'SUPERVISORY_INSPECTION',
  'ADMINISTRATIVE_PENALTY',
  'GOVERNMENT_PROCUREMENT',
  'BIDDING',
  'PUBLIC_EMPLOYMENT',
  'HONORS_AND_AWARDS',
  'FISCAL_SUPPORT',
];

export interface DepartmentMonthRow {
  departmentCode: string;
  month: string;
  dispatched: number;
  executedOnTime: number;
  executedLate: number;
  overdue: number;
  checks: number;
  decisions: number;
  checkedDecisions: number;
}

/**
 * One statement: dispatches by the month they were made, with how their first execution met
 * the due date; checks by the month made; decisions in mandatory-check scenarios by the month
 * made, and whether the department had checked the subject in that scenario by then.
 */
export async function departmentStatistics(
  db: MeasuresDb,
  q: StatisticsQuery,
): Promise<DepartmentMonthRow[]> {
  const department = (column: string) =>
    sql.join(
      [
        q.departmentCode ? sql`and ${sql.raw(column)} = ${q.departmentCode}` : sql``,
        q.jurisdictionCode ? sql`and ${inJurisdiction(sql.raw(column), q.jurisdictionCode)}` : sql``,
      ],
      sql` `,
    );
  const scenarios = sql.join(
    MANDATORY_CHECK_SCENARIOS.map((s) => sql`${s}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with first_execution as (
      select dispatch_id, min(executed_on) as executed_on
      from measures.executions group by dispatch_id
    ), dispatched as (
      select d.department_code, to_char(d.dispatched_on, 'YYYY-MM') as month,
        count(*) as dispatched,
        count(*) filter (where f.executed_on <= d.due_on) as executed_on_time,
        count(*) filter (where f.executed_on > d.due_on) as executed_late,
        count(*) filter (where d.status = 'PENDING' and d.due_on < ${q.asOf}) as overdue
      from measures.dispatches d left join first_execution f on f.dispatch_id = d.id
      where d.dispatched_on between ${q.from} and ${q.to} ${department('d.department_code')}
      group by 1, 2
    ), checked as (
      select c.department_code, to_char(c.checked_on, 'YYYY-MM') as month, count(*) as checks
      from measures.credit_checks c
      where c.checked_on between ${q.from} and ${q.to} ${department('c.department_code')}
      group by 1, 2
    ), decided as (
      select e.department_code, to_char(e.executed_on, 'YYYY-MM') as month,
        count(*) as decisions,
        count(*) filter (where exists (
          select 1 from measures.credit_checks c
          where c.department_code = e.department_code and c.subject_id = e.subject_id
            and c.scenario = e.scenario and c.checked_on <= e.executed_on
        )) as checked_decisions
      from measures.executions e
      where e.executed_on between ${q.from} and ${q.to} and e.scenario in (${scenarios})
        ${department('e.department_code')}
      group by 1, 2
    )
    select department_code, month,
      coalesce(d.dispatched, 0)::int as dispatched,
      coalesce(d.executed_on_time, 0)::int as executed_on_time,
      coalesce(d.executed_late, 0)::int as executed_late,
      coalesce(d.overdue, 0)::int as overdue,
      coalesce(c.checks, 0)::int as checks,
      coalesce(x.decisions, 0)::int as decisions,
      coalesce(x.checked_decisions, 0)::int as checked_decisions
    from dispatched d
      full join checked c using (department_code, month)
      full join decided x using (department_code, month)
    order by department_code, month`);
  return rowsOf(result).map((r) => ({
    departmentCode: String(r.department_code),
    month: String(r.month),
    dispatched: Number(r.dispatched),
    executedOnTime: Number(r.executed_on_time),
    executedLate: Number(r.executed_late),
    overdue: Number(r.overdue),
    checks: Number(r.checks),
    decisions: Number(r.decisions),
    checkedDecisions: Number(r.checked_decisions),
  }));
}

/** How often each measure was applied or found not applicable in the period, per list type of its entry. */
/** One measure's executions in a period, for one list type. */
export interface MeasureUseRow {
  measureCode: string;
  listType: ListType;
  applied: number;
  notApplicable: number;
}

export async function measureStatistics(db: MeasuresDb, q: StatisticsQuery): Promise<MeasureUseRow[]> {
  const rows = await db
    .select({
      measureCode: executions.measureCode,
      listType: dispatches.listType,
      applied: sql<number>`count(*) filter (where ${executions.outcome} = 'APPLIED')::int`,
      notApplicable: sql<number>`count(*) filter (where ${executions.outcome} = 'NOT_APPLICABLE')::int`,
    })
    .from(executions)
    .innerJoin(dispatches, eq(dispatches.id, executions.dispatchId))
    .where(
      and(
        gte(executions.executedOn, q.from),
        lte(executions.executedOn, q.to),
        q.departmentCode ? eq(executions.departmentCode, q.departmentCode) : undefined,
        q.jurisdictionCode ? inJurisdiction(executions.departmentCode, q.jurisdictionCode) : undefined,
      ),
    )
    .groupBy(executions.measureCode, dispatches.listType)
    .orderBy(executions.measureCode, dispatches.listType);
  return rows;
}
