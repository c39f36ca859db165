import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { type Caller, EVENTS_AUDIENCE, internalRequestSigner } from '#common/caller.ts';
import { SUBGRAPHS, type SubgraphName, secret } from '#common/config.ts';
import { rowsOf } from '#common/db.ts';
import { EVENTS_HEADER, EVENTS_PATH } from '#common/events.ts';
import { deleteStream } from '#common/jetstream.ts';
import type { RunningService } from '#common/server.ts';
import { startGateway } from '../gateway/src/gateway.ts';
import type { GatewayLimits } from '../gateway/src/limits.ts';
import { postGraphQL } from '../scripts/client.ts';
import { type Stack, startStack } from '../scripts/stack.ts';

export { contractDocument, contractOperation, contractSource } from '../schema/contract.ts';
export { postGraphQL, tokenFor } from '../scripts/client.ts';

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
  /** The PostgreSQL database the stack runs on; undefined on PGlite. */
  databaseUrl?: string;
  /** With TEST_NATS_URL: the JetStream server and the stream this stack's events travel on. */
  nats?: { url: string; stream: string };
  /**
   * Another gateway over the same subgraphs, with these limits, as a deployment configures one;
   * its rate limits count in memory unless `redisUrl` is given. Stopped with the stack.
   */
  gatewayWith(limits: Partial<GatewayLimits>, redisUrl?: string): Promise<string>;
}

/**
 * The whole platform on free ports with the demo data: on in-memory PGlite, or, with
 * TEST_DATABASE_URL set, on a fresh PostgreSQL database that is dropped afterwards.
 */
export async function startTestStack(
  options: { exampleQuery?: string; persistent?: boolean; gatewayLimits?: Partial<GatewayLimits> } = {},
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
  // With TEST_NATS_URL events travel through JetStream, on a stream of this stack's own.
  const natsUrl = process.env.TEST_NATS_URL || undefined;
  const natsStream = natsUrl && `TEST_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  // Persistent storage lets a test restart a subgraph and find its data again.
  const pgliteDir = options.persistent ? await mkdtemp(join(tmpdir(), 'joint-credit-')) : 'memory://';
  const stack = await startStack({
    databaseUrl,
    pgliteDir,
    demo: true,
    ports: 'free',
    exampleQuery: options.exampleQuery,
    // A test reads right after it changes the data; the public cache's own test turns it on.
    gatewayLimits: { publicCacheSeconds: 0, ...options.gatewayLimits },
    natsUrl,
    natsStream,
    countStatements: true,
  });
  const extraGateways: RunningService[] = [];
  return {
    ...stack,
    databaseUrl,
    nats: natsUrl && natsStream ? { url: natsUrl, stream: natsStream } : undefined,
    async gatewayWith(limits, redisUrl = '') {
      const gateway = await startGateway({
        port: 0,
        subgraphUrls: Object.fromEntries(
          SUBGRAPHS.map((name) => [name, stack.subgraphs[name].url]),
        ) as Record<SubgraphName, string>,
        limits: { publicCacheSeconds: 0, ...limits },
        redisUrl,
      });
      extraGateways.push(gateway);
      return gateway.url;
    },
    async request(query, variables, caller) {
      const response = await postGraphQL(stack.gateway.url, { query, variables }, caller);
      return { status: response.status, ...((await response.json()) as object) };
    },
    async rows(subgraph, query) {
      return rowsOf(await stack.subgraphs[subgraph].database.db.execute(query));
    },
    statements: () => Object.values(stack.subgraphs).reduce((sum, s) => sum + s.database.statements(), 0),
    async stop() {
      await Promise.all(extraGateways.map((gateway) => gateway.stop()));
      await stack.stop();
      if (natsUrl && natsStream) await deleteStream(natsUrl, natsStream);
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
  const sign = internalRequestSigner(secret('SUBGRAPH_SECRET'), EVENTS_AUDIENCE);
  const body = JSON.stringify({ events: events.map((e) => ({ ...e, id: Number(e.id), source })) });
  const response = await fetch(stack.subgraphs[subscriber].url.replace(/\/graphql$/, EVENTS_PATH), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [EVENTS_HEADER]: await sign({ role: 'CREDIT_OFFICE', dept: source }, body),
    },
    body,
  });
  return response.status;
}
