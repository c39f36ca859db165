import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#common/caller.ts';
import type { SubgraphName } from '#common/config.ts';
import { jinanFoodCompany, jinanFoodListing } from './demo.ts';
import { blackProposal, effectiveEntry, jinanSamr, PURPOSE, registerCompany } from './flows.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const subjectCaller = (id: string): Caller => ({ role: 'SUBJECT', subject: id });
const jinanFinance: Caller = { role: 'DEPARTMENT', dept: '370100-FIN', purpose: PURPOSE };

interface Retryable {
  operation: string;
  subgraph: SubgraphName;
  /** How many records the input made. */
  countOf(input: Record<string, unknown>): ReturnType<typeof sql>;
  /** The input of a first request, the caller, and where the created record's id is in the answer. */
  setUp(): Promise<{ input: Record<string, unknown>; caller: Caller; other: Record<string, unknown> }>;
  idOf(data: Record<string, Record<string, { id: string }>>): string;
}

const retryables: Retryable[] = [
  {
    operation: 'ProposeListing',
    subgraph: 'lists',
    countOf: (input) =>
      sql`select count(*)::int as n from lists.listings where subject_id = ${input.subjectId}`,
    async setUp() {
      const company = await registerCompany(stack, '幂等提议测试企业');
      const input = blackProposal(company.id);
      return { input, caller: jinanSamr, other: { ...input, facts: '另一事实。' } };
    },
    idOf: (data) => data.proposeListing?.listing?.id as string,
  },
  {
    operation: 'ReportCase',
    subgraph: 'cases',
    countOf: (input) => sql`select count(*)::int as n from cases.cases where title = ${input.title}`,
    async setUp() {
      const input = {
        title: `幂等上报测试案例 ${randomUUID()}`,
        kind: 'PUNISHMENT',
        domain: 'FOOD_DRUG',
        summary: '企业生产销售不符合食品安全标准的食品，被实施联合惩戒。',
        subjectIds: [jinanFoodCompany.id],
        listingIds: [jinanFoodListing.id],
      };
      return { input, caller: jinanSamr, other: { ...input, title: '另一案例' } };
    },
    idOf: (data) => data.reportCase?.case?.id as string,
  },
  {
    operation: 'FileObjection',
    subgraph: 'objections',
    countOf: (input) =>
      sql`select count(*)::int as n from objections.objections where listing_id = ${input.listingId}`,
    async setUp() {
      const company = await registerCompany(stack, '幂等异议测试企业');
      const listingId = await effectiveEntry(stack, company.id);
      const input = { listingId, grounds: '认定事实有误。', evidence: ['复检报告'], filedOn: '2026-04-01' };
      return { input, caller: subjectCaller(company.id), other: { ...input, grounds: '另一理由。' } };
    },
    idOf: (data) => data.fileObjection?.objection?.id as string,
  },
  {
    operation: 'ApplyForRepair',
    subgraph: 'objections',
    countOf: (input) =>
      sql`select count(*)::int as n from objections.repairs where listing_id = ${input.listingId}`,
    async setUp() {
      const company = await registerCompany(stack, '幂等修复测试企业');
      const listingId = await effectiveEntry(stack, company.id);
      const input = {
        listingId,
        method: 'OBLIGATION_PERFORMED',
        evidence: ['整改报告'],
        commitment: '本企业承诺依法经营。',
        appliedOn: '2026-05-06',
      };
      return { input, caller: subjectCaller(company.id), other: { ...input, appliedOn: '2026-05-07' } };
    },
    idOf: (data) => data.applyForRepair?.repair?.id as string,
  },
  {
    operation: 'PerformCreditCheck',
    subgraph: 'measures',
    countOf: (input) =>
      sql`select count(*)::int as n from measures.credit_checks where purpose = ${input.purpose}`,
    async setUp() {
      const input = {
        identifier: jinanFoodCompany.uscc as string,
        scenario: 'GOVERNMENT_PROCUREMENT',
        checkedOn: '2026-11-20',
        purpose: `采购资格审查 ${randomUUID()}`,
      };
      return { input, caller: jinanFinance, other: { ...input, purpose: '另一用途' } };
    },
    idOf: (data) => data.performCreditCheck?.check?.id as string,
  },
];

describe('a retry with the same idempotency key', () => {
  for (const retryable of retryables) {
    it(`returns the first ${retryable.operation} after a lost answer, and one record for 8 sent at once`, async () => {
      const { input, caller, other } = await retryable.setUp();
      const query = contractOperation(retryable.operation);
      const send = (key: string, body = input) =>
        stack.request(query, { input: { ...body, idempotencyKey: key } }, caller);
      const key = `${retryable.operation}-${Date.now()}`;
      const first = await send(key);
      expect(first.errors).toBeUndefined();
      const id = retryable.idOf(first.data);
      const retry = await send(key);
      expect(retry.errors).toBeUndefined();
      expect(retryable.idOf(retry.data)).toBe(id);

      const misuse = await send(key, other);
      expect(misuse.errors?.[0]).toMatchObject({
        message: expect.stringContaining('was first used with a different input'),
        extensions: { code: 'CONFLICT' },
      });

      // A fresh entry, case title or purpose, so the count below is of this burst alone.
      const fresh = await retryable.setUp();
      const burstKey = `${key}-burst`;
      const burst = await Promise.all(
        Array.from({ length: 8 }, () =>
          stack.request(query, { input: { ...fresh.input, idempotencyKey: burstKey } }, fresh.caller),
        ),
      );
      expect(burst.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
      const ids = new Set(burst.map((r) => retryable.idOf(r.data)));
      expect(ids.size).toBe(1);
      const [row] = await stack.rows(retryable.subgraph, retryable.countOf(fresh.input));
      expect(row?.n).toBe(1);
    });
  }
});
