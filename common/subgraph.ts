import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';
import { calendarCoverageWarning, todayInChina } from './calendar.ts';
import type { Caller } from './caller.ts';
import { port, type SubgraphName, subgraphUrlFromEnv } from './config.ts';
import { type Database, type Db, openDatabase } from './db.ts';
import { type PlatformEvent, startOutboxRelay } from './events.ts';
import type { ExportHandler } from './exports.ts';
import { connectEventBus, startJetStreamConsumer, startJetStreamPublisher } from './jetstream.ts';
import { every } from './jobs.ts';
import { log } from './log.ts';
import { type OutboxTables, outboxStore } from './outbox.ts';
import { type Peers, peersAt } from './peers.ts';
import { type RequestFacts, type RunningService, type SubgraphDefinition, serveSubgraph } from './server.ts';

export function loadTypeDefs(file: URL): DocumentNode {
  return parse(readFileSync(file, 'utf8'));
}

export interface SubgraphModule<S extends Record<string, unknown>, C extends object> {
  name: string;
  schemaFile: URL;
  tables: S;
  migrationsFolder: URL;
  resolvers: SubgraphDefinition<C>['resolvers'];
  createContext(db: Db<S>, caller: Caller, peers: Peers, request: RequestFacts): C;
  /** Brings the service's records up to date before it answers, e.g. expiries due while it was down. */
  catchUp?(db: Db<S>): Promise<unknown>;
  /** Background work of the service, such as expiry; returns how to stop it. */
  startJobs?(db: Db<S>): () => Promise<void>;
  /** The outbox this service publishes its events from. */
  outbox?: OutboxTables;
  /** The subgraphs this one's events go to over HTTP, on one machine. */
  eventSubscribers?: string[];
  /** The subgraphs whose events this one applies, read from JetStream past one machine. */
  eventSources?: string[];
  /** Applies events from other subgraphs, each exactly once. */
  consume?(db: Db<S>, events: PlatformEvent[]): Promise<void>;
  /** Bulk exports, reading from `read` (the replica, if any) and registering reads in `primary`. */
  exports?(db: { read: Db<S>; primary: Db<S> }): Record<string, ExportHandler>;
}

export interface SubgraphOptions<S extends Record<string, unknown> = Record<string, unknown>> {
  /** Event subscribers; defaults to EVENT_SUBSCRIBERS or the module's own default. */
  subscribers?: () => Record<string, string>;
  databaseUrl?: string;
  pgliteDir?: string;
  port?: number;
  /** Where the other subgraphs answer; defaults to LISTS_URL, … or their default ports. */
  peerUrl?: (subgraph: SubgraphName) => string;
  /** Loads data into an empty database before the service answers: the demo set of `npm start` and the tests. */
  seed?: (db: Db<S>) => Promise<void>;
  /** NATS with JetStream for events (defaults to NATS_URL); without it, the outbox is relayed over HTTP. */
  natsUrl?: string;
  /** The JetStream stream (defaults to NATS_STREAM or PLATFORM_EVENTS). */
  natsStream?: string;
  /** Counts the SQL of each request, for the tests (see `serveSubgraph`). */
  countStatements?: boolean;
}

/**
 * How the service's events travel: with NATS, its outbox is published to JetStream and its
 * subscriptions read from durable consumers; without, its outbox is posted to each subscriber.
 */
async function startEvents<S extends Record<string, unknown>>(
  module: SubgraphModule<S, object>,
  db: Db<S>,
  options: SubgraphOptions<S>,
  consume: ((events: PlatformEvent[]) => Promise<void>) | undefined,
): Promise<() => Promise<void>> {
  const store = module.outbox && outboxStore(db, module.outbox);
  const natsUrl = options.natsUrl ?? process.env.NATS_URL;
  const sources = consume && module.eventSources;
  if (!store && !sources) return async () => {};
  if (!natsUrl) {
    const stopRelay =
      store &&
      startOutboxRelay({ source: module.name, store, subscribers: options.subscribers ?? (() => ({})) });
    return async () => stopRelay?.();
  }
  const bus = await connectEventBus(natsUrl, module.name, options.natsStream);
  log.info({ service: module.name, stream: bus.stream }, 'events travel through NATS JetStream');
  const stopPublisher = store && startJetStreamPublisher({ bus, source: module.name, store });
  const stopConsumer =
    consume && sources
      ? await startJetStreamConsumer({ bus, subscriber: module.name, sources, consume })
      : undefined;
  return async () => {
    await Promise.all([stopPublisher?.(), stopConsumer?.()]);
    await bus.close();
  };
}

/** Opens the module's database, migrates it, seeds the demo data if asked, and serves it. */
export async function startSubgraph<S extends Record<string, unknown>, C extends object>(
  module: SubgraphModule<S, C>,
  options: SubgraphOptions<S>,
): Promise<RunningService & { database: Database<S> }> {
  const database = await openDatabase({
    service: module.name,
    schema: module.tables,
    migrationsFolder: module.migrationsFolder,
    url: options.databaseUrl,
    pgliteDir: options.pgliteDir,
  });
  await options.seed?.(database.primary);
  await module.catchUp?.(database.primary);
  const peers = peersAt(options.peerUrl ?? subgraphUrlFromEnv);
  const consume =
    module.consume &&
    ((events: PlatformEvent[]) => module.consume?.(database.primary, events) ?? Promise.resolve());
  const running = await serveSubgraph<C>(
    {
      name: module.name,
      typeDefs: loadTypeDefs(module.schemaFile),
      resolvers: module.resolvers,
      createContext: (caller, request) =>
        module.createContext(request.writes ? database.primary : database.db, caller, peers, request),
      consume,
      exports: module.exports?.({ read: database.db, primary: database.primary }),
      ready: () => database.ping(),
      close: () => database.close(),
    },
    {
      port: options.port ?? port(`${module.name.toUpperCase()}_PORT`, 0),
      countStatements: options.countStatements,
    },
  );
  const stopJobs = module.startJobs?.(database.primary);
  const stopEvents = await startEvents(module, database.primary, options, consume);
  const stopCalendarCheck = every(`${module.name} calendar check`, 24 * 3_600_000, async () => {
    const warning = calendarCoverageWarning(todayInChina());
    if (warning) log.warn({ service: module.name }, warning);
  });
  let stopping: Promise<void> | undefined;
  return {
    ...running,
    database,
    stop() {
      stopping ??= (async () => {
        await Promise.all([stopJobs?.(), stopEvents(), stopCalendarCheck()]);
        await running.stop();
      })();
      return stopping;
    },
  };
}
