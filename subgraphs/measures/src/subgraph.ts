import type { SubgraphModule } from '#common/subgraph.ts';
import { createContext, type MeasuresContext } from './context.ts';
import { consumeEvents } from './db/events.ts';
import { schema } from './db/tables.ts';
import { startWebhookDeliveries } from './db/webhooks.ts';
import { measuresExports } from './exports.ts';
import { resolvers } from './resolvers/index.ts';

export const measuresSubgraph: SubgraphModule<typeof schema, MeasuresContext> = {
  name: 'measures',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  tables: schema,
  migrationsFolder: new URL('../migrations', import.meta.url),
  resolvers,
  createContext,
  eventSources: ['lists', 'objections', 'cases'],
  consume: consumeEvents,
  exports: measuresExports,
  startJobs: (db) => startWebhookDeliveries(db),
};
