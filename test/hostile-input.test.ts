import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#common/caller.ts';
import type { SubgraphName } from '#common/config.ts';
import { uscc } from '#demo/dataset.ts';
import {
  jinanDraft,
  jinanFoodCompany,
  jinanFoodListing,
  jinanPendingDispatch,
  objectionUnderReview,
  repairUnderReview,
  submittedCase,
} from './demo.ts';
import { blackProposal, creditOffice, jinanSamr } from './flows.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

/** Every mutation of the contract with an input that would pass, and the service that writes it. */
const mutations: {
  operation: string;
  subgraph: SubgraphName;
  caller: Caller;
  input: Record<string, unknown>;
}[] = [
  {
    operation: 'RegisterSubject',
    subgraph: 'lists',
    caller: jinanSamr,
    input: { kind: 'LEGAL_PERSON', name: '敌意输入测试有限公司', uscc: uscc('370100', 800_000) },
  },
  {
    operation: 'ProposeListing',
    subgraph: 'lists',
    caller: jinanSamr,
    input: blackProposal(jinanFoodCompany.id),
  },
  {
    operation: 'ReviewListing',
    subgraph: 'lists',
    caller: jinanSamr,
    input: { listingId: jinanDraft.id, disclosure: 'PUBLIC', publicityStartsOn: '2026-11-23' },
  },
  {
    operation: 'ApproveListing',
    subgraph: 'lists',
    caller: jinanSamr,
    input: { listingId: jinanFoodListing.id, signedOn: '2026-11-20' },
  },
  {
    operation: 'ExitListing',
    subgraph: 'lists',
    caller: jinanSamr,
    input: { listingId: jinanFoodListing.id, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-20' },
  },
  {
    operation: 'PerformCreditCheck',
    subgraph: 'measures',
    caller: jinanSamr,
    input: {
      identifier: jinanFoodCompany.uscc,
      scenario: 'ADMINISTRATIVE_LICENSING',
      checkedOn: '2026-11-20',
      purpose: '审查',
    },
  },
  {
    operation: 'RecordExecution',
    subgraph: 'measures',
    caller: jinanSamr,
    input: {
      dispatchId: jinanPendingDispatch.id,
      outcome: 'APPLIED',
      executedOn: '2026-11-20',
      scenario: 'ADMINISTRATIVE_LICENSING',
      decisionRef: '济市监〔2026〕9号',
      reason: '依法限制',
    },
  },
  {
    operation: 'FileObjection',
    subgraph: 'objections',
    caller: { role: 'SUBJECT', subject: jinanFoodCompany.id },
    input: { listingId: jinanFoodListing.id, grounds: '认定事实有误。', filedOn: '2026-11-20' },
  },
  {
    operation: 'DecideObjection',
    subgraph: 'objections',
    caller: creditOffice,
    input: {
      objectionId: objectionUnderReview.id,
      decision: 'REJECTED',
      reason: '证据不足。',
      decidedOn: '2026-11-20',
    },
  },
  {
    operation: 'ApplyForRepair',
    subgraph: 'objections',
    caller: { role: 'SUBJECT', subject: jinanFoodCompany.id },
    input: {
      listingId: jinanFoodListing.id,
      method: 'OBLIGATION_PERFORMED',
      evidence: ['证明'],
      commitment: '承诺。',
      appliedOn: '2026-11-20',
    },
  },
  {
    operation: 'DecideRepair',
    subgraph: 'objections',
    caller: creditOffice,
    input: {
      repairId: repairUnderReview.id,
      decision: 'REJECTED',
      reason: '材料不全。',
      decidedOn: '2026-11-20',
    },
  },
  {
    operation: 'ReportCase',
    subgraph: 'cases',
    caller: jinanSamr,
    input: {
      title: '案例',
      kind: 'PUNISHMENT',
      domain: 'FOOD_DRUG',
      summary: '摘要。',
      subjectIds: [jinanFoodCompany.id],
    },
  },
  {
    operation: 'PublishCase',
    subgraph: 'cases',
    caller: creditOffice,
    input: { caseId: submittedCase.id, publishedOn: '2026-11-20' },
  },
];

const toFullWidth = (text: string) =>
  text.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Values a careless or hostile client sends where a clerk would type. */
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    '   ',
    '\u3000',
    'x'.repeat(1_000_000),
    "'; drop table lists.subjects; --",
    "1' or '1'='1",
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
    '${7*7}{{7*7}}',
    '\u0000',
    '\uD800',
    '2026-02-30',
    '0000-01-01',
    '9999-12-31',
    '2026-13-01',
    toFullWidth('91370100MA3CTXFX2Q'),
    '11010119900307663Ｘ',
    '00000000-0000-0000-0000-000000000000',
    'NaN',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

const WRITTEN_IN_THE_BACKGROUND = new Set(['inbox', 'outbox_cursors', 'dispatches']);

async function rowCounts(subgraph: SubgraphName): Promise<Record<string, number>> {
  const tables = await stack.rows(
    subgraph,
    sql`select table_name as name from information_schema.tables
        where table_schema = ${subgraph} and table_type = 'BASE TABLE'`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables as { name: string }[]) {
    if (WRITTEN_IN_THE_BACKGROUND.has(name)) continue;
    const [row] = await stack.rows(
      subgraph,
      sql.raw(`select count(*)::int as n from "${subgraph}"."${name}"`),
    );
    counts[name] = Number(row?.n);
  }
  return counts;
}

const CLIENT_CODES = [
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
];
let tried = 0;

describe('hostile input', () => {
  for (const mutation of mutations) {
    it(`never breaks ${mutation.operation}: a coded error naming the field, and nothing written`, async () => {
      const query = contractOperation(mutation.operation);
      const fields = Object.keys(mutation.input);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), hostile, async (field, value) => {
          tried++;
          const before = await rowCounts(mutation.subgraph);
          const input = { ...mutation.input, [field]: value };
          const response = await stack.request(query, { input }, mutation.caller);
          expect(response.status).toBeLessThan(500);
          const errors = response.errors ?? [];
          for (const error of errors) {
            expect(CLIENT_CODES, JSON.stringify(error)).toContain(error.extensions?.code);
            expect(error.message).not.toMatch(/\bat .+\.(ts|js):\d+/);
            if (
              error.extensions?.code === 'BAD_USER_INPUT' ||
              error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED'
            ) {
              const named = (error.extensions as { field?: string }).field ?? error.message;
              expect(named, JSON.stringify(error)).toContain(field);
            }
          }
          if (errors.length > 0) expect(await rowCounts(mutation.subgraph)).toEqual(before);
        }),
        { numRuns: 20, seed: 20261122 },
      );
    });
  }

  it('registers identifiers typed in full-width characters, stored as half-width', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 810_000, max: 899_999 }), async (serial) => {
        tried++;
        const code = uscc('370100', serial);
        const { data, errors } = await stack.request(
          contractOperation('RegisterSubject'),
          { input: { kind: 'LEGAL_PERSON', name: `全角测试${serial}有限公司`, uscc: toFullWidth(code) } },
          jinanSamr,
        );
        if (errors?.[0]?.extensions?.code === 'CONFLICT') return;
        expect(errors).toBeUndefined();
        expect(data.registerSubject.subject.uscc).toBe(code);
      }),
      { numRuns: 15, seed: 20261122 },
    );
    console.info(`hostile input: ${tried} requests tried`);
  });
});
