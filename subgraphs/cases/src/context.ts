import { todayInChina } from '#common/calendar.ts';
import type { InternalCaller } from '#common/caller.ts';
import { freeTextReader } from '#common/free-text.ts';
import type { Peers } from '#common/peers.ts';
import { type CasesDb, createLoaders } from './db/store.ts';

export interface CasesContext {
  caller: InternalCaller;
  db: CasesDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  /** Case texts as the caller may read them: masked, or in full and registered. */
  shown: ReturnType<typeof freeTextReader>;
}

export function createContext(db: CasesDb, caller: InternalCaller, peers: Peers): CasesContext {
  return {
    caller,
    db,
    peers,
    today: todayInChina(),
    loaders: createLoaders(db),
    shown: freeTextReader(peers, caller),
  };
}
