import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { dateParam, type ExportHandler, forEachBatch, listParam } from '#common/exports.ts';
import { idInput } from '#common/input.ts';
import { dispatchesMatching } from './db/queries.ts';
import type { MeasuresDb } from './db/store.ts';
import { dispatches, executions } from './db/tables.ts';
import { departmentInScope } from './domain/access.ts';
import type { DispatchStatus } from './domain/executions.ts';

const STATUSES: DispatchStatus[] = ['PENDING', 'EXECUTED', 'SUSPENDED', 'LIFTED'];

/**
 * Dispatches and executions are government work records and carry no personal data beyond
 * subject ids; clerks' free text (decision references, reasons, notes) stays in the API, where
 * it is masked per caller. A department exports its own, the credit office and analysts any.
 */
export function measuresExports({ read }: { read: MeasuresDb }): Record<string, ExportHandler> {
  return {
    dispatches: async (caller, params) => {
      const listingId = params.get('listingId');
      const where = dispatchesMatching({
        departmentCode: departmentInScope(caller, params.get('departmentCode'), 'dispatches'),
        listingId: listingId ? idInput('listingId', listingId) : null,
        statuses: listParam(params, 'statuses', STATUSES),
        overdueOn: dateParam(params, 'overdueOn'),
      });
      const query = read
        .select({
          id: sql`${dispatches.id}`.as('id'),
          listingId: sql`${dispatches.listingId}`.as('listingId'),
          subjectId: sql`${dispatches.subjectId}`.as('subjectId'),
          measureCode: sql`${dispatches.measureCode}`.as('measureCode'),
          measureVersion: sql`${dispatches.measureVersion}`.as('measureVersion'),
          departmentCode: sql`${dispatches.departmentCode}`.as('departmentCode'),
          listType: sql`${dispatches.listType}`.as('listType'),
          status: sql`${dispatches.status}`.as('status'),
          dispatchedOn: sql`${dispatches.dispatchedOn}::text`.as('dispatchedOn'),
          dueOn: sql`${dispatches.dueOn}::text`.as('dueOn'),
          liftedReason: sql`${dispatches.liftedReason}`.as('liftedReason'),
        })
        .from(dispatches)
        .where(where)
        .orderBy(asc(dispatches.dueOn), asc(dispatches.id));
      return {
        columns: [
          'id',
          'listingId',
          'subjectId',
          'measureCode',
          'measureVersion',
          'departmentCode',
          'listType',
          'status',
          'dispatchedOn',
          'dueOn',
          'liftedReason',
        ],
        rows: (write) => forEachBatch(read, query, write),
      };
    },
    executions: async (caller, params) => {
      const departmentCode = departmentInScope(caller, params.get('departmentCode'), 'executions');
      const from = dateParam(params, 'from');
      const to = dateParam(params, 'to');
      const query = read
        .select({
          id: sql`${executions.id}`.as('id'),
          dispatchId: sql`${executions.dispatchId}`.as('dispatchId'),
          listingId: sql`${executions.listingId}`.as('listingId'),
          subjectId: sql`${executions.subjectId}`.as('subjectId'),
          measureCode: sql`${executions.measureCode}`.as('measureCode'),
          measureVersion: sql`${executions.measureVersion}`.as('measureVersion'),
          departmentCode: sql`${executions.departmentCode}`.as('departmentCode'),
          scenario: sql`${executions.scenario}`.as('scenario'),
          outcome: sql`${executions.outcome}`.as('outcome'),
          executedOn: sql`${executions.executedOn}::text`.as('executedOn'),
        })
        .from(executions)
        .where(
          and(
            departmentCode ? eq(executions.departmentCode, departmentCode) : undefined,
            from ? gte(executions.executedOn, from) : undefined,
            to ? lte(executions.executedOn, to) : undefined,
          ),
        )
        .orderBy(asc(executions.executedOn), asc(executions.id));
      return {
        columns: [
          'id',
          'dispatchId',
          'listingId',
          'subjectId',
          'measureCode',
          'measureVersion',
          'departmentCode',
          'scenario',
          'outcome',
          'executedOn',
        ],
        rows: (write) => forEachBatch(read, query, write),
      };
    },
  };
}
