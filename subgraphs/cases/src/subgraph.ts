import type { SubgraphModule } from '#common/subgraph.ts';
import { type CasesContext, createContext } from './context.ts';
import { fillPublicText } from './db/commands.ts';
import { outbox, outboxCursors, schema } from './db/tables.ts';
import { casesExports } from './exports.ts';
import { resolvers } from './resolvers/index.ts';

export const casesSubgraph: SubgraphModule<typeof schema, CasesContext> = {
  name: 'cases',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  tables: schema,
  migrationsFolder: new URL('../migrations', import.meta.url),
  resolvers,
  createContext,
  outbox: { outbox, outboxCursors },
  eventSubscribers: ['measures'],
  exports: casesExports,
  catchUp: fillPublicText,
};
