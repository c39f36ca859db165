import { buildDemoDataset } from '#demo/dataset.ts';
import type { MeasuresDb } from './store.ts';
import { dispatches, executions, measures } from './tables.ts';

/** Loads the five jurisdictions' starting catalogues and the demo dispatches and executions, all or nothing. */
export async function seedDemo(db: MeasuresDb): Promise<void> {
  const existing = await db.select({ code: measures.code }).from(measures).limit(1);
  if (existing.length > 0) return;
  const data = buildDemoDataset();
  await db.transaction(async (tx) => {
    await tx
      .insert(measures)
      .values(data.measures.map(({ key: _, agency: __, ...m }) => ({ ...m, validFrom: '2018-01-01' })));
    await tx.insert(dispatches).values(data.dispatches);
    await tx.insert(executions).values(data.executions);
  });
}
