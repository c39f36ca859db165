import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Logger, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, type PgDatabase, type PgQueryResultHKT, withReplicas } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export type Db<S extends Record<string, unknown> = Record<string, unknown>> = PgDatabase<PgQueryResultHKT, S>;

/** The transaction handed to `db.transaction(async (tx) => …)`. */
export type Tx<S extends Record<string, unknown> = Record<string, unknown>> = Parameters<
  Parameters<Db<S>['transaction']>[0]
>[0];

export interface Database<S extends Record<string, unknown>> {
  /** Reads go to the read replica when DATABASE_READ_URL is set; writes and transactions to the primary. */
  db: Db<S>;
  /** Always the primary: for requests that write, and for jobs that must see their own writes. */
  primary: Db<S>;
  driver: 'pglite' | 'postgres';
  /** Resolves when the primary, and the read replica if there is one, answer. */
  ping(): Promise<void>;
  /**
   * SQL statements run so far while answering requests, when the service counts them
   * (`countStatements`); the tests read it to prove batching.
   */
  statements(): number;
  close(): Promise<void>;
}

export interface DatabaseOptions<S extends Record<string, unknown>> {
  /** The service name, which is also its PostgreSQL schema. */
  service: string;
  schema: S;
  migrationsFolder: URL;
  /** A PostgreSQL URL; defaults to DATABASE_URL. Without one the service runs on PGlite. */
  url?: string;
  /** A read replica of `url`, for plain reads; defaults to DATABASE_READ_URL. */
  readUrl?: string;
  /** PGlite's data directory, or 'memory://'. Defaults to data/pglite/<service> in the project. */
  pgliteDir?: string;
}

const projectDataDir = new URL('../data/pglite/', import.meta.url);

/** Set while a service answers a request, so background jobs do not count as the request's SQL. */
export const requestScope = new AsyncLocalStorage<true>();

class StatementCounter implements Logger {
  count = 0;
  logQuery() {
    if (requestScope.getStore()) this.count++;
  }
}

/**
 * Opens the service's database and brings its schema up to date with the checked-in drizzle-kit
 * migrations. Each service keeps its migration journal in its own table, so services sharing one
 * PostgreSQL database migrate independently.
 */
export async function openDatabase<S extends Record<string, unknown>>(
  options: DatabaseOptions<S>,
): Promise<Database<S>> {
  const url = options.url ?? process.env.DATABASE_URL;
  const migrationsFolder = fileURLToPath(options.migrationsFolder);
  const migrationsTable = `${options.service}_migrations`;
  const logger = new StatementCounter();

  if (url) {
    const connect = (to: string, applicationName: string) =>
      postgres(to, {
        max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
        onnotice: () => {},
        connection: { application_name: applicationName },
      });
    const client = connect(url, options.service);
    await migrateExclusively(client, async () => {
      await migratePostgres(drizzlePostgres({ client }), { migrationsFolder, migrationsTable });
    });
    const open = (c: postgres.Sql) =>
      drizzlePostgres({ client: namingStatements(c), schema: options.schema, logger, casing: 'snake_case' });
    const primary = open(client);
    const readUrl = options.readUrl ?? process.env.DATABASE_READ_URL;
    const readClient = readUrl ? connect(readUrl, `${options.service}-read`) : null;
    const db = readClient ? withReplicas(primary, [open(readClient)]) : primary;
    return {
      db: db as unknown as Db<S>,
      primary: primary as unknown as Db<S>,
      driver: 'postgres',
      ping: async () => {
        await Promise.all([client`select 1`, readClient ? readClient`select 1` : null]);
      },
      statements: () => logger.count,
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), readClient?.end({ timeout: 5 })]);
      },
    };
  }

  const dir =
    options.pgliteDir ?? process.env.PGLITE_DIR ?? fileURLToPath(new URL(options.service, projectDataDir));
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  // Loaded only here: a service on PostgreSQL never needs PGlite's modules in its heap.
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all(
    [
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ],
  );
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  await migratePglite(drizzlePglite({ client }), { migrationsFolder, migrationsTable });
  const db = drizzlePglite({ client, schema: options.schema, logger, casing: 'snake_case' });
  return {
    db: db as unknown as Db<S>,
    primary: db as unknown as Db<S>,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    statements: () => logger.count,
    close: () => client.close(),
  };
}

