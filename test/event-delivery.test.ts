import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, blackProposal, propose, registerCompany, review } from './flows.ts';
import { eventually, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ persistent: true });
});
afterAll(() => stack?.stop());

describe('event delivery', () => {
  it('waits out a subscriber that is down and delivers everything once it is back, exactly once', async () => {
    const company = await registerCompany(stack, '重启测试企业');
    const listingId = await propose(stack, blackProposal(company.id));
    await review(stack, listingId);

    const measures = stack.subgraphs.measures;
    await measures.stop();
    expect((await approve(stack, listingId)).status).toBe('EFFECTIVE');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const cursor = await stack.rows(
      'lists',
      sql`select last_event_id from lists.outbox_cursors where subscriber = 'measures'`,
    );
    const [event] = await stack.rows(
      'lists',
      sql`select id from lists.outbox where payload->>'listingId' = ${listingId}`,
    );
    expect(Number(cursor[0]?.last_event_id ?? 0)).toBeLessThan(Number(event?.id));

    await stack.restartSubgraph('measures');
    const dispatches = await eventually(async () => {
      const rows = await stack.rows(
        'measures',
        sql`select count(*)::int as n from measures.dispatches where listing_id = ${listingId}`,
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
      return rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const again = await stack.rows(
      'measures',
      sql`select count(*)::int as n, count(distinct (measure_code, department_code))::int as d from measures.dispatches where listing_id = ${listingId}`,
    );
    expect(again[0]).toEqual({ n: dispatches, d: dispatches });
  });
});
