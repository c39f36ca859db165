import { todayInChina } from '#common/calendar.ts';
import type { InternalCaller } from '#common/caller.ts';
import { freeTextReader } from '#common/free-text.ts';
import type { Peers } from '#common/peers.ts';
import { createLoaders, type ObjectionsDb } from './db/store.ts';

export interface ObjectionsContext {
  caller: InternalCaller;
  db: ObjectionsDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  /** Clerks' free text as the caller may read it: masked, or in full and registered. */
  shown: ReturnType<typeof freeTextReader>;
}

export function createContext(db: ObjectionsDb, caller: InternalCaller, peers: Peers): ObjectionsContext {
  return {
    caller,
    db,
    peers,
    today: todayInChina(),
    loaders: createLoaders(db),
    shown: freeTextReader(peers, caller),
  };
}
