import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedCase } from './demo.ts';
import {
  blackProposal,
  creditOffice,
  effectiveEntry,
  jinanSamr,
  op,
  PURPOSE,
  propose,
  registerCompany,
} from './flows.ts';
import { contractOperation, postGraphQL, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const kunmingCreditOffice = { role: 'CREDIT_OFFICE' as const, dept: '530100-CREDIT', purpose: PURPOSE };
const operator = { role: 'CREDIT_OFFICE' as const, purpose: PURPOSE };
const codeOf = (answer: { errors?: { extensions?: { code?: string } }[] }) =>
  answer.errors?.[0]?.extensions?.code;

describe('who decides (谁认定谁负责)', () => {
  it('lets the credit office of the entry’s jurisdiction act on it, and no other credit office or the operator', async () => {
    const company = await registerCompany(stack, '管辖测试企业');
    const listingId = await propose(stack, blackProposal(company.id));
    const reviewAs = (caller: typeof creditOffice | typeof operator) =>
      stack.request(
        op.review,
        { input: { listingId, disclosure: 'PUBLIC', publicityStartsOn: '2026-02-09' } },
        caller,
      );
    const byKunming = await reviewAs(kunmingCreditOffice);
    expect(codeOf(byKunming)).toBe('FORBIDDEN');
    expect(byKunming.errors?.[0]?.message).toContain('credit office of jurisdiction 370100');
    expect(codeOf(await reviewAs(operator))).toBe('FORBIDDEN');
    expect(codeOf(await reviewAs(creditOffice))).toBeUndefined();
  });

  it('keeps a repair of a Jinan entry from the Kunming credit office and the operator', async () => {
    const company = await registerCompany(stack, '管辖修复测试企业');
    const listingId = await effectiveEntry(stack, company.id);
    const applied = await stack.request(
      contractOperation('ApplyForRepair'),
      {
        input: {
          listingId,
          method: 'OBLIGATION_PERFORMED',
          evidence: ['缴款凭证'],
          commitment: '承诺守法经营。',
          appliedOn: '2026-10-12',
        },
      },
      { role: 'SUBJECT', subject: company.id },
    );
    expect(applied.errors).toBeUndefined();
    const repairId = applied.data.applyForRepair.repair.id;
    const decide = (caller: typeof creditOffice | typeof operator) =>
      stack.request(
        contractOperation('DecideRepair'),
        { input: { repairId, decision: 'APPROVED', reason: '已整改', decidedOn: '2026-10-20' } },
        caller,
      );
    expect(codeOf(await decide(kunmingCreditOffice))).toBe('FORBIDDEN');
    expect(codeOf(await decide(operator))).toBe('FORBIDDEN');
    expect(codeOf(await decide(creditOffice))).toBeUndefined();
  });

  it('lets the operator read everything and publish a case, and keeps a Jinan case from Kunming', async () => {
    const reads = await stack.request('{ listings(first: 1) { totalCount } }', {}, operator);
    expect(reads.data.listings.totalCount).toBeGreaterThan(0);
    const publish = (caller: typeof creditOffice | typeof operator) =>
      stack.request(
        contractOperation('PublishCase'),
        { input: { caseId: submittedCase.id, publishedOn: '2026-11-20' } },
        caller,
      );
    const xiamenCase = submittedCase.reportedBy.startsWith('350200');
    expect(xiamenCase).toBe(true);
    expect(codeOf(await publish(kunmingCreditOffice))).toBe('FORBIDDEN');
    expect(codeOf(await publish(operator))).toBeUndefined();
  });

  it('refuses a CREDIT_OFFICE token that names a department other than a credit office', async () => {
    const response = await postGraphQL(
      stack.gateway.url,
      { query: '{ jurisdictions { code } }' },
      {
        role: 'CREDIT_OFFICE',
        dept: jinanSamr.dept,
      },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].message).toContain('is not a credit office');
  });
});
