import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uscc } from '#demo/dataset.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const jinanSamr = { role: 'DEPARTMENT' as const, dept: '370100-SAMR' };
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ persistent: true });
});
afterAll(() => stack?.stop());

describe('event delivery', () => {
  it('waits out a subscriber that is down and delivers everything once it is back, exactly once', async () => {
    const registered = await stack.request(
      contractOperation('RegisterSubject'),
      { input: { kind: 'LEGAL_PERSON', name: '重启测试企业', uscc: uscc('370100', 700_001) } },
      jinanSamr,
    );
    const proposed = await stack.request(
      contractOperation('ProposeListing'),
      {
        input: {
          subjectId: registered.data.registerSubject.subject.id,
          listType: 'BLACK',
          domain: 'TAX',
          category: 2,
          facts: '事实',
          basis: '依据',
          decidedOn: '2026-09-01',
          validUntil: '2029-08-31',
          repairable: true,
        },
      },
      jinanSamr,
    );
    const listingId = proposed.data.proposeListing.listing.id;
    await stack.request(
      contractOperation('ReviewListing'),
      { input: { listingId, disclosure: 'NON_PUBLIC', publicityStartsOn: '2026-09-02' } },
      jinanSamr,
    );

    const measures = stack.subgraphs.measures;
    await measures.stop();
    const approved = await stack.request(
      contractOperation('ApproveListing'),
      { input: { listingId, signedOn: '2026-09-03' } },
      jinanSamr,
    );
    expect(approved.data.approveListing.listing.status).toBe('EFFECTIVE');
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
