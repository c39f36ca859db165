import type { Caller } from '#common/caller.ts';
import { type Catalogue, createLoaders, loadCatalogue, type MeasuresDb } from './db/store.ts';

export interface MeasuresContext {
  caller: Caller;
  db: MeasuresDb;
  loaders: ReturnType<typeof createLoaders>;
  /** The catalogue, read once per request: every measure resolved in it comes from one query. */
  catalogue(): Promise<Catalogue>;
}

export function createContext(db: MeasuresDb, caller: Caller): MeasuresContext {
  let catalogue: Promise<Catalogue> | undefined;
  return {
    caller,
    db,
    loaders: createLoaders(db),
    catalogue: () => {
      catalogue ??= loadCatalogue(db);
      return catalogue;
    },
  };
}
