import { desc, inArray } from 'drizzle-orm';
import type { Db, Tx } from '#common/db.ts';
import { loaderOfMany } from '#common/loaders.ts';
import { dispatches, executions, measures, type schema } from './tables.ts';

export type MeasuresDb = Db<typeof schema>;
export type MeasuresTx = Tx<typeof schema>;
export type MeasureRow = typeof measures.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;

export interface Catalogue {
  /** The current version of each measure that is not retired. */
  current: MeasureRow[];
  currentByCode: Map<string, MeasureRow>;
  version(code: string, version: number): MeasureRow | undefined;
}

/** A catalogue row is in force until a revision supersedes it or the credit office retires it. */
export const isCurrentVersion = (m: MeasureRow) => m.supersededOn === null && !m.retired;

export async function loadCatalogue(db: MeasuresDb): Promise<Catalogue> {
  const rows = await db.select().from(measures);
  const byVersion = new Map(rows.map((m) => [`${m.code}@${m.version}`, m]));
  const current = rows.filter(isCurrentVersion).sort((a, b) => a.code.localeCompare(b.code));
  return {
    current,
    currentByCode: new Map(current.map((m) => [m.code, m])),
    version: (code, version) => byVersion.get(`${code}@${version}`),
  };
}

export function createLoaders(db: MeasuresDb) {
  return {
    dispatchesOfListing: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(dispatches)
          .where(inArray(dispatches.listingId, [...ids])),
      (d) => d.listingId,
    ),
    executionsOfListing: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(executions)
          .where(inArray(executions.listingId, [...ids]))
          .orderBy(desc(executions.executedOn), desc(executions.recordedAt)),
      (e) => e.listingId,
    ),
  };
}
