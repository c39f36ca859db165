import { todayInChina } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import { createLoaders, type ObjectionsDb } from './db/store.ts';

export interface ObjectionsContext {
  caller: Caller;
  db: ObjectionsDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
}

export function createContext(db: ObjectionsDb, caller: Caller, peers: Peers): ObjectionsContext {
  return { caller, db, peers, today: todayInChina(), loaders: createLoaders(db) };
}
