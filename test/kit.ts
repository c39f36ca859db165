import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { type DocumentNode, Kind, parse, print } from 'graphql';
import postgres from 'postgres';
import { type Caller, EVENTS_AUDIENCE, internalCallerSigner, signToken } from '#common/caller.ts';
import type { SubgraphName } from '#common/config.ts';
import { secret } from '#common/config.ts';
import { rowsOf } from '#common/db.ts';
import { EVENTS_HEADER, EVENTS_PATH } from '#common/events.ts';
import { type Stack, startStack } from '../scripts/stack.ts';

/** The public contract lives beside the repository in shared/contract, or in CONTRACT_DIR. */
const contractDir =
  process.env.CONTRACT_DIR ?? fileURLToPath(new URL('../../shared/contract', import.meta.url));
if (!existsSync(contractDir)) {
  throw new Error(
    `No API contract at ${contractDir}: check out shared/ beside the repository or set CONTRACT_DIR.`,
  );
}
export const contractSource = readFileSync(`${contractDir}/operations.graphql`, 'utf8');
export const contractDocument: DocumentNode = parse(contractSource);

/** One operation of the public contract, as the portals and department systems send it. */
export function contractOperation(name: string): string {
  const definition = contractDocument.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!definition) throw new Error(`No operation ${name} in the contract`);
  return print(definition);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface TestStack extends Stack {
  /** Sends a GraphQL request through the gateway over real HTTP as `caller` (PUBLIC when omitted). */
  // biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field in the tests
  request<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements run so far by all four subgraphs. */
  statements(): number;
  /** Rows of a query on one subgraph's database, whichever driver it runs on. */
  rows(subgraph: SubgraphName, query: SQL): Promise<Record<string, unknown>[]>;
}

/**
 * The whole platform on free ports with the demo data: on in-memory PGlite, or, with
 * TEST_DATABASE_URL set, on a fresh PostgreSQL database that is dropped afterwards.
 */
export async function startTestStack(
  options: { exampleQuery?: string; persistent?: boolean } = {},
): Promise<TestStack> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  // Persistent storage lets a test restart a subgraph and find its data again.
  const pgliteDir = options.persistent ? await mkdtemp(join(tmpdir(), 'joint-credit-')) : 'memory://';
  const stack = await startStack({
    databaseUrl,
    pgliteDir,
    demo: true,
    ports: 'free',
    exampleQuery: options.exampleQuery,
  });
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (caller: Caller) => {
    const key = JSON.stringify(caller);
    if (!tokens.has(key)) tokens.set(key, signToken(caller, secret('AUTH_SECRET'), { expiresIn: '1h' }));
    return tokens.get(key) as Promise<string>;
  };
  return {
    ...stack,
    async request(query, variables, caller) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (caller && caller.role !== 'PUBLIC') headers.authorization = `Bearer ${await tokenFor(caller)}`;
      const response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async rows(subgraph, query) {
      return rowsOf(await stack.subgraphs[subgraph].database.db.execute(query));
    },
    statements: () => Object.values(stack.subgraphs).reduce((sum, s) => sum + s.database.statements(), 0),
    async stop() {
      await stack.stop();
      await dropDatabase();
      if (pgliteDir !== 'memory://') await rm(pgliteDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it passes or `timeoutMs` runs out, for effects that arrive through events. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Posts events to a subscriber again, signed as the platform's relay does: a redelivery after a crash. */
export async function redeliver(
  stack: TestStack,
  subscriber: SubgraphName,
  source: SubgraphName,
  events: Record<string, unknown>[],
): Promise<number> {
  const sign = internalCallerSigner(secret('SUBGRAPH_SECRET'), EVENTS_AUDIENCE);
  const response = await fetch(stack.subgraphs[subscriber].url.replace(/\/graphql$/, EVENTS_PATH), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [EVENTS_HEADER]: await sign({ role: 'CREDIT_OFFICE', dept: source }),
    },
    body: JSON.stringify({ events: events.map((e) => ({ ...e, id: Number(e.id), source })) }),
  });
  return response.status;
}
