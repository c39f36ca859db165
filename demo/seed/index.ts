import type { SubgraphName } from '#common/config.ts';
import type { Db } from '#common/db.ts';
import { seedCases } from './cases.ts';
import { seedLists } from './lists.ts';
import { seedMeasures } from './measures.ts';
import { seedObjections } from './objections.ts';

/**
 * Loads the demo data set into each subgraph's empty database: `npm start`, the tests and the
 * benchmark call it; no subgraph does, so a deployed service starts empty.
 */
// biome-ignore lint/suspicious/noExplicitAny: each subgraph's database has its own tables
export const DEMO_SEEDS: Record<SubgraphName, (db: Db<any>) => Promise<void>> = {
  lists: seedLists,
  measures: seedMeasures,
  objections: seedObjections,
  cases: seedCases,
};
