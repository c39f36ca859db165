import { desc } from 'drizzle-orm';
import { anyOfKeys, byKeys, type Db } from '#common/db.ts';
import { loaderOfMany } from '#common/loaders.ts';
import { objections, repairs, type schema } from './tables.ts';

export type ObjectionsDb = Db<typeof schema>;
export type ObjectionRow = typeof objections.$inferSelect;
export type RepairRow = typeof repairs.$inferSelect;

const objectionsOfListings = byKeys('objections_of_listings', (db: ObjectionsDb) =>
  db.select().from(objections).where(anyOfKeys(objections.listingId)).orderBy(desc(objections.filedOn)),
);
const objectionsOfSubjects = byKeys('objections_of_subjects', (db: ObjectionsDb) =>
  db.select().from(objections).where(anyOfKeys(objections.subjectId)).orderBy(desc(objections.filedOn)),
);
const repairsOfListings = byKeys('repairs_of_listings', (db: ObjectionsDb) =>
  db.select().from(repairs).where(anyOfKeys(repairs.listingId)).orderBy(desc(repairs.appliedOn)),
);

export function createLoaders(db: ObjectionsDb) {
  return {
    objectionsOfListing: loaderOfMany(objectionsOfListings(db), (o) => o.listingId),
    objectionsOfSubject: loaderOfMany(objectionsOfSubjects(db), (o) => o.subjectId),
    repairsOfListing: loaderOfMany(repairsOfListings(db), (r) => r.listingId),
  };
}
