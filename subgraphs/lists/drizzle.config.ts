import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/lists/src/db/tables.ts',
  out: './subgraphs/lists/migrations',
  schemaFilter: ['lists'],
  casing: 'snake_case',
});
