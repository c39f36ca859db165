import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { dateParam, type ExportHandler, exportSelection, forEachBatch, listParam } from '#common/exports.ts';
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
      const selection = exportSelection({
        id: dispatches.id,
        listingId: dispatches.listingId,
        subjectId: dispatches.subjectId,
        measureCode: dispatches.measureCode,
        measureVersion: dispatches.measureVersion,
        departmentCode: dispatches.departmentCode,
        listType: dispatches.listType,
        status: dispatches.status,
        dispatchedOn: dispatches.dispatchedOn,
        dueOn: dispatches.dueOn,
        liftedReason: dispatches.liftedReason,
      });
      const query = read
        .select(selection)
        .from(dispatches)
        .where(where)
        .orderBy(asc(dispatches.dueOn), asc(dispatches.id));
      return {
        columns: Object.keys(selection),
        rows: (write) => forEachBatch(read, query, write),
      };
    },
    executions: async (caller, params) => {
      const departmentCode = departmentInScope(caller, params.get('departmentCode'), 'executions');
      const from = dateParam(params, 'from');
      const to = dateParam(params, 'to');
      const selection = exportSelection({
        id: executions.id,
        dispatchId: executions.dispatchId,
        listingId: executions.listingId,
        subjectId: executions.subjectId,
        measureCode: executions.measureCode,
        measureVersion: executions.measureVersion,
        departmentCode: executions.departmentCode,
        scenario: executions.scenario,
        outcome: executions.outcome,
        executedOn: executions.executedOn,
      });
      const query = read
        .select(selection)
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
        columns: Object.keys(selection),
        rows: (write) => forEachBatch(read, query, write),
      };
    },
  };
}
