import { desc, eq, sql } from 'drizzle-orm';
import { anyOfKeys, byKeys, type Db, preparedOn, type Tx } from '#common/db.ts';
import { loaderByKey, loaderOfMany } from '#common/loaders.ts';
import { isInForceOn } from '../domain/catalogue.ts';
import {
  changes,
  type creditChecks,
  dispatches,
  executions,
  measures,
  type schema,
  suspensions,
} from './tables.ts';

export type MeasuresDb = Db<typeof schema>;
export type MeasuresTx = Tx<typeof schema>;
export type MeasureRow = typeof measures.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;
export type CreditCheckRow = typeof creditChecks.$inferSelect;
/** A dispatch, with the date its `overdue` is judged on when a query asked for one. */
export type DispatchNode = DispatchRow & { overdueAsOf?: string };

export interface Catalogue {
  /** The version of each measure in force today, by code. */
  current: MeasureRow[];
  currentByCode: Map<string, MeasureRow>;
  /** The version of each measure in force on a date, by code. */
  inForceOn(date: string): MeasureRow[];
  version(code: string, version: number): MeasureRow | undefined;
  versionsOf(code: string): MeasureRow[];
}

async function loadCatalogue(db: MeasuresDb, today: string): Promise<Catalogue> {
  const rows = await db.select().from(measures).orderBy(measures.code, measures.version);
  const byVersion = new Map(rows.map((m) => [`${m.code}@${m.version}`, m]));
  const inForceOn = (date: string) => rows.filter((m) => isInForceOn(m, date));
  const current = inForceOn(today);
  return {
    current,
    currentByCode: new Map(current.map((m) => [m.code, m])),
    inForceOn,
    version: (code, version) => byVersion.get(`${code}@${version}`),
    versionsOf: (code) => rows.filter((m) => m.code === code),
  };
}

const latestCatalogueRevision = preparedOn('latest_catalogue_revision', (db: MeasuresDb) =>
  db
    .select({ id: sql<string | null>`max(${changes.id})::text` })
    .from(changes)
    // A constant, not a parameter: only then can the statement's cached plan use the partial
    // index; with a parameter PostgreSQL planned it afresh on every request (0.13 ms of 0.14).
    .where(sql`${changes.kind} = 'CATALOGUE_REVISED'`),
);

const catalogues = new WeakMap<MeasuresDb, { key: string; catalogue: Promise<Catalogue> }>();

/**
 * The catalogue as of its latest revision, kept across requests: every catalogue change records a
 * CATALOGUE_REVISED change in its own transaction, so one indexed look at the latest of those tells
 * whether the kept catalogue still holds, here and in every other replica. Kept for one day too,
 * since the versions in force change with the date.
 */
export async function currentCatalogue(db: MeasuresDb, today: string): Promise<Catalogue> {
  const [latest] = await latestCatalogueRevision(db).execute();
  const key = `${latest?.id ?? 'none'}/${today}`;
  const kept = catalogues.get(db);
  if (kept?.key === key) return kept.catalogue;
  const catalogue = loadCatalogue(db, today);
  catalogues.set(db, { key, catalogue });
  catalogue.catch(() => catalogues.delete(db));
  return catalogue;
}

const dispatchesOfListings = byKeys('dispatches_of_listings', (db: MeasuresDb) =>
  db
    .select()
    .from(dispatches)
    .where(anyOfKeys(dispatches.listingId))
    .orderBy(dispatches.dueOn, dispatches.measureCode),
);
const executionsOfListings = byKeys('executions_of_listings', (db: MeasuresDb) =>
  db
    .select()
    .from(executions)
    .where(anyOfKeys(executions.listingId))
    .orderBy(desc(executions.executedOn), desc(executions.recordedAt)),
);
const executionsOfDispatches = byKeys('executions_of_dispatches', (db: MeasuresDb) =>
  db
    .select()
    .from(executions)
    .where(anyOfKeys(executions.dispatchId))
    .orderBy(desc(executions.executedOn), desc(executions.recordedAt)),
);
const executionsById = byKeys('executions_by_id', (db: MeasuresDb) =>
  db.select().from(executions).where(anyOfKeys(executions.id)),
);
const dispatchesById = byKeys('dispatches_by_id', (db: MeasuresDb) =>
  db.select().from(dispatches).where(anyOfKeys(dispatches.id)),
);
const suspensionsOfListings = byKeys('suspensions_of_listings', (db: MeasuresDb) =>
  db.select().from(suspensions).where(anyOfKeys(suspensions.listingId)),
);

export function createLoaders(db: MeasuresDb) {
  return {
    dispatchesOfListing: loaderOfMany(dispatchesOfListings(db), (d) => d.listingId),
    executionsOfListing: loaderOfMany(executionsOfListings(db), (e) => e.listingId),
    executionsOfDispatch: loaderOfMany(executionsOfDispatches(db), (e) => e.dispatchId),
    execution: loaderByKey(executionsById(db), (e) => e.id),
    dispatch: loaderByKey(dispatchesById(db), (d) => d.id),
    suspensionsOf: loaderOfMany(suspensionsOfListings(db), (s) => s.listingId),
  };
}

export type MeasuresLoaders = ReturnType<typeof createLoaders>;

/** The entries among these whose measures are paused by an objection under review. */
export async function suspendedAmong(loaders: MeasuresLoaders, listingIds: readonly string[]) {
  const found = await Promise.all(listingIds.map((id) => loaders.suspensionsOf.load(id)));
  return new Set(listingIds.filter((_, i) => found[i]?.length));
}

export async function latestVersion(tx: MeasuresTx, code: string): Promise<MeasureRow | undefined> {
  const [row] = await tx
    .select()
    .from(measures)
    .where(eq(measures.code, code))
    .orderBy(desc(measures.version))
    .limit(1)
    .for('update');
  return row;
}
