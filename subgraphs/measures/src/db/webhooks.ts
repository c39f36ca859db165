import { lookup } from 'node:dns/promises';
import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { inJurisdiction, jurisdictionOf } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { forbidden, notFound } from '#common/errors.ts';
import { every } from '#common/jobs.ts';
import { log } from '#common/log.ts';
import type { Page } from '#common/pagination.ts';
import {
  backoffMs,
  isInternalAddress,
  RETRY_FOR_MS,
  signatureHeader,
  validateSubscription,
  webhookOwner,
} from '../domain/webhooks.ts';
import { type ChangeRow, changesPage, encodeCursor } from './changes.ts';
import type { MeasuresDb } from './store.ts';
import { type ChangeKind, webhookDeliveries, webhooks } from './tables.ts';

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Pushes to loopback and link-local addresses are refused unless WEBHOOK_ALLOW_INTERNAL=on (tests). */
const allowInternal = () => process.env.WEBHOOK_ALLOW_INTERNAL === 'on';

/** A webhook starts with the changes committed after it: its cursor is just below the oldest open transaction. */
export async function subscribeWebhook(
  db: MeasuresDb,
  caller: Caller,
  input: { url: string; kinds: ChangeKind[]; secret: string },
): Promise<WebhookRow> {
  const owner = webhookOwner(caller);
  const subscription = validateSubscription(input, allowInternal());
  const [row] = await db
    .insert(webhooks)
    .values({
      ...owner,
      ...subscription,
      kinds: subscription.kinds as ChangeKind[],
      cursorTxid: sql`(pg_snapshot_xmin(pg_current_snapshot())::text::numeric - 1)::text::xid8`,
      cursorId: Number.MAX_SAFE_INTEGER,
    })
    .returning();
  return row as WebhookRow;
}

/** The webhooks a caller manages: a department its own, a credit office those of its jurisdiction. */
function ownedBy(caller: Caller) {
  const owner = webhookOwner(caller);
  return owner.role === 'DEPARTMENT'
    ? eq(webhooks.departmentCode, owner.departmentCode)
    : inJurisdiction(webhooks.departmentCode, jurisdictionOf(owner.departmentCode));
}

export const webhooksOf = (db: MeasuresDb, caller: Caller) =>
  db.select().from(webhooks).where(ownedBy(caller)).orderBy(webhooks.createdAt);

async function ownWebhook(db: MeasuresDb, caller: Caller, id: string): Promise<WebhookRow> {
  const owned = ownedBy(caller);
  const [row] = await db
    .select({ webhook: webhooks, owned: sql<boolean>`${owned}` })
    .from(webhooks)
    .where(eq(webhooks.id, id));
  if (!row) throw notFound(`No webhook ${id}.`);
  if (!row.owned) throw forbidden(`Webhook ${id} belongs to ${row.webhook.departmentCode}.`);
  return row.webhook;
}

export async function setWebhookActive(db: MeasuresDb, caller: Caller, id: string, active: boolean) {
  await ownWebhook(db, caller, id);
  const [row] = await db
    .update(webhooks)
    .set({ active, nextAttemptAt: new Date() })
    .where(eq(webhooks.id, id))
    .returning();
  return row as WebhookRow;
}

export async function deleteWebhook(db: MeasuresDb, caller: Caller, id: string): Promise<string> {
  await ownWebhook(db, caller, id);
  await db.delete(webhooks).where(eq(webhooks.id, id));
  return id;
}

export const deliveriesPage = (db: MeasuresDb, webhookId: string, page: Page) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(page.limit + 1)
    .offset(page.offset);

/** What a push carries: the change as the feed gives it, with its entities by id. */
export const pushBody = (c: ChangeRow) =>
  JSON.stringify({
    id: encodeCursor(c),
    kind: c.kind,
    occurredAt: c.occurredAt.toISOString(),
    businessDate: c.businessDate,
    listingId: c.listingId,
    dispatchId: c.dispatchId,
    executionId: c.executionId,
    objectionId: c.objectionId,
    repairId: c.repairId,
    caseId: c.caseId,
    measureCode: c.measureCode,
  });

