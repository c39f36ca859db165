import { todayInChina } from '#common/calendar.ts';
import { startOutboxRelay } from '#common/events.ts';
import { every } from '#common/jobs.ts';
import { outboxStore } from '#common/outbox.ts';
import type { SubgraphModule } from '#common/subgraph.ts';
import { createContext, type ListsContext } from './context.ts';
import { recordExpiries, recordExpiryNotices } from './db/commands.ts';
import { seedDemo } from './db/demo.ts';
import { consumeEvents } from './db/events.ts';
import { outbox, outboxCursors, schema } from './db/tables.ts';
import { resolvers } from './resolvers/index.ts';

export const listsSubgraph: SubgraphModule<typeof schema, ListsContext> = {
  name: 'lists',
  schemaFile: new URL('../schema.graphql', import.meta.url),
  tables: schema,
  migrationsFolder: new URL('../migrations', import.meta.url),
  resolvers,
  createContext,
  seedDemo,
  eventSubscribers: ['measures'],
  consume: consumeEvents,
  startJobs: (db, { subscribers }) => {
    const stopExpiry = every('lists expiry', 60 * 60_000, async () => {
      const today = todayInChina();
      await recordExpiryNotices(db, today);
      await recordExpiries(db, today);
    });
    const stopRelay = startOutboxRelay({
      source: 'lists',
      store: outboxStore(db, { outbox, outboxCursors }),
      subscribers,
    });
    return async () => {
      await Promise.all([stopExpiry(), stopRelay()]);
    };
  },
};
