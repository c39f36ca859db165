import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditOffice, effectiveEntry, jinanSamr, op, registerCompany } from './flows.ts';
import { eventually, postGraphQL, startTestStack, type TestStack } from './kit.ts';

const STANDING = `query Standing($identifier: String!) {
  subject(identifier: $identifier) { creditStatus listings { id status } }
}`;

/** How many GraphQL requests the lists subgraph has answered, from its Prometheus metrics. */
async function listsRequests(stack: TestStack): Promise<number> {
  const metrics = await (await fetch(stack.subgraphs.lists.url.replace(/\/graphql$/, '/metrics'))).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count') && line.includes('"/graphql"'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('the public response cache', () => {
  let stack: TestStack;
  let cached: string;
  beforeAll(async () => {
    stack = await startTestStack();
    cached = await stack.gatewayWith({ publicCacheSeconds: 300 });
  });
  afterAll(() => stack?.stop());

  const asPublic = async (identifier: string) =>
    (await (await postGraphQL(cached, { query: STANDING, variables: { identifier } })).json()) as {
      data: { subject: { creditStatus: string; listings: { id: string; status: string }[] } };
    };

  it('answers a repeated PUBLIC read without asking the subgraphs, until a change in the feed touches it', async () => {
    const company = await registerCompany(stack, '济南缓存测试食品有限公司');
    const listingId = await effectiveEntry(stack, company.id);
    const first = await asPublic(company.uscc);
    expect(first.data.subject.creditStatus).toBe('BLACKLISTED');

    const before = await listsRequests(stack);
    expect((await asPublic(company.uscc)).data).toEqual(first.data);
    expect(await listsRequests(stack)).toBe(before);

    // The exit goes through the other gateway: only the change feed can tell this one.
    const exited = await stack.request(
      op.exit,
      { input: { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-09-01' } },
      jinanSamr,
    );
    expect(exited.errors).toBeUndefined();
    await eventually(async () => {
      expect((await asPublic(company.uscc)).data.subject.creditStatus).toBe('CLEAR');
    });
  });

  it('never caches a government read, so each one is registered', async () => {
    const person = await stack.request(
      `query { subjects(search: "张", first: 1) { edges { node { id idNumber } } } }`,
      {},
      jinanSamr,
    );
    const subject = person.data.subjects.edges[0].node as { id: string; idNumber: string };
    const reads = async () =>
      (
        await stack.request(
          `query($id: ID) { personalDataReads(subjectId: $id) { totalCount } }`,
          { id: subject.id },
          creditOffice,
        )
      ).data.personalDataReads.totalCount as number;
    const query = `query($identifier: String!) { subject(identifier: $identifier) { name idNumber } }`;
    const before = await reads();
    for (let i = 0; i < 2; i++) {
      const answer = await postGraphQL(
        cached,
        { query, variables: { identifier: subject.idNumber } },
        jinanSamr,
      );
      expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
    expect(await reads()).toBe(before + 2);
  });
});
