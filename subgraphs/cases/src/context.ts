import type { Caller } from '#common/caller.ts';
import { type CasesDb, createLoaders } from './db/store.ts';

export interface CasesContext {
  caller: Caller;
  db: CasesDb;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(db: CasesDb, caller: Caller): CasesContext {
  return { caller, db, loaders: createLoaders(db) };
}
