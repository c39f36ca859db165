import { expect } from 'vitest';
import { uscc } from '#demo/dataset.ts';
import { contractOperation, type TestStack } from './kit.ts';

/** The contract operations the flows below send, as the department systems send them. */
export const op = {
  register: contractOperation('RegisterSubject'),
  propose: contractOperation('ProposeListing'),
  review: contractOperation('ReviewListing'),
  approve: contractOperation('ApproveListing'),
  exit: contractOperation('ExitListing'),
  profile: contractOperation('SubjectProfile'),
};

/** Government callers state why they read personal data (X-Query-Purpose); without it they see it masked. */
export const PURPOSE = '联合奖惩测试';
export const jinanSamr = { role: 'DEPARTMENT' as const, dept: '370100-SAMR', purpose: PURPOSE };
/** Jinan's credit office, which acts on any entry of the platform. */
export const creditOffice = { role: 'CREDIT_OFFICE' as const, dept: '370100-CREDIT', purpose: PURPOSE };
export const kunmingSamr = { role: 'DEPARTMENT' as const, dept: '530100-SAMR', purpose: PURPOSE };
type Department = { role: 'DEPARTMENT' | 'CREDIT_OFFICE'; dept: string; purpose?: string };

let serial = 500_000;

/** Registers a new Jinan company with a fresh valid USCC. */
export async function registerCompany(stack: TestStack, name = '济南测试企业有限公司') {
  const { data, errors } = await stack.request(
    op.register,
    { input: { kind: 'LEGAL_PERSON', name, uscc: uscc('370100', serial++) } },
    jinanSamr,
  );
  expect(errors).toBeUndefined();
  return data.registerSubject.subject as { id: string; uscc: string };
}

/** A food-safety blacklisting proposal by Jinan's market regulator, decided 2026-02-05. */
export const blackProposal = (subjectId: string, over: Record<string, unknown> = {}) => ({
  subjectId,
  listType: 'BLACK',
  domain: 'FOOD_DRUG',
  category: 1,
  severity: 'ORDINARY',
  // Told before the decision: required when the subject is a natural person (002 §8).
  priorNoticeOn: '2026-01-20',
  remedy: '可在公示期内提出异议，或依法申请行政复议、提起行政诉讼。',
  facts: '生产销售不符合食品安全标准的食品。',
  basis: '《中华人民共和国食品安全法》第一百二十四条',
  decidedOn: '2026-02-05',
  validUntil: '2029-02-04',
  repairable: true,
  ...over,
});

export async function propose(
  stack: TestStack,
  input: Record<string, unknown>,
  by: Department = jinanSamr,
): Promise<string> {
  const { data, errors } = await stack.request(op.propose, { input }, by);
  expect(errors).toBeUndefined();
  return data.proposeListing.listing.id;
}

/** Publicity from 2026-02-09 ends on 2026-03-12 across the Spring Festival; signed the next day. */
export const PUBLICITY_STARTS_ON = '2026-02-09';
export const SIGNED_ON = '2026-03-13';

export async function review(
  stack: TestStack,
  listingId: string,
  disclosure: 'PUBLIC' | 'NON_PUBLIC' = 'PUBLIC',
  by: Department = jinanSamr,
) {
  const { errors } = await stack.request(
    op.review,
    { input: { listingId, disclosure, publicityStartsOn: PUBLICITY_STARTS_ON } },
    by,
  );
  expect(errors).toBeUndefined();
}

export async function approve(stack: TestStack, listingId: string, by: Department = jinanSamr) {
  const { data, errors } = await stack.request(op.approve, { input: { listingId, signedOn: SIGNED_ON } }, by);
  expect(errors).toBeUndefined();
  return data.approveListing.listing;
}

/** Proposes, reviews as public and signs a blacklisting: effective from SIGNED_ON. */
export async function effectiveEntry(
  stack: TestStack,
  subjectId: string,
  proposal: Record<string, unknown> = {},
  by: Department = jinanSamr,
) {
  const listingId = await propose(stack, blackProposal(subjectId, proposal), by);
  await review(stack, listingId, 'PUBLIC', by);
  await approve(stack, listingId, by);
  return listingId;
}
