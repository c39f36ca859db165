import { DEFAULT_PORTS, port, SUBGRAPHS, type SubgraphName } from '#common/config.ts';
import type { Database } from '#common/db.ts';
import { EVENTS_PATH } from '#common/events.ts';
import type { RunningService } from '#common/server.ts';
import { type SubgraphModule, startSubgraph } from '#common/subgraph.ts';
import { DEMO_SEEDS } from '../demo/seed/index.ts';
import { startGateway } from '../gateway/src/gateway.ts';
import type { GatewayLimits } from '../gateway/src/limits.ts';
import { casesSubgraph } from '../subgraphs/cases/src/subgraph.ts';
import { listsSubgraph } from '../subgraphs/lists/src/subgraph.ts';
import { measuresSubgraph } from '../subgraphs/measures/src/subgraph.ts';
import { objectionsSubgraph } from '../subgraphs/objections/src/subgraph.ts';

// biome-ignore lint/suspicious/noExplicitAny: each module has its own tables and context
export const MODULES: Record<SubgraphName, SubgraphModule<any, any>> = {
  lists: listsSubgraph,
  measures: measuresSubgraph,
  objections: objectionsSubgraph,
  cases: casesSubgraph,
};

export interface StackOptions {
  /** PostgreSQL for every subgraph (each in its own schema); PGlite when unset. */
  databaseUrl?: string;
  /** PGlite's directory per subgraph is `<pgliteDir>/<name>`; 'memory://' keeps everything in memory. */
  pgliteDir?: string;
  demo: boolean;
  /** Fixed ports (npm start) or 0 for free ones (tests). */
  ports: 'default' | 'free';
  gatewayPort?: number;
  exampleQuery?: string;
  gatewayLimits?: Partial<GatewayLimits>;
  /** NATS with JetStream for events, and the stream to use; HTTP delivery when unset. */
  natsUrl?: string;
  natsStream?: string;
  /** Counts the SQL of each request (`Database.statements()`), for the tests. */
  countStatements?: boolean;
}

export interface Stack {
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningService & { database: Database<Record<string, unknown>> }>;
  /** Stops one subgraph and starts it again on the same port and storage, as after a crash. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

/** The gateway and the four subgraphs in one process: `npm start`, and the end-to-end tests. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const eventsUrl: Partial<Record<SubgraphName, string>> = {};
  const subscribersOf = (name: SubgraphName) => () =>
    Object.fromEntries(
      (MODULES[name].eventSubscribers ?? []).flatMap((subscriber) => {
        const url = eventsUrl[subscriber as SubgraphName];
        return url ? [[subscriber, url]] : [];
      }),
    );
  const optionsOf = (name: SubgraphName, port: number) => ({
    subscribers: subscribersOf(name),
    databaseUrl: options.databaseUrl,
    pgliteDir:
      options.pgliteDir === 'memory://' || !options.pgliteDir
        ? options.pgliteDir
        : `${options.pgliteDir}/${name}`,
    seed: options.demo ? DEMO_SEEDS[name] : undefined,
    natsUrl: options.natsUrl,
    natsStream: options.natsStream,
    countStatements: options.countStatements,
    peerUrl: (peer: SubgraphName) => subgraphs[peer].url,
    port,
  });
  const started = await Promise.all(
    SUBGRAPHS.map((name) =>
      startSubgraph(
        MODULES[name],
        optionsOf(
          name,
          options.ports === 'default' ? port(`${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name]) : 0,
        ),
      ),
    ),
  );
  const subgraphs = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, started[i]])) as Stack['subgraphs'];
  for (const name of SUBGRAPHS) eventsUrl[name] = subgraphs[name].url.replace(/\/graphql$/, EVENTS_PATH);
  const gateway = await startGateway({
    port: options.gatewayPort ?? (options.ports === 'default' ? 4000 : 0),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])) as Record<
      SubgraphName,
      string
    >,
    exampleQuery: options.exampleQuery,
    limits: options.gatewayLimits,
  });
  return {
    gateway,
    subgraphs,
    async restartSubgraph(name) {
      const port = Number(new URL(subgraphs[name].url).port);
      await subgraphs[name].stop();
      subgraphs[name] = await startSubgraph(MODULES[name], optionsOf(name, port));
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}
