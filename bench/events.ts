import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#common/db.ts';
import { deleteStream } from '#common/jetstream.ts';
import { uscc } from '#demo/dataset.ts';
import { type Stack, startStack } from '../scripts/stack.ts';
import { blackProposal, jinanSamr, PUBLICITY_STARTS_ON, SIGNED_ON } from '../test/flows.ts';
import { contractOperation, postGraphQL } from '../test/kit.ts';

/**
 * `npm run bench:events`: the added latency of an event, from the commit of the change that
 * announces it to its subscriber's effect, for the HTTP relay (one machine) and for NATS
 * JetStream (NATS_URL, nats://127.0.0.1:4222 by default), in one run on embedded PGlite. Signs
 * ENTRIES blacklistings a few milliseconds apart and reads, per `listing.effective` event, the
 * outbox row's time (the signing transaction's) against the measures inbox row's (the effect's).
 */
const ENTRIES = Number(process.env.BENCH_EVENTS ?? 200);
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function write(stack: Stack, operation: string, input: Record<string, unknown>) {
  const response = await postGraphQL(
    stack.gateway.url,
    { query: contractOperation(operation), variables: { input } },
    jinanSamr,
  );
  const body = (await response.json()) as {
    data?: Record<string, Record<string, { id: string }>>;
    errors?: unknown;
  };
  if (body.errors || !body.data) throw new Error(`${operation}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

async function measure(transport: 'HTTP relay' | 'JetStream') {
  const stream = `BENCH_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  const stack = await startStack({
    pgliteDir: 'memory://',
    demo: true,
    ports: 'free',
    natsUrl: transport === 'JetStream' ? natsUrl : undefined,
    natsStream: stream,
  });
  try {
    const listingIds: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const registered = await write(stack, 'RegisterSubject', {
        kind: 'LEGAL_PERSON',
        name: `事件延迟基准企业${i}`,
        uscc: uscc('370100', 950_000 + i),
      });
      const subjectId = registered.registerSubject?.subject?.id as string;
      const listingId = (await write(stack, 'ProposeListing', blackProposal(subjectId))).proposeListing
        ?.listing?.id as string;
      await write(stack, 'ReviewListing', {
        listingId,
        disclosure: 'PUBLIC',
        publicityStartsOn: PUBLICITY_STARTS_ON,
      });
      listingIds.push(listingId);
    }
    for (const listingId of listingIds) {
      await write(stack, 'ApproveListing', { listingId, signedOn: SIGNED_ON });
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    const written = rowsOf(
      await stack.subgraphs.lists.database.db.execute(
        sql`select id::int as id, extract(epoch from created_at) * 1000 as at from lists.outbox where topic = 'listing.effective'`,
      ),
    );
    const wanted = new Map(written.map((r) => [Number(r.id), Number(r.at)]));
    for (;;) {
      const received = rowsOf(
        await stack.subgraphs.measures.database.db.execute(
          sql`select event_id::int as id, extract(epoch from received_at) * 1000 as at from measures.inbox where source = 'lists'`,
        ),
      );
      const latencies = received
        .filter((r) => wanted.has(Number(r.id)))
        .map((r) => Number(r.at) - (wanted.get(Number(r.id)) as number));
      if (latencies.length >= wanted.size) {
        const sorted = latencies.sort((a, b) => a - b);
        return { transport, events: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await stack.stop();
    if (transport === 'JetStream') await deleteStream(natsUrl, stream);
  }
}

const results = [await measure('HTTP relay'), await measure('JetStream')];
console.log('| transport | events | p50 (ms) | p99 (ms) |\n| --- | --- | --- | --- |');
for (const r of results)
  console.log(`| ${r.transport} | ${r.events} | ${Math.round(r.p50)} | ${Math.round(r.p99)} |`);
console.log(
  `JetStream p50 / HTTP relay p50: ${((results[1]?.p50 ?? 0) / (results[0]?.p50 ?? 1)).toFixed(2)}`,
);
process.exit(0);
