import { PURPOSE_HEADER } from '#common/caller.ts';
import { DEFAULT_PORTS, SUBGRAPHS } from '#common/config.ts';
import { buildServices, builtService } from '../scripts/build.ts';
import { tokenFor } from '../scripts/client.ts';
import { rssOf, type ServiceProcess, spawnService } from '../scripts/processes.ts';

/**
 * `npm run bench:exports`: streams the bulk exports of the bench database (BENCH_DATABASE_URL,
 * loaded with `npm run seed:scale`) through the built services as a data team would, and reports
 * rows per second and each process's peak memory above its idle memory.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench';
const GATEWAY_PORT = 4300;
const portOf = (name: string) => 4300 + (DEFAULT_PORTS[name as keyof typeof DEFAULT_PORTS] - 4000);

await buildServices();
const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${portOf(name)}/graphql`]),
);
const processes: ServiceProcess[] = [];
process.on('exit', () => {
  for (const p of processes) p.child.kill('SIGTERM');
});
for (const name of SUBGRAPHS) {
  processes.push(
    await spawnService(name, builtService(name), {
      port: portOf(name),
      env: {
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        [`${name.toUpperCase()}_PORT`]: String(portOf(name)),
        ...subgraphUrls,
      },
    }),
  );
}
processes.push(
  await spawnService('gateway', builtService('gateway'), {
    port: GATEWAY_PORT,
    env: {
      GATEWAY_PORT: String(GATEWAY_PORT),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      ...subgraphUrls,
    },
  }),
);

const rss = () => new Map(processes.map((p) => [p.name, p.child.pid ? rssOf(p.child.pid) : 0]));
await new Promise((resolve) => setTimeout(resolve, 2_000));
const idle = rss();

const analyst = { role: 'ANALYST' as const, purpose: '联合奖惩数据分析' };
const headers = {
  authorization: `Bearer ${await tokenFor(analyst)}`,
  [PURPOSE_HEADER]: encodeURIComponent(analyst.purpose),
};
const MiB = 2 ** 20;

console.log('| export | rows | seconds | rows/s | peak above idle: gateway | lists | measures |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const file of ['subjects.csv', 'listings.csv', 'listings.ndjson', 'dispatches.csv', 'executions.csv']) {
  const peak = new Map<string, number>();
  const sampler = setInterval(() => {
    for (const [name, bytes] of rss()) peak.set(name, Math.max(peak.get(name) ?? 0, bytes));
  }, 100);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/exports/${file}`, { headers });
  if (!response.ok || !response.body) throw new Error(`${file}: ${response.status} ${await response.text()}`);
  let lines = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read())
    for (const byte of read.value) if (byte === 10) lines++;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rows = file.endsWith('.csv') ? lines - 1 : lines;
  const above = (name: string) =>
    `${Math.max(0, Math.round(((peak.get(name) ?? 0) - (idle.get(name) ?? 0)) / MiB))} MiB`;
  console.log(
    `| ${file} | ${rows.toLocaleString('en')} | ${seconds.toFixed(1)} | ${Math.round(rows / seconds).toLocaleString('en')} | ${above('gateway')} | ${above('lists')} | ${above('measures')} |`,
  );
}
process.exit(0);
