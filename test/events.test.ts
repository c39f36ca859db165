import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina, workingDaysAfter } from '#common/calendar.ts';
import { internalRequestSigner } from '#common/caller.ts';
import { secret } from '#common/config.ts';
import { effectiveEntry, jinanSamr, registerCompany } from './flows.ts';
import { contractOperation, eventually, redeliver, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

async function effectiveBlackEntry() {
  const company = await registerCompany(stack, '事件测试企业');
  return { company, listingId: await effectiveEntry(stack, company.id) };
}

const dispatchesOf = (listingId: string) =>
  stack.rows(
    'measures',
    sql`select measure_code, department_code, status, due_on::text as due_on, lifted_reason from measures.dispatches where listing_id = ${listingId} order by measure_code`,
  );

describe('events from the lists subgraph', () => {
  it('turn an entry taking effect into one dispatch per applicable measure, due 2 working days after it arrives', async () => {
    const { company, listingId } = await effectiveBlackEntry();
    const dispatches = await eventually(async () => {
      const rows = await dispatchesOf(listingId);
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    const profile = await stack.request(
      `query($id: String!) { subject(identifier: $id) { listings { applicableMeasures { measure { code } implementingDepartment { code } } } } }`,
      { id: company.id },
      jinanSamr,
    );
    const expected = profile.data.subject.listings[0].applicableMeasures.map(
      (a: { measure: { code: string }; implementingDepartment: { code: string } }) => [
        a.measure.code,
        a.implementingDepartment.code,
      ],
    );
    expect(dispatches.map((d) => [d.measure_code, d.department_code]).sort()).toEqual(expected.sort());
    expect(new Set(dispatches.map((d) => d.due_on))).toEqual(new Set([workingDaysAfter(todayInChina(), 2)]));
    expect(dispatches.every((d) => d.status === 'PENDING')).toBe(true);
  });

  it('lift the pending dispatches when the entry exits, saying why', async () => {
    const { listingId } = await effectiveBlackEntry();
    await eventually(async () => expect((await dispatchesOf(listingId)).length).toBeGreaterThan(0));
    await stack.request(
      contractOperation('ExitListing'),
      { input: { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' } },
      jinanSamr,
    );
    const lifted = await eventually(async () => {
      const rows = await dispatchesOf(listingId);
      expect(rows.every((d) => d.status === 'LIFTED')).toBe(true);
      return rows;
    });
    expect(lifted[0]?.lifted_reason).toBe('Entry exited on 2026-11-02 (STANDARD_CHANGED).');
  });

  /** The effective event of a fresh entry, to be sent again as if it were about another entry (`other`). */
  async function effectiveEventOfAnotherEntry() {
    const { listingId } = await effectiveBlackEntry();
    await eventually(async () => expect((await dispatchesOf(listingId)).length).toBeGreaterThan(0));
    const [effective] = await stack.rows(
      'lists',
      sql`select payload from lists.outbox where topic = 'listing.effective' and payload->>'listingId' = ${listingId}`,
    );
    return { effective, other: randomUUID() };
  }

  it('leave no dispatch pending when an entry’s exit arrives before its taking effect', async () => {
    const { effective, other } = await effectiveEventOfAnotherEntry();
    const payload = { ...(effective?.payload as Record<string, unknown>), listingId: other };
    const exited = { ...payload, status: 'EXITED', exitReason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' };
    const id = 2_000_000_000 + Math.floor(Math.random() * 1_000_000);
    expect(
      await redeliver(stack, 'measures', 'lists', [{ id, topic: 'listing.exited', payload: exited }]),
    ).toBe(204);
    expect(
      await redeliver(stack, 'measures', 'lists', [{ id: id + 1, topic: 'listing.effective', payload }]),
    ).toBe(204);
    expect(await dispatchesOf(other)).toEqual([]);
  });

  it('create the dispatches suspended when the objection that suspends them arrived first', async () => {
    const { effective, other } = await effectiveEventOfAnotherEntry();
    const id = 2_100_000_000 + Math.floor(Math.random() * 1_000_000);
    const announced = effective?.payload as { subjectId: string; departmentCode: string };
    const filed = {
      objectionId: randomUUID(),
      listingId: other,
      subjectId: announced.subjectId,
      departmentCode: announced.departmentCode,
      filedOn: '2026-11-02',
      duringPublicity: false,
      suspendsMeasures: true,
    };
    expect(
      await redeliver(stack, 'measures', 'objections', [{ id, topic: 'objection.filed', payload: filed }]),
    ).toBe(204);
    const payload = { ...(effective?.payload as Record<string, unknown>), listingId: other };
    expect(await redeliver(stack, 'measures', 'lists', [{ id, topic: 'listing.effective', payload }])).toBe(
      204,
    );
    const created = await dispatchesOf(other);
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((d) => d.status === 'SUSPENDED')).toBe(true);
  });

  it('change nothing when delivered a second time', async () => {
    const { listingId } = await effectiveBlackEntry();
    const first = await eventually(async () => {
      const rows = await dispatchesOf(listingId);
      expect(rows.length).toBeGreaterThan(0);
      return rows;
    });
    const events = await stack.rows(
      'lists',
      sql`select id, topic, payload from lists.outbox where payload->>'listingId' = ${listingId}`,
    );
    for (let i = 0; i < 2; i++) expect(await redeliver(stack, 'measures', 'lists', events)).toBe(204);
    expect(await dispatchesOf(listingId)).toEqual(first);
  });

  it('are refused when off the event contract, and nothing of them applies', async () => {
    const id = 2_200_000_000 + Math.floor(Math.random() * 1_000_000);
    const listingId = randomUUID();
    const offContract = {
      objectionId: randomUUID(),
      listingId,
      filedOn: '2026-11-02',
      suspendsMeasures: true,
    };
    expect(
      await redeliver(stack, 'measures', 'objections', [
        { id, topic: 'objection.filed', payload: offContract },
      ]),
    ).toBe(400);
    const applied = await stack.rows(
      'measures',
      sql`select 1 from measures.inbox where source = 'objections' and event_id = ${id}`,
    );
    expect(applied).toEqual([]);
  });

  it.runIf(process.env.TEST_NATS_URL)(
    'go on past a message on the stream that is not an event at all',
    async () => {
      const nats = stack.nats as { url: string; stream: string };
      const nc = await connect({ servers: nats.url });
      await jetstream(nc).publish(`${nats.stream.toLowerCase()}.lists.listing.effective`, 'not json');
      await nc.close();
      const { listingId } = await effectiveBlackEntry();
      await eventually(async () => expect((await dispatchesOf(listingId)).length).toBeGreaterThan(0));
    },
  );

  it('are refused when not signed by a platform service, even with a gateway caller token', async () => {
    const url = stack.subgraphs.measures.url.replace(/\/graphql$/, '/events');
    const body = JSON.stringify({ events: [] });
    const gatewayToken = await internalRequestSigner(secret('SUBGRAPH_SECRET'))(
      { role: 'CREDIT_OFFICE' },
      body,
    );
    const attempts: Record<string, string>[] = [{}, { 'x-platform-events': gatewayToken }];
    for (const headers of attempts) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(401);
    }
  });
});
