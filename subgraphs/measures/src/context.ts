import { todayInChina } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import { type Catalogue, createLoaders, loadCatalogue, type MeasuresDb } from './db/store.ts';

export interface MeasuresContext {
  caller: Caller;
  db: MeasuresDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  /** The catalogue, read once per request: every measure resolved in it comes from one query. */
  catalogue(): Promise<Catalogue>;
}

export function createContext(db: MeasuresDb, caller: Caller, peers: Peers): MeasuresContext {
  const today = todayInChina();
  let catalogue: Promise<Catalogue> | undefined;
  return {
    caller,
    db,
    peers,
    today,
    loaders: createLoaders(db),
    catalogue: () => {
      catalogue ??= loadCatalogue(db, today);
      return catalogue;
    },
  };
}
