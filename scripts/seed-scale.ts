import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { SUBGRAPHS } from '#common/config.ts';
import { openDatabase } from '#common/db.ts';
import { buildDemoDataset } from '#demo/dataset.ts';
import { scaleChunk } from '#demo/scale.ts';
import { DEMO_SEEDS } from '#demo/seed/index.ts';
import { caseListings, caseSubjects, cases } from '../subgraphs/cases/src/db/tables.ts';
import { publicText } from '../subgraphs/cases/src/domain/cases.ts';
import { listings, objectionFilings, subjects } from '../subgraphs/lists/src/db/tables.ts';
import { creditChecks, dispatches, executions } from '../subgraphs/measures/src/db/tables.ts';
import { objections, repairs } from '../subgraphs/objections/src/db/tables.ts';
import { MODULES } from './stack.ts';

/**
 * Loads the synthetic register into PostgreSQL (DATABASE_URL) up to `--subjects` subjects, on top
 * of the demo data: `npm run seed:scale -- --subjects 1000000`. It continues from what is there,
 * so 10,000 then 100,000 adds 90,000. One transaction per chunk, so memory stays flat and an
 * interrupted load resumes from the last whole chunk.
 */
export async function seedScale(url: string, target: number, chunkSize = 5000, log = console.log) {
  const databases = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const module = MODULES[name];
      const database = await openDatabase({
        service: name,
        schema: module.tables,
        migrationsFolder: module.migrationsFolder,
        url,
      });
      await DEMO_SEEDS[name](database.primary);
      return database;
    }),
  );
  const db = (databases[0] as (typeof databases)[number]).db;
  const [row] = await db.select({ n: count() }).from(subjects);
  let loaded = Math.max(0, Number(row?.n ?? 0) - buildDemoDataset().subjects.length);
  const started = performance.now();
  const from = loaded;
  while (loaded < target) {
    const size = Math.min(chunkSize, target - loaded);
    const chunk = scaleChunk(loaded, size);
    await db.transaction(async (tx) => {
      const insert = async <T>(table: Parameters<typeof tx.insert>[0], rows: T[], perBatch = 2000) => {
        for (let i = 0; i < rows.length; i += perBatch)
          await tx.insert(table).values(rows.slice(i, i + perBatch) as never);
      };
      await insert(
        subjects,
        chunk.subjects.map(({ jurisdiction: _, ...s }) => s),
      );
      await insert(
        listings,
        chunk.listings.map(({ responsible: _, ...l }) => l),
      );
      await insert(dispatches, chunk.dispatches);
      await insert(executions, chunk.executions);
      await insert(creditChecks, chunk.checks);
      await insert(objections, chunk.objections);
      // What the objections subgraph's events would have told lists, for its statistics.
      await insert(
        objectionFilings,
        chunk.objections.map((o) => ({ objectionId: o.id, listingId: o.listingId, filedOn: o.filedOn })),
      );
      await insert(repairs, chunk.repairs);
      await insert(
        cases,
        chunk.cases.map(({ subjectIds: _, listingIds: __, measureCodes: ___, ...c }) => ({
          ...c,
          ...publicText(c),
        })),
      );
      await insert(
        caseSubjects,
        chunk.cases.flatMap((c) => c.subjectIds.map((subjectId) => ({ caseId: c.id, subjectId }))),
      );
      await insert(
        caseListings,
        chunk.cases.flatMap((c) => c.listingIds.map((listingId) => ({ caseId: c.id, listingId }))),
      );
    });
    loaded += size;
    if (loaded % (chunkSize * 20) === 0 || loaded === target) {
      const seconds = (performance.now() - started) / 1000;
      log(
        `  ${loaded.toLocaleString('en')} subjects (${Math.round((loaded - from) / seconds).toLocaleString('en')}/s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`,
      );
    }
  }
  await db.execute('analyze');
  await Promise.all(databases.map((d) => d.close()));
  return { added: loaded - from, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { subjects: { type: 'string', default: '100000' }, chunk: { type: 'string', default: '5000' } },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('seed:scale loads PostgreSQL: set DATABASE_URL.');
  const { added, seconds } = await seedScale(url, Number(values.subjects), Number(values.chunk));
  console.log(`seed:scale added ${added.toLocaleString('en')} subjects in ${seconds.toFixed(1)} s`);
}
