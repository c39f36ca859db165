import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type GatewayLimits } from '../gateway/src/limits.ts';
import { documentHash } from '../schema/contract.ts';
import { jinanSamr } from './flows.ts';
import { contractOperation, postGraphQL, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());
const gatewayWith = (limits: Partial<GatewayLimits>, redisUrl?: string) =>
  stack.gatewayWith(limits, redisUrl);

/** subject → listings → subject → …, `levels` deep. */
function nestedProfile(levels: number, leaf = 'id'): string {
  let selection = leaf;
  for (let i = 0; i < levels; i++)
    selection = i % 2 === 0 ? `subject { ${selection} }` : `listings { ${selection} }`;
  return `query { subject(identifier: "x") { listings { ${selection} } } }`;
}

const send = async (
  url: string,
  body: Record<string, unknown>,
  caller?: Parameters<typeof postGraphQL>[2],
) => {
  const response = await postGraphQL(url, body, caller);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

describe('query limits', () => {
  it('accepts every contract operation under the default limits', async () => {
    const operations = [
      'SubjectProfile',
      'DepartmentInbox',
      'ListingsPage',
      'CasesPage',
      'PerformCreditCheck',
    ];
    for (const name of operations) {
      const { body } = await send(stack.gateway.url, { query: contractOperation(name), variables: {} });
      const codes = (body.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
      expect(
        codes.filter((c: string) => /^(QUERY_TOO|TOO_MANY)/.test(c)),
        name,
      ).toEqual([]);
    }
  });

  it('refuses a query nested deeper than the limit with QUERY_TOO_DEEP and the limit in the message', async () => {
    const { body } = await send(stack.gateway.url, { query: nestedProfile(DEFAULT_LIMITS.maxDepth) });
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: expect.stringContaining(`depth limit of ${DEFAULT_LIMITS.maxDepth}`),
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
  });

  it('refuses more aliases than the limit with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from(
      { length: DEFAULT_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: jurisdictions { code }`,
    );
    const { body } = await send(stack.gateway.url, { query: `{ ${aliases.join(' ')} }` });
    expect(body.errors[0].extensions.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuses a document of more tokens than the limit with QUERY_TOO_LARGE', async () => {
    const fields = Array.from({ length: DEFAULT_LIMITS.maxTokens }, () => 'code').join(' ');
    const { body } = await send(stack.gateway.url, { query: `{ jurisdictions { ${fields} } }` });
    expect(body.errors[0]).toMatchObject({
      message: expect.stringContaining(`Token limit of ${DEFAULT_LIMITS.maxTokens}`),
      extensions: { code: 'QUERY_TOO_LARGE' },
    });
  });

  it('refuses a query whose estimated cost is over the limit with QUERY_TOO_COSTLY', async () => {
    const wide = Array.from({ length: 40 }, () => 'id name uscc idNumber creditStatus').join(' ');
    const { body } = await send(stack.gateway.url, { query: nestedProfile(7, wide) });
    expect(body.errors[0]).toMatchObject({
      message: expect.stringContaining(`Query Cost limit of ${DEFAULT_LIMITS.maxCost}`),
      extensions: { code: 'QUERY_TOO_COSTLY' },
    });
  });

  it('refuses a page larger than 100 with BAD_USER_INPUT naming first', async () => {
    const { body } = await send(stack.gateway.url, {
      query: contractOperation('SearchSubjects'),
      variables: { text: '济南', first: 101 },
    });
    expect(body.errors[0]).toMatchObject({
      message: 'first must be between 1 and 100, got 101.',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  it('refuses a body over the limit with 413 BODY_TOO_LARGE, and a chunked body with 411', async () => {
    const padding = 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes);
    const { status, body } = await send(stack.gateway.url, { query: '{ jurisdictions { code } }', padding });
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('BODY_TOO_LARGE');

    const chunked = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob(['{"query":"{ jurisdictions { code } }"}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });
});

describe('rate limits', () => {
  it('answers a caller over its rate with 429, RATE_LIMITED and Retry-After, and leaves other callers alone', async () => {
    const url = await gatewayWith({ requestsPerMinute: 3 });
    const query = { query: '{ jurisdictions { code } }' };
    for (let i = 0; i < 3; i++) expect((await send(url, query)).status).toBe(200);
    const throttled = await send(url, query);
    expect(throttled.status).toBe(429);
    expect(throttled.body.errors[0]).toMatchObject({
      message: expect.stringContaining('More than 3 requests in a minute'),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);

    const department = await send(url, query, jinanSamr);
    expect(department.status).toBe(200);
    expect(department.body.errors).toBeUndefined();
  });

  it('lets a caller send a tenth of its heavy requests a minute in any 6 s, and other callers theirs', async () => {
    const url = await gatewayWith({ heavyPerMinute: 10 });
    const screening = {
      query: contractOperation('ScreenSubjects'),
      variables: { identifiers: Array.from({ length: 1_000 }, (_, i) => `x${i}`) },
    };
    expect((await send(url, screening, jinanSamr)).status).toBe(200);
    const second = await send(url, screening, jinanSamr);
    expect(second.status).toBe(429);
    expect(second.body.errors[0]).toMatchObject({
      message: expect.stringContaining('requests of cost 5000 or more'),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect((await send(url, screening)).status).toBe(200);
    const light = await send(url, { query: contractOperation('Directory') }, jinanSamr);
    expect(light.status).toBe(200);
  });

  // TEST_REDIS_URL, not REDIS_URL: the suite's own gateways must not share one budget.
  it.runIf(process.env.TEST_REDIS_URL)(
    'counts a caller once across two gateway replicas sharing Redis',
    async () => {
      const [first, second] = await Promise.all([
        gatewayWith({ requestsPerMinute: 4 }, process.env.TEST_REDIS_URL),
        gatewayWith({ requestsPerMinute: 4 }, process.env.TEST_REDIS_URL),
      ]);
      const caller = { role: 'SUBJECT' as const, subject: randomUUID() };
      const query = { query: '{ jurisdictions { code } }' };
      for (const url of [first, second, first, second])
        expect((await send(url, query, caller)).status).toBe(200);
      expect((await send(first, query, caller)).status).toBe(429);
      expect((await send(second, query, caller)).status).toBe(429);
    },
  );
});

describe('portal traffic', () => {
  it('runs a contract operation sent by its trusted document id alone', async () => {
    const document = contractOperation('Directory');
    const { body } = await send(stack.gateway.url, { documentId: `sha256:${documentHash(document)}` });
    expect(body.errors).toBeUndefined();
    expect(body.data.jurisdictions).toHaveLength(5);

    const apolloStyle = await send(stack.gateway.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(document) } },
    });
    expect(apolloStyle.body.data.jurisdictions).toHaveLength(5);
  });

  it('refuses an unknown document id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { body } = await send(stack.gateway.url, { documentId: documentHash('{ __typename }') });
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('can hold PUBLIC callers to trusted documents while departments still send their own queries', async () => {
    const url = await gatewayWith({ publicTrustedDocumentsOnly: true });
    const arbitrary = { query: '{ jurisdictions { code } }' };
    const refused = await send(url, arbitrary);
    expect(refused.body.errors[0]).toMatchObject({
      message: expect.stringContaining('only trusted documents'),
      extensions: { code: 'PERSISTED_QUERY_ONLY' },
    });
    expect(
      (await send(url, { documentId: documentHash(contractOperation('Directory')) })).body.errors,
    ).toBeUndefined();
    expect((await send(url, arbitrary, jinanSamr)).body.data.jurisdictions).toHaveLength(5);
  });

  it('keeps introspection for data teams and can switch it off for PUBLIC callers', async () => {
    const introspection = { query: '{ __schema { queryType { name } } }' };
    expect((await send(stack.gateway.url, introspection)).body.data.__schema.queryType.name).toBe('Query');

    const url = await gatewayWith({ publicIntrospection: false });
    const refused = await send(url, introspection);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].message).toContain('introspection');
    const analyst = await send(url, introspection, { role: 'ANALYST' });
    expect(analyst.body.data.__schema.queryType.name).toBe('Query');
  });
});