type Unsafe = (query: string, parameters?: unknown[], options?: object) => unknown;
type Scoped = (...args: unknown[]) => unknown;

/**
 * A statement with more parameters than this is a bulk insert whose shape changes with its number
 * of rows; named, each shape would stay prepared on its connection (the loader of `seed:scale`
 * grew from 439 to 1,508 MiB), so it is sent unnamed.
 */
const MAX_NAMED_PARAMETERS = 100;

/**
 * drizzle runs every query through postgres.js as an unnamed statement, which postgres.js sends in
 * two round trips (parse and describe, then bind and execute) and PostgreSQL parses each time.
 * Named, a statement is parsed once per connection and then runs in one round trip. Transactions
 * and savepoints hand drizzle a client of their own, so those are named too.
 */
function namingStatements<T extends postgres.Sql>(client: T): T {
  const named = client as unknown as Record<'unsafe' | 'begin' | 'savepoint', unknown>;
  const unsafe = named.unsafe as Unsafe;
  named.unsafe = (query: string, parameters: unknown[] = [], options?: object) =>
    unsafe(query, parameters, { ...options, prepare: parameters.length <= MAX_NAMED_PARAMETERS });
  for (const scope of ['begin', 'savepoint'] as const) {
    const open = named[scope] as Scoped | undefined;
    if (!open) continue;
    named[scope] = (...args: unknown[]) => {
      const body = args.pop() as (inner: postgres.Sql) => unknown;
      return open(...args, (inner: postgres.Sql) => body(namingStatements(inner)));
    };
  }
  return client;
}

/** Services starting together against one PostgreSQL would otherwise race to create the journal schema. */
async function migrateExclusively(client: postgres.Sql, migrate: () => Promise<void>) {
  const connection = await client.reserve();
  try {
    await connection`select pg_advisory_lock(hashtext('joint-credit-migrations'))`;
    await migrate();
  } finally {
    await connection`select pg_advisory_unlock(hashtext('joint-credit-migrations'))`.catch(() => {});
    connection.release();
  }
}

/** A unique index refused the row: whatever the driver (postgres.js, PGlite, drizzle's wrapper). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Rows of a raw statement, from postgres.js (an array) or PGlite (`{ rows }`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/**
 * `column` is one of `values`, bound as one array parameter. drizzle's `inArray` binds a parameter
 * per value, and building a statement of a thousand parameters (a screening, a page's loaders)
 * cost the service more CPU than PostgreSQL spent running it.
 */
export const anyOf = (column: AnyPgColumn, values: readonly unknown[]): SQL =>
  sql`${column} = any(${sql.param([...values])})`;

/** `column` is one of the keys a query of `byKeys` is run with. */
export const anyOfKeys = (column: AnyPgColumn): SQL => sql`${column} = any(${sql.placeholder('keys')})`;

/**
 * A query built once per database (drizzle's prepared query), then run with new values. drizzle
 * otherwise builds the SQL of every query afresh, walking each column of the selection: for the
 * loaders that cost lists more CPU than its GraphQL execution and its PostgreSQL client together
 * (`--cpu-prof`).
 */
export function preparedOn<D extends object, P>(
  name: string,
  build: (db: D) => { prepare(name: string): P },
) {
  const built = new WeakMap<D, P>();
  return (db: D): P => {
    let query = built.get(db);
    if (!query) {
      query = build(db).prepare(name);
      built.set(db, query);
    }
    return query;
  };
}

/** A loader's query, prepared once per database and run with each batch of keys (`anyOfKeys`). */
export function byKeys<D extends object, R>(
  name: string,
  build: (db: D) => { prepare(name: string): { execute(placeholders: { keys: string[] }): Promise<R> } },
) {
  const query = preparedOn(name, build);
  return (db: D) =>
    (keys: readonly string[]): Promise<R> =>
      query(db).execute({ keys: [...keys] });
}
