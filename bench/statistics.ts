import { openDatabase } from '#common/db.ts';
import { listingStatistics } from '../subgraphs/lists/src/db/statistics.ts';
import { schema } from '../subgraphs/lists/src/db/tables.ts';

/**
 * `npm run bench:statistics`: listingStatistics for a year, grouped by month, list type and
 * department, on the bench database (BENCH_DATABASE_URL); the median and p90 of 20 runs.
 */
const database = await openDatabase({
  service: 'lists',
  schema,
  migrationsFolder: new URL('../subgraphs/lists/migrations', import.meta.url),
  url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bench',
});
const times: number[] = [];
let groups = 0;
for (let i = 0; i < 21; i++) {
  const started = performance.now();
  const rows = await listingStatistics(
    database.db,
    'ALL',
    { from: '2025-12-01', to: '2026-11-30' },
    ['MONTH', 'LIST_TYPE', 'DEPARTMENT'],
    '2026-11-27',
  );
  if (i > 0) times.push(performance.now() - started);
  groups = rows.length;
}
times.sort((a, b) => a - b);
console.log(
  `listingStatistics, a year by month, list type and department: ${groups} groups, median ${times[10]?.toFixed(0)} ms, p90 ${times[18]?.toFixed(0)} ms`,
);
await database.close();
