import { port, SUBGRAPHS, subgraphUrlFromEnv } from '#common/config.ts';
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
console.log(`gateway ready at ${gateway.url}`);
const shutdown = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