async function assertOutsideAddress(url: string) {
  if (allowInternal()) return;
  const { hostname } = new URL(url);
  const addresses = await lookup(hostname.replace(/^\[|\]$/g, ''), { all: true });
  const internal = addresses.find((a) => isInternalAddress(a.address));
  if (internal)
    throw new Error(`${hostname} resolves to ${internal.address}, a loopback or link-local address`);
}

/** One push: 2xx within 10 s is delivered; anything else is a failure to retry. */
async function push(hook: WebhookRow, change: ChangeRow) {
  const body = pushBody(change);
  const started = Date.now();
  try {
    await assertOutsideAddress(hook.url);
    const response = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'joint-credit-platform-webhooks',
        'x-platform-delivery': encodeCursor(change),
        'x-platform-signature': signatureHeader(hook.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return { ok: response.ok, statusCode: response.status, error: null, durationMs: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, statusCode: null, error: message.slice(0, 500), durationMs: Date.now() - started };
  }
}

/**
 * Delivers a webhook's changes in order, one at a time. A failure keeps the change and tries it
 * again after an exponential backoff; after 24 hours of failures it is parked (in the log) and
 * the webhook moves on.
 */
async function deliverTo(db: MeasuresDb, hook: WebhookRow): Promise<void> {
  let current = hook;
  const follower = { role: hook.role, dept: hook.departmentCode } as const;
  const { rows } = await changesPage(db, follower, {
    after: encodeCursor({ txid: current.cursorTxid, id: current.cursorId }),
    first: 20,
    kinds: hook.kinds,
  });
  for (const change of rows) {
    const attempt = current.failures + 1;
    const result = await push(current, change);
    const expired =
      !result.ok &&
      current.firstFailedAt !== null &&
      Date.now() - current.firstFailedAt.getTime() > RETRY_FOR_MS;
    const outcome = result.ok ? 'DELIVERED' : expired ? 'PARKED' : 'FAILED';
    await db.insert(webhookDeliveries).values({
      webhookId: hook.id,
      changeId: encodeCursor(change),
      attempt,
      outcome,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: result.durationMs,
    });
    const moved =
      outcome === 'FAILED'
        ? {
            failures: attempt,
            firstFailedAt: current.firstFailedAt ?? new Date(),
            nextAttemptAt: new Date(Date.now() + backoffMs(attempt)),
          }
        : {
            cursorTxid: change.txid,
            cursorId: change.id,
            failures: 0,
            firstFailedAt: null,
            nextAttemptAt: new Date(),
          };
    const [updated] = await db.update(webhooks).set(moved).where(eq(webhooks.id, hook.id)).returning();
    if (!updated || outcome === 'FAILED') return;
    current = updated;
  }
}

/**
 * Pushes every active webhook's due changes, each webhook on its own: a slow or dead endpoint
 * holds only its own deliveries. A lease on the row keeps replicas from pushing one webhook twice.
 */
export function startWebhookDeliveries(db: MeasuresDb, intervalMs = 500): () => Promise<void> {
  const inFlight = new Map<string, Promise<unknown>>();
  const stopScheduling = every('webhook deliveries', intervalMs, async () => {
    const now = new Date();
    const due = await db
      .update(webhooks)
      .set({ leasedUntil: new Date(now.getTime() + 60_000) })
      .where(
        and(
          eq(webhooks.active, true),
          lte(webhooks.nextAttemptAt, now),
          or(isNull(webhooks.leasedUntil), lt(webhooks.leasedUntil, now)),
        ),
      )
      .returning();
    for (const hook of due) {
      if (inFlight.has(hook.id)) continue;
      const delivery: Promise<unknown> = deliverTo(db, hook)
        .catch((error) => log.warn({ webhookId: hook.id, error: String(error) }, 'webhook delivery failed'))
        .then(() => db.update(webhooks).set({ leasedUntil: null }).where(eq(webhooks.id, hook.id)))
        .catch((error) =>
          log.warn({ webhookId: hook.id, error: String(error) }, 'webhook lease not released'),
        )
        .finally(() => inFlight.delete(hook.id));
      inFlight.set(hook.id, delivery);
    }
  });
  return async () => {
    await stopScheduling();
    await Promise.allSettled(inFlight.values());
  };
}
