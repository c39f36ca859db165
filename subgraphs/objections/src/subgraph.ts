import type { SubgraphModule } from '#common/subgraph.ts';
import { createContext, type ObjectionsContext } from './context.ts';
import { outbox, outboxCursors, schema } from './db/tables.ts';
import { resolvers } from './resolvers/index.ts';

export const objectionsSubgraph: SubgraphModule<typeof schema, ObjectionsContext> = {
  name: 'objections',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  tables: schema,
  migrationsFolder: new URL('../migrations', import.meta.url),
  resolvers,
  createContext,
  outbox: { outbox, outboxCursors },
  eventSubscribers: ['lists', 'measures'],
};
