import { port, SUBGRAPHS, subgraphUrlFromEnv } from '#common/config.ts';
import { log } from '#common/log.ts';
import { startGateway } from './gateway.ts';

/** The gateway alone, for deployment: subgraph URLs come from LISTS_URL, MEASURES_URL, … */
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrlFromEnv(name)])) as Record<
  (typeof SUBGRAPHS)[number],
  string
>;

const gateway = await startGateway({
  port: port('GATEWAY_PORT', 4000),
  host: process.env.HOST,
  subgraphUrls,
});
log.info({ service: 'gateway', url: gateway.url }, 'gateway ready');
const shutdown = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
