import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { drainOutbox, type OutboxStore, type PlatformEvent } from './events.ts';
import { every } from './jobs.ts';
import { log } from './log.ts';

/** The outbox cursor of the JetStream publisher: the stream is one subscriber of the outbox. */
const PUBLISHER_CURSOR = 'jetstream';

/**
 * A connection to NATS JetStream and the one stream that carries the platform's events. Subjects
 * are `<stream>.<source>.<topic>`, so several platforms (or test runs) can share one server.
 */
export interface EventBus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectOf(source: string, topic: string): string;
  close(): Promise<void>;
}

export async function connectEventBus(
  url: string,
  service: string,
  stream: string = process.env.NATS_STREAM || 'PLATFORM_EVENTS',
): Promise<EventBus> {
  // Reconnect for ever: while NATS is down, writes go on and events wait in the outbox.
  const nc = await connect({ servers: url, name: service, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  const jsm = await jetstreamManager(nc);
  const prefix = stream.toLowerCase();
  const config = {
    name: stream,
    subjects: [`${prefix}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    // A publisher that resends a batch after a crash within this window is deduplicated by the
    // broker; later resends are dropped by each subscriber's inbox.
    duplicate_window: nanos(60 * 60_000),
    // A subscriber away longer than this must be replayed from the outboxes.
    max_age: nanos(30 * 24 * 3_600_000),
  };
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add(config).catch(async (error) => {
      // Another service created it in the meantime.
      if (!(await jsm.streams.info(stream).catch(() => null))) throw error;
    });
  }
  return {
    nc,
    js: jetstream(nc),
    jsm,
    stream,
    subjectOf: (source, topic) => `${prefix}.${source}.${topic}`,
    close: () => nc.drain().catch(() => nc.close()),
  };
}

/**
 * Publishes a service's outbox to the stream in the order its transactions settled, one message
 * at a time so the stream keeps that order, with the message id `source:id` so the broker drops
 * a resend. The cursor moves only after the broker acknowledged the batch.
 */
export function startJetStreamPublisher(options: {
  bus: EventBus;
  source: string;
  store: OutboxStore;
  intervalMs?: number;
}): () => Promise<void> {
  const { bus, source, store } = options;
  return every(`${source} outbox to JetStream`, options.intervalMs ?? 100, () =>
    drainOutbox(store, PUBLISHER_CURSOR, source, async (events) => {
      for (const event of events)
        await bus.js.publish(bus.subjectOf(source, event.topic), JSON.stringify(event), {
          msgID: `${source}:${event.id}`,
          timeout: 10_000,
        });
    }),
  );
}

/**
 * Reads the stream through the subscriber's durable consumer, one event at a time
 * (`max_ack_pending` 1), so a redelivered event comes before any later one and ordering per entry
 * holds. Each event is acknowledged only after its inbox row and effect committed; a crash in
 * between redelivers it, and the inbox makes the second delivery change nothing.
 */
export async function startJetStreamConsumer(options: {
  bus: EventBus;
  subscriber: string;
  sources: string[];
  consume: (events: PlatformEvent[]) => Promise<void>;
}): Promise<() => Promise<void>> {
  const { bus, subscriber, sources } = options;
  await bus.jsm.consumers
    .add(bus.stream, {
      durable_name: subscriber,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject:
        sources.length === 1 ? bus.subjectOf(sources[0] as string, '>') : `${bus.stream.toLowerCase()}.>`,
      max_ack_pending: 1,
      // An event unacknowledged this long (its subscriber died mid-way) is delivered again.
      ack_wait: nanos(10_000),
    })
    .catch(async (error) => {
      if (!(await bus.jsm.consumers.info(bus.stream, subscriber).catch(() => null))) throw error;
    });
  const consumer = await bus.js.consumers.get(bus.stream, subscriber);
  const messages = await consumer.consume({ max_messages: 1 });
  const done = (async () => {
    for await (const message of messages) {
      let event: PlatformEvent;
      try {
        event = message.json<PlatformEvent>();
      } catch {
        // Not a platform event at all: no code change will make it one, so it leaves the stream.
        log.error(
          { subscriber, subject: message.subject, seq: message.seq },
          'message is not JSON; terminated',
        );
        message.term();
        continue;
      }
      if (!sources.includes(event.source)) {
        message.ack();
        continue;
      }
      try {
        await options.consume([event]);
        await message.ackAck().catch(() => false);
      } catch (error) {
        log.warn(
          { subscriber, source: event.source, eventId: event.id, error: String(error) },
          'event not applied; redelivered in a second',
        );
        message.nak(1_000);
      }
    }
  })();
  return async () => {
    messages.stop();
    await done;
  };
}

/** Removes a stream and its consumers, as a test run cleans up after itself. */
export async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
