import { EVENTS_AUDIENCE, internalRequestSigner } from './caller.ts';
import { secret } from './config.ts';
import { every } from './jobs.ts';

/** An event as it travels between subgraphs: its outbox id orders and identifies it. */
export interface PlatformEvent<P = Record<string, unknown>> {
  id: number;
  source: string;
  topic: string;
  payload: P;
}

export const EVENTS_PATH = '/events';
export const EVENTS_HEADER = 'x-platform-events';

/** A position in a log read in commit order (an outbox, the change feed): the last row's transaction and id. */
export interface OutboxCursor {
  txid: string;
  id: number;
}

export interface OutboxStore {
  cursorOf(subscriber: string): Promise<OutboxCursor>;
  advance(subscriber: string, last: OutboxCursor): Promise<void>;
  after(cursor: OutboxCursor, limit: number): Promise<(Omit<PlatformEvent, 'source'> & { txid: string })[]>;
}

/** Subscribers from `EVENT_SUBSCRIBERS="measures=http://host:4002/events,…"`. */
export function subscribersFromEnv(fallback: Record<string, string>): Record<string, string> {
  const raw = process.env.EVENT_SUBSCRIBERS;
  if (!raw) return fallback;
  return Object.fromEntries(
    raw
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const [name, url] = entry.split('=');
        if (!name || !url) throw new Error(`EVENT_SUBSCRIBERS entry "${entry}" is not name=url`);
        return [name.trim(), url.trim()];
      }),
  );
}

/**
 * Hands `send` the outbox after `subscriber`'s cursor, a batch at a time, as events of `source`,
 * and moves the cursor past a batch only once `send` resolved: a failure or a crash sends the
 * batch again.
 */
export async function drainOutbox(
  store: OutboxStore,
  subscriber: string,
  source: string,
  send: (events: PlatformEvent[]) => Promise<void>,
): Promise<void> {
  for (;;) {
    const batch = await store.after(await store.cursorOf(subscriber), 100);
    const last = batch.at(-1);
    if (!last) return;
    await send(batch.map(({ txid: _, ...event }) => ({ ...event, source })));
    await store.advance(subscriber, { txid: last.txid, id: last.id });
  }
}

/**
 * Delivers the outbox to every subscriber in the order its transactions settled, at least once:
 * a subscriber's cursor moves only after it answered 2xx for a batch, so a crash on either side
 * resends, and the store never hands out an event behind one that can still commit.
 */
export function startOutboxRelay(options: {
  source: string;
  store: OutboxStore;
  subscribers: () => Record<string, string>;
  intervalMs?: number;
}): () => Promise<void> {
  const sign = internalRequestSigner(secret('SUBGRAPH_SECRET'), EVENTS_AUDIENCE);
  const deliver = (subscriber: string, url: string) =>
    drainOutbox(options.store, subscriber, options.source, async (events) => {
      const body = JSON.stringify({ events });
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [EVENTS_HEADER]: await sign({ role: 'CREDIT_OFFICE', dept: options.source }, body),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        throw new Error(`${subscriber} answered ${response.status} to events from ${events[0]?.id}`);
    });
  return every(`${options.source} outbox relay`, options.intervalMs ?? 500, async () => {
    const results = await Promise.allSettled(
      Object.entries(options.subscribers()).map(([subscriber, url]) => deliver(subscriber, url)),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  });
}
