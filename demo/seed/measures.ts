import type { MeasuresDb } from '../../subgraphs/measures/src/db/store.ts';
import { dispatches, executions, measures, suspensions } from '../../subgraphs/measures/src/db/tables.ts';
import { buildDemoDataset } from '../dataset.ts';
import { JURISDICTIONS } from '../directory.ts';

const suspendsMeasures = (departmentCode: string) =>
  JURISDICTIONS.some((j) => departmentCode.startsWith(`${j.code}-`) && j.objectionSuspendsMeasures);

/**
 * Loads the five jurisdictions' starting catalogues, the demo dispatches and executions, and the
 * suspensions of objections under review where the jurisdiction's policy suspends; all or nothing.
 */
export async function seedMeasures(db: MeasuresDb): Promise<void> {
  const existing = await db.select({ code: measures.code }).from(measures).limit(1);
  if (existing.length > 0) return;
  const data = buildDemoDataset();
  const suspended = data.objections.filter(
    (o) => o.status === 'UNDER_REVIEW' && suspendsMeasures(o.departmentCode),
  );
  await db.transaction(async (tx) => {
    await tx
      .insert(measures)
      .values(data.measures.map(({ key: _, agency: __, ...m }) => ({ ...m, validFrom: '2018-01-01' })));
    await tx.insert(dispatches).values(data.dispatches);
    await tx.insert(executions).values(data.executions);
    if (suspended.length > 0)
      await tx
        .insert(suspensions)
        .values(
          suspended.map((o) => ({ listingId: o.listingId, objectionId: o.id, suspendedOn: o.filedOn })),
        );
  });
}
