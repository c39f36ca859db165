import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { actingDepartment } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { badUserInput } from '#common/errors.ts';

/** How long a change is retried before it is parked and the webhook moves on. */
export const RETRY_FOR_MS = 24 * 3_600_000;

/** Exponential backoff: 1 s after the first failure, doubling, at most an hour between attempts. */
export const backoffMs = (failures: number) => Math.min(2 ** Math.max(0, failures - 1) * 1_000, 3_600_000);

/** Whose changes a webhook receives: a department its own, a credit office its jurisdiction's. */
export function webhookOwner(caller: Caller): {
  role: 'DEPARTMENT' | 'CREDIT_OFFICE';
  departmentCode: string;
} {
  const departmentCode = actingDepartment(caller, 'keep webhooks');
  return { role: caller.role as 'DEPARTMENT' | 'CREDIT_OFFICE', departmentCode };
}

/**
 * Addresses a push must never reach, or it could be turned against the platform's own network:
 * loopback, link-local (cloud metadata lives there) and the unspecified address.
 */
export function isInternalAddress(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(ip) === 4) return /^(127\.|169\.254\.|0\.)/.test(ip);
  return ip === '::1' || ip === '::' || /^fe[89ab]/.test(ip);
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain']);

/** A subscription as given: an http(s) URL to an outside host, the kinds it wants, a secret to sign with. */
export function validateSubscription(
  input: { url: string; kinds: readonly string[]; secret: string },
  allowInternal: boolean,
) {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw badUserInput(
      'url',
      'url is not an absolute URL, such as https://dept.example.gov.cn/credit-changes.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw badUserInput('url', `url must be http or https, not ${url.protocol.replace(':', '')}.`);
  if (url.username || url.password)
    throw badUserInput('url', 'url must not carry credentials; use the secret.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowInternal && (LOOPBACK_NAMES.has(host.toLowerCase()) || (isIP(host) && isInternalAddress(host))))
    throw badUserInput(
      'url',
      `${host} is a loopback or link-local address; a webhook must reach the department's system.`,
    );
  if (input.kinds.length === 0) throw badUserInput('kinds', 'Name at least one kind of change.');
  const secret = input.secret;
  if (secret.length < 16 || secret.length > 200)
    throw badUserInput(
      'secret',
      'The secret is 16 to 200 characters; the receiver verifies signatures with it.',
    );
  return { url: url.toString(), kinds: [...new Set(input.kinds)], secret };
}

/**
 * The signature header of a push, as Stripe signs theirs: `t=<unix seconds>,v1=<hex>`, where
 * the hex is HMAC-SHA256 with the webhook's secret over `<t>.<body>`.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
