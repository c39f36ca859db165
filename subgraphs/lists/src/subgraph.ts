import { todayInChina } from '#common/calendar.ts';
import { every } from '#common/jobs.ts';
import type { SubgraphModule } from '#common/subgraph.ts';
import { createContext, type ListsContext } from './context.ts';
import { recordExpiries, recordExpiryNotices } from './db/commands.ts';
import { consumeEvents } from './db/events.ts';
import type { ListsDb } from './db/store.ts';
import { outbox, outboxCursors, schema } from './db/tables.ts';
import { listsExports } from './exports.ts';
import { resolvers } from './resolvers/index.ts';

/** The expiry notices and the expiries due today (002 §12), each written once. */
async function recordDueExpiries(db: ListsDb) {
  const today = todayInChina();
  await recordExpiryNotices(db, today);
  await recordExpiries(db, today);
}

export const listsSubgraph: SubgraphModule<typeof schema, ListsContext> = {
  name: 'lists',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  tables: schema,
  migrationsFolder: new URL('../migrations', import.meta.url),
  resolvers,
  createContext,
  outbox: { outbox, outboxCursors },
  eventSubscribers: ['measures'],
  eventSources: ['objections'],
  consume: consumeEvents,
  exports: listsExports,
  catchUp: recordDueExpiries,
  startJobs: (db) => every('lists expiry', 60 * 60_000, () => recordDueExpiries(db)),
};
