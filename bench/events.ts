import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#common/db.ts';
import { deleteStream } from '#common/jetstream.ts';
import { uscc } from '#demo/dataset.ts';
import { contractOperation } from '../schema/contract.ts';
import { postGraphQL } from '../scripts/client.ts';
import { type Stack, startStack } from '../scripts/stack.ts';
import { encodeCursor } from '../subgraphs/measures/src/db/changes.ts';

/**
 * `npm run bench:events`: how long after a commit its change is in the feed (`changes`, written
 * with the subscriber's effect) and pushed to a webhook, for the HTTP relay (one machine) and for
 * NATS JetStream (NATS_URL, nats://127.0.0.1:4222 by default), in one run on embedded PGlite.
 * Signs ENTRIES blacklistings a few milliseconds apart and compares, per entry, the time of the
 * signing transaction (its outbox row) with the feed row's and the webhook receiver's clock.
 */
const ENTRIES = Number(process.env.BENCH_EVENTS ?? 200);
/** Jinan's market regulator blacklists each company: publicity from 2026-02-09, signed 2026-03-13. */
const jinanSamr = { role: 'DEPARTMENT' as const, dept: '370100-SAMR', purpose: '联合奖惩基准测试' };
const blacklisting = (subjectId: string) => ({
  subjectId,
  listType: 'BLACK',
  domain: 'FOOD_DRUG',
  category: 1,
  severity: 'ORDINARY',
  remedy: '可在公示期内提出异议，或依法申请行政复议、提起行政诉讼。',
  facts: '生产销售不符合食品安全标准的食品。',
  basis: '《中华人民共和国食品安全法》第一百二十四条',
  decidedOn: '2026-02-05',
  validUntil: '2029-02-04',
  repairable: true,
});
// The bench's webhook receiver listens on this machine.
process.env.WEBHOOK_ALLOW_INTERNAL = 'on';
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

/** A department system's endpoint: when each pushed change (by its id) arrived. */
async function webhookReceiver() {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    arrivals.set(String(req.headers['x-platform-delivery']), Date.now());
    req.resume();
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { arrivals, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/changes` };
}

const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function measure(transport: 'HTTP relay' | 'JetStream') {
  const stream = `BENCH_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;
  const stack = await startStack({
    pgliteDir: 'memory://',
    demo: true,
    ports: 'free',
    natsUrl: transport === 'JetStream' ? natsUrl : undefined,
    natsStream: stream,
  });
  const hook = await webhookReceiver();
  try {
    await write(stack, 'SubscribeWebhook', {
      url: hook.url,
      kinds: ['LISTING_EFFECTIVE'],
      secret: 'bench-webhook-secret',
    });
    const listingIds: string[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const registered = await write(stack, 'RegisterSubject', {
        kind: 'LEGAL_PERSON',
        name: `事件延迟基准企业${i}`,
        uscc: uscc('370100', 950_000 + i),
      });
      const subjectId = registered.registerSubject?.subject?.id as string;
      const listingId = (await write(stack, 'ProposeListing', blacklisting(subjectId))).proposeListing
        ?.listing?.id as string;
      await write(stack, 'ReviewListing', {
        listingId,
        disclosure: 'PUBLIC',
        publicityStartsOn: '2026-02-09',
      });
      listingIds.push(listingId);
    }
    for (const listingId of listingIds) {
      await write(stack, 'ApproveListing', { listingId, signedOn: '2026-03-13' });
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    const written = rowsOf(
      await stack.subgraphs.lists.database.db.execute(
        sql`select payload->>'listingId' as listing, extract(epoch from created_at) * 1000 as at from lists.outbox where topic = 'listing.effective'`,
      ),
    );
    // The commit of each signing, by entry: the outbox row is written in its transaction.
    const committedAt = new Map(written.map((r) => [String(r.listing), Number(r.at)]));
    for (;;) {
      const feed = rowsOf(
        await stack.subgraphs.measures.database.db.execute(
          sql`select txid::text as txid, id::int as id, listing_id as listing, extract(epoch from occurred_at) * 1000 as at from measures.changes where kind = 'LISTING_EFFECTIVE'`,
        ),
      ).filter((r) => committedAt.has(String(r.listing)));
      const pushed = feed.filter((r) =>
        hook.arrivals.has(encodeCursor({ txid: String(r.txid), id: Number(r.id) })),
      );
      if (feed.length >= committedAt.size && pushed.length >= committedAt.size) {
        const since = (r: Record<string, unknown>) => committedAt.get(String(r.listing)) as number;
        return {
          transport,
          feed: summary(feed.map((r) => Number(r.at) - since(r))),
          webhook: summary(
            pushed.map(
              (r) =>
                (hook.arrivals.get(encodeCursor({ txid: String(r.txid), id: Number(r.id) })) as number) -
                since(r),
            ),
          ),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    hook.server.close();
    await stack.stop();
    if (transport === 'JetStream') await deleteStream(natsUrl, stream);
  }
}

const results = [await measure('HTTP relay'), await measure('JetStream')];
const ms = (n: number) => `${Math.round(n)} ms`;
console.log('| transport | events | in the feed p50 | p99 | pushed to a webhook p50 | p99 |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of results)
  console.log(
    `| ${r.transport} | ${r.feed.n} | ${ms(r.feed.p50)} | ${ms(r.feed.p99)} | ${ms(r.webhook.p50)} | ${ms(r.webhook.p99)} |`,
  );
const ratio = (results[1]?.feed.p50 ?? 0) / (results[0]?.feed.p50 ?? 1);
console.log(`JetStream / HTTP relay, p50 in the feed: ${ratio.toFixed(2)}`);
process.exit(0);
