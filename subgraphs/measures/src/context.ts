import { todayInChina } from '#common/calendar.ts';
import type { InternalCaller } from '#common/caller.ts';
import { freeTextReader } from '#common/free-text.ts';
import type { Peers } from '#common/peers.ts';
import { type Catalogue, createLoaders, currentCatalogue, type MeasuresDb } from './db/store.ts';

export interface MeasuresContext {
  caller: InternalCaller;
  db: MeasuresDb;
  peers: Peers;
  today: string;
  loaders: ReturnType<typeof createLoaders>;
  /** Clerks' free text as the caller may read it: masked, or in full and registered. */
  shown: ReturnType<typeof freeTextReader>;
  /** The catalogue, looked up once per request and kept across requests until it is revised. */
  catalogue(): Promise<Catalogue>;
}

export function createContext(db: MeasuresDb, caller: InternalCaller, peers: Peers): MeasuresContext {
  const today = todayInChina();
  let catalogue: Promise<Catalogue> | undefined;
  return {
    caller,
    db,
    peers,
    today,
    loaders: createLoaders(db),
    shown: freeTextReader(peers, caller),
    catalogue: () => {
      catalogue ??= currentCatalogue(db, today);
      return catalogue;
    },
  };
}
