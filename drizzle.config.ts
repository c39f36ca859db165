import { defineConfig } from 'drizzle-kit';

const SERVICES = ['lists', 'measures', 'objections', 'cases'];
const service = process.env.SERVICE ?? '';
if (!SERVICES.includes(service)) {
  throw new Error(`Set SERVICE to one of ${SERVICES.join(', ')}: SERVICE=lists npx drizzle-kit generate`);
}

/** One subgraph's tables and migrations; each lives in its own PostgreSQL schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: `./subgraphs/${service}/src/db/tables.ts`,
  out: `./subgraphs/${service}/migrations`,
  schemaFilter: [service],
  casing: 'snake_case',
});
