import { desc } from 'drizzle-orm';
import { anyOf, type Db } from '#common/db.ts';
import { loaderOfMany } from '#common/loaders.ts';
import { objections, repairs, type schema } from './tables.ts';

export type ObjectionsDb = Db<typeof schema>;
export type ObjectionRow = typeof objections.$inferSelect;
export type RepairRow = typeof repairs.$inferSelect;

export function createLoaders(db: ObjectionsDb) {
  return {
    objectionsOfListing: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(objections)
          .where(anyOf(objections.listingId, ids))
          .orderBy(desc(objections.filedOn)),
      (o) => o.listingId,
    ),
    objectionsOfSubject: loaderOfMany(
      (ids: readonly string[]) =>
        db
          .select()
          .from(objections)
          .where(anyOf(objections.subjectId, ids))
          .orderBy(desc(objections.filedOn)),
      (o) => o.subjectId,
    ),
    repairsOfListing: loaderOfMany(
      (ids: readonly string[]) =>
        db.select().from(repairs).where(anyOf(repairs.listingId, ids)).orderBy(desc(repairs.appliedOn)),
      (r) => r.listingId,
    ),
  };
}
