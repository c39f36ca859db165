import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveEntry, jinanSamr, registerCompany } from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

// The receivers below listen on 127.0.0.1, which a deployment refuses.
process.env.WEBHOOK_ALLOW_INTERNAL = 'on';

/** The README's verification: HMAC-SHA256 over `<t>.<body>`, compared in constant time, at most 5 minutes old. */
function verify(secret: string, header: string, body: string, now = Date.now()): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  if (!t || !v1 || Math.abs(now / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SECRET = 'department-system-secret';

interface Receiver {
  url: string;
  /** Delivery ids acknowledged with 2xx, in arrival order. */
  acknowledged: string[];
  requests: number;
  server: Server;
}

async function receiver(
  answer: (req: IncomingMessage, body: string, n: number) => number | null,
): Promise<Receiver> {
  const state = { acknowledged: [] as string[], requests: 0 };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    state.requests += 1;
    const status = answer(req, body, state.requests);
    if (status === null) return; // hangs
    if (status < 300) state.acknowledged.push(String(req.headers['x-platform-delivery']));
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/credit-changes`, server });
}

const verified = (secret: string) => (req: IncomingMessage, body: string) =>
  verify(secret, String(req.headers['x-platform-signature']), body) ? 200 : 401;

let stack: TestStack;
const receivers: Receiver[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  for (const r of receivers) r.server.closeAllConnections();
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.server.close(resolve))));
  await stack?.stop();
});

const subscribe = async (url: string, secret = SECRET) => {
  const { data, errors } = await stack.request(
    contractOperation('SubscribeWebhook'),
    { input: { url, kinds: ['LISTING_EFFECTIVE', 'DISPATCH_CREATED'], secret } },
    jinanSamr,
  );
  expect(errors).toBeUndefined();
  return data.subscribeWebhook.webhook as { id: string; departmentCode: string; active: boolean };
};

const deliveriesOf = async (id: string) => {
  const { data } = await stack.request(
    `query { webhooks { id deliveries(first: 100) { edges { node { changeId outcome statusCode error attempt } } } } }`,
    {},
    jinanSamr,
  );
  const hook = data.webhooks.find((w: { id: string }) => w.id === id);
  return hook.deliveries.edges.map((e: { node: unknown }) => e.node) as {
    changeId: string;
    outcome: string;
    statusCode: number | null;
    error: string | null;
  }[];
};

describe('signed pushes to department systems', () => {
  it('delivers every change once to healthy receivers, despite a failing, a hanging and a misconfigured one', {
    timeout: 90_000,
  }, async () => {
    const healthy = await receiver(verified(SECRET));
    const flaky = await receiver((req, body, n) => (n <= 2 ? 500 : verified(SECRET)(req, body)));
    const hanging = await receiver(() => null);
    const wrongSecret = await receiver(verified('not-the-secret-it-was-given'));
    receivers.push(healthy, flaky, hanging, wrongSecret);
    const hooks = {
      healthy: await subscribe(healthy.url),
      flaky: await subscribe(flaky.url),
      hanging: await subscribe(hanging.url),
      wrongSecret: await subscribe(wrongSecret.url),
    };
    expect(hooks.healthy).toMatchObject({ departmentCode: '370100-SAMR', active: true });

    const before = await stack.request(contractOperation('ChangesSince'), { first: 100 }, jinanSamr);
    const cursor = before.data.changes.pageInfo.endCursor as string | null;
    for (const name of ['推送测试企业甲', '推送测试企业乙']) {
      const company = await registerCompany(stack, name);
      await effectiveEntry(stack, company.id);
    }
    // What the feed shows the department after the subscriptions: every push must carry these.
    const expected = await eventually(async () => {
      const seen: { id: string; kind: string }[] = [];
      let after = cursor;
      for (;;) {
        const { data } = await stack.request(
          contractOperation('ChangesSince'),
          { after, first: 100, kinds: ['LISTING_EFFECTIVE', 'DISPATCH_CREATED'] },
          jinanSamr,
        );
        seen.push(...data.changes.edges.map((e: { node: { id: string; kind: string } }) => e.node));
        if (!data.changes.pageInfo.hasNextPage) break;
        after = data.changes.pageInfo.endCursor;
      }
      expect(seen.filter((c) => c.kind === 'LISTING_EFFECTIVE')).toHaveLength(2);
      return seen.map((c) => c.id);
    });

    // The hanging receiver holds its own deliveries only.
    await eventually(async () => expect(healthy.acknowledged).toEqual(expected), 15_000);
    await eventually(async () => expect(flaky.acknowledged).toEqual(expected), 30_000);
    expect(flaky.requests).toBeGreaterThan(expected.length);
    expect(hanging.acknowledged).toEqual([]);

    await eventually(async () => {
      const log = await deliveriesOf(hooks.wrongSecret.id);
      expect(log.some((d) => d.outcome === 'FAILED' && d.statusCode === 401)).toBe(true);
      expect(log.some((d) => d.outcome === 'DELIVERED')).toBe(false);
    });
    await eventually(async () => {
      const log = await deliveriesOf(hooks.hanging.id);
      expect(log[0]).toMatchObject({
        outcome: 'FAILED',
        statusCode: null,
        error: expect.stringMatching(/Timeout/),
      });
    }, 20_000);
    const flakyLog = await deliveriesOf(hooks.flaky.id);
    expect(flakyLog.filter((d) => d.outcome === 'FAILED').map((d) => d.statusCode)).toEqual([500, 500]);
  });

  it('refuses loopback and non-http URLs in a deployment, and keeps webhooks to their department', async () => {
    process.env.WEBHOOK_ALLOW_INTERNAL = 'off';
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'ftp://dept.example.gov.cn/x',
      ]) {
        const refused = await stack.request(
          contractOperation('SubscribeWebhook'),
          { input: { url, kinds: ['DISPATCH_CREATED'], secret: SECRET } },
          jinanSamr,
        );
        expect(refused.errors?.[0]?.extensions, url).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      }
    } finally {
      process.env.WEBHOOK_ALLOW_INTERNAL = 'on';
    }
    const hook = await subscribe('https://samr.example.gov.cn/hooks');
    const other = { role: 'DEPARTMENT' as const, dept: '370100-TAX' };
    const paused = await stack.request(
      `mutation($id: ID!) { setWebhookActive(id: $id, active: false) { webhook { active } } }`,
      { id: hook.id },
      other,
    );
    expect(paused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { data } = await stack.request(`query { webhooks { id } }`, {}, other);
    expect(data.webhooks.map((w: { id: string }) => w.id)).not.toContain(hook.id);
    const short = await stack.request(
      contractOperation('SubscribeWebhook'),
      { input: { url: 'https://samr.example.gov.cn/hooks', kinds: ['DISPATCH_CREATED'], secret: 'short' } },
      jinanSamr,
    );
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secret' });
  });
});
