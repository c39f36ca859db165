import type { ObjectionsDb } from '../../subgraphs/objections/src/db/store.ts';
import { objections, repairs } from '../../subgraphs/objections/src/db/tables.ts';
import { buildDemoDataset } from '../dataset.ts';

/** Loads the demo objections and repair applications, all or nothing. */
export async function seedObjections(db: ObjectionsDb): Promise<void> {
  const existing = await db.select({ id: objections.id }).from(objections).limit(1);
  if (existing.length > 0) return;
  const data = buildDemoDataset();
  await db.transaction(async (tx) => {
    await tx.insert(objections).values(data.objections);
    await tx.insert(repairs).values(data.repairs);
  });
}
