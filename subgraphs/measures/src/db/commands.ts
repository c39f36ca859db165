import { and, eq } from 'drizzle-orm';
import { assertMayActFor } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { isUniqueViolation } from '#common/db.ts';
import { conflict, notFound } from '#common/errors.ts';
import type { Claim } from '#common/idempotency.ts';
import type { CheckedMeasure } from '../domain/applicability.ts';
import type { Scenario } from '../domain/catalogue.ts';
import { type ExecutionInput, idempotencyKeyOf, validateExecution } from '../domain/executions.ts';
import { type MeasureVersion, newMeasure, retirement, revision } from '../domain/revisions.ts';
import { recordChanges } from './changes.ts';
import { latestVersion, type MeasureRow, type MeasuresDb, type MeasuresTx } from './store.ts';
import { creditChecks, dispatches, executions, measures, type schema } from './tables.ts';

export async function addMeasure(
  db: MeasuresDb,
  input: Parameters<typeof newMeasure>[0],
): Promise<MeasureRow> {
  const measure = newMeasure(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(measures).values(measure).returning();
      await catalogueRevised(tx, row as MeasureRow, measure.validFrom);
      return row as MeasureRow;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`${measure.code} is already in the catalogue; revise it instead.`, {
        measureCode: measure.code,
      });
    throw error;
  }
}

/** The latest version is locked while it changes, so two revisions cannot both become version n+1. */
async function changeLatest<T>(
  db: MeasuresDb,
  code: string,
  change: (latest: MeasureVersion, tx: MeasuresTx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const latest = await latestVersion(tx, code.trim().toUpperCase());
    if (!latest) throw notFound(`No measure ${code} in the catalogue.`);
    return change(latest, tx);
  });
}

export const reviseMeasure = (db: MeasuresDb, input: Parameters<typeof revision>[1] & { code: string }) =>
  changeLatest(db, input.code, async (latest, tx) => {
    const next = revision(latest, input);
    await tx
      .update(measures)
      .set({ supersededOn: next.validFrom })
      .where(and(eq(measures.code, latest.code), eq(measures.version, latest.version)));
    const [row] = await tx.insert(measures).values(next).returning();
    await catalogueRevised(tx, row as MeasureRow, next.validFrom);
    return row as MeasureRow;
  });

export const retireMeasure = (db: MeasuresDb, input: { code: string; retiredOn: string; reason: string }) =>
  changeLatest(db, input.code, async (latest, tx) => {
    const [row] = await tx
      .update(measures)
      .set(retirement(latest, input))
      .where(and(eq(measures.code, latest.code), eq(measures.version, latest.version)))
      .returning();
    await catalogueRevised(tx, row as MeasureRow, input.retiredOn);
    return row as MeasureRow;
  });

/** The catalogue is public, and so is the news that it changed. */
const catalogueRevised = (tx: MeasuresTx, measure: MeasureRow, on: string) =>
  recordChanges(tx, [
    { kind: 'CATALOGUE_REVISED', measureCode: measure.code, businessDate: on, public: true },
  ]);

export async function recordCreditCheck(
  db: MeasuresDb,
  check: {
    departmentCode: string;
    subjectId: string;
    scenario: Scenario;
    checkedOn: string;
    purpose: string;
    reference: string | null;
    creditStatus: string;
    measures: CheckedMeasure[];
  },
  claim: Claim<typeof schema>,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(creditChecks).values(check).returning();
    const recorded = row as typeof creditChecks.$inferSelect;
    await claim(tx, recorded.id);
    return recorded;
  });
}

/**
 * Records a department's report on a dispatch. The dispatch row is locked first, so a retry
 * racing its original finds the first execution by its idempotency key instead of adding one.
 */
export async function recordExecution(
  db: MeasuresDb,
  caller: Caller,
  dispatchId: string,
  input: ExecutionInput,
  today: string,
) {
  const idempotencyKey = idempotencyKeyOf(input);
  return db.transaction(async (tx) => {
    const [dispatch] = await tx.select().from(dispatches).where(eq(dispatches.id, dispatchId)).for('update');
    if (!dispatch) throw notFound(`No dispatch ${dispatchId}.`);
    assertMayActFor(caller, dispatch.departmentCode, 'which received this dispatch', 'report on it');
    if (idempotencyKey) {
      const [first] = await tx
        .select()
        .from(executions)
        .where(
          and(
            eq(executions.departmentCode, dispatch.departmentCode),
            eq(executions.idempotencyKey, idempotencyKey),
          ),
        );
      if (first?.dispatchId === dispatch.id) return first;
      if (first)
        throw conflict(
          `idempotencyKey "${idempotencyKey}" already recorded an execution on another dispatch; use a new key for a new report.`,
          { executionId: first.id },
        );
    }
    const [measure] = await tx
      .select()
      .from(measures)
      .where(and(eq(measures.code, dispatch.measureCode), eq(measures.version, dispatch.measureVersion)));
    if (!measure) throw new Error(`dispatch ${dispatch.id} names missing measure ${dispatch.measureCode}`);
    const [row] = await tx
      .insert(executions)
      .values({
        ...validateExecution(dispatch, measure, input, today),
        dispatchId: dispatch.id,
        listingId: dispatch.listingId,
        subjectId: dispatch.subjectId,
        measureCode: dispatch.measureCode,
        measureVersion: dispatch.measureVersion,
        departmentCode: dispatch.departmentCode,
        idempotencyKey,
      })
      .returning();
    if (dispatch.status === 'PENDING')
      await tx.update(dispatches).set({ status: 'EXECUTED' }).where(eq(dispatches.id, dispatch.id));
    const execution = row as typeof executions.$inferSelect;
    await recordChanges(tx, [
      {
        kind: 'EXECUTION_RECORDED',
        businessDate: execution.executedOn,
        listingId: execution.listingId,
        subjectId: execution.subjectId,
        dispatchId: execution.dispatchId,
        executionId: execution.id,
        measureCode: execution.measureCode,
        departmentCode: execution.departmentCode,
      },
    ]);
    return execution;
  });
}
