import type { Caller } from '#common/caller.ts';
import { createLoaders, type ObjectionsDb } from './db/store.ts';

export interface ObjectionsContext {
  caller: Caller;
  db: ObjectionsDb;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(db: ObjectionsDb, caller: Caller): ObjectionsContext {
  return { caller, db, loaders: createLoaders(db) };
}
