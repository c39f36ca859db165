import { DEFAULT_PORTS, port, type SubgraphName } from './config.ts';
import { EVENTS_PATH, subscribersFromEnv } from './events.ts';
import { log } from './log.ts';
import { type SubgraphModule, startSubgraph } from './subgraph.ts';

/** Runs one subgraph as its own process, for deployment: `npm run start:<name>`. */
export async function runStandalone<S extends Record<string, unknown>, C extends object>(
  module: SubgraphModule<S, C>,
  defaultPort: number,
) {
  const defaults = Object.fromEntries(
    (module.eventSubscribers ?? []).map((name) => [
      name,
      `http://127.0.0.1:${DEFAULT_PORTS[name as SubgraphName]}${EVENTS_PATH}`,
    ]),
  );
  const subscribers = subscribersFromEnv(defaults);
  const service = await startSubgraph(module, {
    port: port(`${module.name.toUpperCase()}_PORT`, defaultPort),
    subscribers: () => subscribers,
  });
  log.info({ service: module.name, url: service.url, driver: service.database.driver }, 'subgraph ready');
  const shutdown = async () => {
    await service.stop();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
