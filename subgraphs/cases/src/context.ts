import { todayInChina } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import { type CasesDb, createLoaders } from './db/store.ts';

export interface CasesContext {
  caller: Caller;
  db: CasesDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(db: CasesDb, caller: Caller, peers: Peers): CasesContext {
  return { caller, db, peers, today: todayInChina(), loaders: createLoaders(db) };
}
