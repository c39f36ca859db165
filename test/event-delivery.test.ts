import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approve,
  blackProposal,
  effectiveEntry,
  jinanSamr,
  propose,
  registerCompany,
  review,
} from './flows.ts';
import { contractOperation, eventually, redeliver, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ persistent: true });
});
afterAll(() => stack?.stop());

describe('event delivery', () => {
  it.runIf(process.env.TEST_DATABASE_URL)(
    'delivers an event whose transaction took its id first and committed after a later one',
    async () => {
      const dispatchesOf = (listingId: string) =>
        stack.rows(
          'measures',
          sql`select status, count(*)::int as n from measures.dispatches where listing_id = ${listingId} group by 1`,
        );
      const entries: string[] = [];
      for (const name of ['先取号后提交企业', '后取号先提交企业']) {
        const company = await registerCompany(stack, name);
        entries.push(await effectiveEntry(stack, company.id));
      }
      const [held, later] = entries as [string, string];
      await eventually(async () =>
        expect(await dispatchesOf(held)).toEqual([{ status: 'PENDING', n: expect.any(Number) }]),
      );
      await eventually(async () =>
        expect(await dispatchesOf(later)).toEqual([{ status: 'PENDING', n: expect.any(Number) }]),
      );

      // Transaction A writes the exit of the first entry and stays open; B exits the second and commits.
      const connection = postgres(stack.databaseUrl as string, { max: 1, onnotice: () => {} });
      let commitA: () => void = () => {};
      const aCommitted = connection.begin(async (a) => {
        await a`insert into lists.outbox (topic, payload)
          select 'listing.exited', payload || '{"status": "EXITED", "exitReason": "STANDARD_CHANGED", "exitedOn": "2026-04-01"}'
          from lists.outbox where topic = 'listing.effective' and payload->>'listingId' = ${held}`;
        await new Promise<void>((resolve) => {
          commitA = resolve;
        });
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const exit = await stack.request(
          contractOperation('ExitListing'),
          { input: { listingId: later, reason: 'STANDARD_CHANGED', exitedOn: '2026-04-01' } },
          jinanSamr,
        );
        expect(exit.errors).toBeUndefined();
        // Several relay rounds run while A is open: reading by id alone, they moved the cursor past A's event.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      } finally {
        commitA();
        await aCommitted;
        await connection.end();
      }
      for (const entry of [later, held])
        await eventually(async () =>
          expect(await dispatchesOf(entry)).toEqual([{ status: 'LIFTED', n: expect.any(Number) }]),
        );
    },
  );

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

  it('decides an upheld objection only with lists up, corrects the entry once, and ignores a redelivery', async () => {
    const company = await registerCompany(stack, '异议重启测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const filed = await stack.request(
      contractOperation('FileObjection'),
      { input: { listingId, grounds: '认定有误', filedOn: '2026-11-02' } },
      { role: 'SUBJECT', subject: company.id },
    );
    const objectionId = filed.data.fileObjection.objection.id;
    const uphold = () =>
      stack.request(
        `mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { objection { id status } } }`,
        { input: { objectionId, decision: 'UPHELD', reason: '经核查认定有误', decidedOn: '2026-11-16' } },
        jinanSamr,
      );

    await stack.subgraphs.lists.stop();
    const whileDown = await uphold();
    expect(whileDown.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const [stillOpen] = await stack.rows(
      'objections',
      sql`select status from objections.objections where id = ${objectionId}`,
    );
    expect(stillOpen).toEqual({ status: 'UNDER_REVIEW' });

    await stack.restartSubgraph('lists');
    const decided = await uphold();
    expect(decided.data.decideObjection.objection.status).toBe('UPHELD');
    const [row] = await stack.rows(
      'lists',
      sql`select status, exit_reason from lists.listings where id = ${listingId}`,
    );
    expect(row).toEqual({ status: 'EXITED', exit_reason: 'OBJECTION_UPHELD' });
    const sent = await stack.rows(
      'objections',
      sql`select id, topic, payload from objections.outbox where topic = 'objection.decided' and payload->>'objectionId' = ${objectionId}`,
    );
    expect(await redeliver(stack, 'lists', 'objections', sent)).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const exits = await stack.rows(
      'lists',
      sql`select count(*)::int as n from lists.listing_history where listing_id = ${listingId} and status = 'EXITED'`,
    );
    expect(exits[0]?.n).toBe(1);
  });
});
