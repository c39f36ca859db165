import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#common/caller.ts';
import {
  approve,
  blackProposal,
  effectiveEntry,
  jinanSamr,
  PURPOSE,
  propose,
  registerCompany,
  review,
} from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const ChangesSince = contractOperation('ChangesSince');
const analyst: Caller = { role: 'ANALYST', purpose: PURPOSE };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

interface Change {
  id: string;
  kind: string;
  businessDate: string | null;
  listing: { id: string } | null;
  dispatch: { id: string; department: { code: string } } | null;
}

/** Reads the feed from `after` to its end, page by page, as a department system's loop does. */
async function follow(caller: Caller | undefined, after: string | null, kinds?: string[]) {
  const seen: Change[] = [];
  let cursor = after;
  for (;;) {
    const { data, errors } = await stack.request(ChangesSince, { after: cursor, first: 100, kinds }, caller);
    expect(errors).toBeUndefined();
    seen.push(...data.changes.edges.map((e: { node: Change }) => e.node));
    cursor = data.changes.pageInfo.endCursor;
    if (!data.changes.pageInfo.hasNextPage) return { seen, cursor };
  }
}

describe('the change feed', () => {
  it('tells a department of an entry taking effect and of its own dispatches only', async () => {
    const { cursor } = await follow(jinanSamr, null);
    const company = await registerCompany(stack, '变更订阅测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const { seen } = await eventually(async () => {
      const read = await follow(jinanSamr, cursor);
      expect(read.seen.some((c) => c.kind === 'DISPATCH_CREATED')).toBe(true);
      return read;
    });
    expect(seen.filter((c) => c.kind === 'LISTING_EFFECTIVE').map((c) => c.listing?.id)).toContain(listingId);
    const dispatches = seen.filter((c) => c.kind === 'DISPATCH_CREATED');
    expect(dispatches.every((c) => c.dispatch?.department.code === '370100-SAMR')).toBe(true);
    const all = (await follow(analyst, cursor, ['DISPATCH_CREATED'])).seen;
    expect(all.length).toBeGreaterThan(dispatches.length);
  });

  it('never misses a change nor shows one twice to a consumer polling during concurrent writes', async () => {
    const { cursor: start } = await follow(analyst, null);
    let polled: Change[] = [];
    let cursor = start;
    let writing = true;
    const poller = (async () => {
      while (writing) {
        const read = await follow(analyst, cursor);
        polled = polled.concat(read.seen);
        cursor = read.cursor;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const entries = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const company = await registerCompany(stack, `变更并发测试企业${i}`);
        return effectiveEntry(stack, company.id);
      }),
    );
    // Every entry's dispatches have reached the feed.
    await eventually(async () => {
      const read = await follow(analyst, start, ['LISTING_EFFECTIVE']);
      expect(entries.every((id) => read.seen.some((c) => c.listing?.id === id))).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    writing = false;
    await poller;
    polled = polled.concat((await follow(analyst, cursor)).seen);

    const everything = (await follow(analyst, start)).seen;
    const ids = polled.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(everything.map((c) => c.id));
    expect(polled.filter((c) => c.kind === 'LISTING_EFFECTIVE')).toHaveLength(12);
  });

  it('shows the public the changes of public entries and nothing of a non-public one or of dispatches', async () => {
    const { cursor } = await follow(analyst, null);
    const shown = await registerCompany(stack, '变更公开测试企业');
    const shownId = await effectiveEntry(stack, shown.id);
    const hidden = await registerCompany(stack, '变更不公开测试企业');
    const hiddenId = await propose(stack, blackProposal(hidden.id));
    await review(stack, hiddenId, 'NON_PUBLIC');
    await approve(stack, hiddenId);
    await eventually(async () => {
      const read = await follow(analyst, cursor, ['LISTING_EFFECTIVE']);
      expect(read.seen.map((c) => c.listing?.id)).toEqual(expect.arrayContaining([shownId, hiddenId]));
    });
    const { seen } = await follow(undefined, cursor);
    expect(seen.map((c) => c.listing?.id)).toContain(shownId);
    expect(seen.some((c) => c.listing?.id === hiddenId)).toBe(false);
    expect(seen.some((c) => c.kind.startsWith('DISPATCH_'))).toBe(false);
  });

  it('refuses a cursor it did not give out and a page over 100', async () => {
    const bad = await stack.request(ChangesSince, { after: 'bm90LWEtY3Vyc29y', first: 10 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const large = await stack.request(ChangesSince, { first: 101 });
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
