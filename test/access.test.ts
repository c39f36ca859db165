import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '#common/caller.ts';
import { secret } from '#common/config.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ jurisdictions { code } }' }),
  });

describe('who may call', () => {
  it('lets anyone without a token read the directory as PUBLIC', async () => {
    const { data, errors } = await stack.request(contractOperation('Directory'));
    expect(errors).toBeUndefined();
    expect(data.jurisdictions.map((j: { name: string }) => j.name)).toEqual([
      '佳木斯市东风区',
      '厦门市',
      '济南市',
      '武汉市汉阳区',
      '昆明市',
    ]);
    const suspends = Object.fromEntries(
      data.jurisdictions.map((j: { name: string; policy: { objectionSuspendsMeasures: boolean } }) => [
        j.name,
        j.policy.objectionSuspendsMeasures,
      ]),
    );
    expect(suspends).toMatchObject({ 济南市: false, 昆明市: true, 武汉市汉阳区: true });
  });

  it('refuses a token signed with another secret, with UNAUTHENTICATED and a clear message', async () => {
    const forged = await signToken({ role: 'CREDIT_OFFICE' }, 'not-the-secret');
    const response = await post(stack.gateway.url, { authorization: `Bearer ${forged}` });
    const body = await response.json();
    expect(response.status).toBe(401);
    expect(body.errors[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('bearer token was refused'),
    });
    expect(body.data).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    const expired = await signToken({ role: 'CREDIT_OFFICE' }, secret('AUTH_SECRET'), { expiresIn: '-1m' });
    const response = await post(stack.gateway.url, { authorization: `Bearer ${expired}` });
    expect(response.status).toBe(401);
  });

  it('refuses a department token without a department', async () => {
    const token = await signToken({ role: 'DEPARTMENT' }, secret('AUTH_SECRET'), { expiresIn: '1h' });
    const body = await (await post(stack.gateway.url, { authorization: `Bearer ${token}` })).json();
    expect(body.errors[0].message).toContain('needs a dept claim');
  });

  it('has every subgraph refuse a request that did not come through the gateway', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const unsigned = await post(subgraph.url);
      expect(unsigned.status).toBe(401);
      const clientToken = await signToken({ role: 'CREDIT_OFFICE' }, secret('AUTH_SECRET'));
      const replayed = await post(subgraph.url, { 'x-platform-caller': clientToken });
      expect(replayed.status).toBe(401);
    }
  });

  it('reports each subgraph alive and ready', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const base = subgraph.url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({
        status: 'ready',
        service: subgraph.name,
      });
    }
  });
});

describe('the database', () => {
  it('is PostgreSQL when TEST_DATABASE_URL is set and embedded PGlite otherwise', () => {
    const expected = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
    for (const subgraph of Object.values(stack.subgraphs)) expect(subgraph.database.driver).toBe(expected);
  });
});
