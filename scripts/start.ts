import { performance } from 'node:perf_hooks';
import { port } from '#common/config.ts';
import { buildDemoDataset } from '#demo/dataset.ts';
import { startStack } from './stack.ts';

const began = performance.now();
const demo = process.env.DEMO_DATA !== 'off';
if (demo && process.env.NODE_ENV === 'production') {
  console.error(
    'NODE_ENV=production with demo data: the demo set would publish fictitious blacklistings. Set DEMO_DATA=off.',
  );
  process.exit(1);
}
const example = buildDemoDataset().subjects[0];
const stack = await startStack({
  databaseUrl: process.env.DATABASE_URL,
  pgliteDir: process.env.PGLITE_DIR,
  demo,
  ports: 'default',
  gatewayPort: port('GATEWAY_PORT', 4000),
  exampleQuery: `# A subject's status, the measures that apply and what departments did.
# Try it as a department: npm run token -- --role DEPARTMENT --dept 370100-SAMR
# and add in Headers below the token and the purpose of your reads of personal data
# (percent-encoded UTF-8, here 行政许可审查; without it natural persons stay masked):
# {"Authorization": "Bearer <token>", "X-Query-Purpose": "${encodeURIComponent('行政许可审查')}"}
{
  subject(identifier: "${example?.uscc ?? ''}") {
    name uscc creditStatus
    listings(statuses: [EFFECTIVE]) {
      listType domain validFrom validUntil
      initiatingDepartment { name }
      applicableMeasures { measure { code name enforcement } implementingDepartment { name } suspended }
      executions { measure { name } department { name } executedOn decisionRef }
    }
    cases { title publishedOn }
  }
}
`,
}).catch((error: Error) => {
  // A newcomer reads one line: a busy port names the variable that moves it.
  console.error(error.message);
  process.exit(1);
});

const driver = stack.subgraphs.lists.database.driver === 'postgres' ? 'PostgreSQL' : 'embedded PGlite';
console.log(
  `Ready in ${Math.round(performance.now() - began)} ms on ${driver}${demo ? ' with demo data' : ''}.`,
);
console.log(`GraphiQL and the API: ${stack.gateway.url}`);
for (const [name, service] of Object.entries(stack.subgraphs))
  console.log(`  ${name.padEnd(10)} ${service.url}`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
