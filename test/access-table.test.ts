import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionOf } from '#common/access.ts';
import { type Caller, ROLES, type Role } from '#common/caller.ts';
import { uscc } from '#demo/dataset.ts';
import {
  hiddenBlackCompany,
  JINAN_SAMR,
  jinanDraft,
  jinanEffectiveRed,
  jinanFoodCompany,
  jinanFoodListing,
  jinanInPublicity,
  jinanPendingDispatch,
  kunmingTaxEvader,
  noticeListing,
  objectionUnderReview,
  publishedCase,
  rejectedObjection,
  repairUnderReview,
  submittedCase,
  xiamenDefaulter,
} from './demo.ts';
import { blackProposal, creditOffice, PURPOSE } from './flows.ts';
import { contractDocument, contractOperation, startTestStack, type TestStack } from './kit.ts';
import { PENDING } from './pending.ts';

/**
 * schema/access.md is the one table of who may do what; this runs every contract operation and
 * field family as every role and checks each cell, so a new operation cannot ship without a row.
 */
const table = parseAccessTable(readFileSync(new URL('../schema/access.md', import.meta.url), 'utf8'));

type Cell = 'yes' | 'no' | 'own' | 'full' | 'masked';

function parseAccessTable(markdown: string): Map<string, Record<Role, Cell>> {
  const rows = new Map<string, Record<Role, Cell>>();
  let columns: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replaceAll('`', ''));
    if (cells[0] === 'operation or field family') columns = cells.slice(1);
    // Another table (the bulk exports) is described, not run here.
    else if (cells.slice(1).every((cell) => ROLES.includes(cell as Role))) columns = undefined;
    else if (columns && !cells[0]?.startsWith('---')) {
      rows.set(
        cells[0] as string,
        Object.fromEntries(columns.map((role, i) => [role, cells[i + 1]])) as Record<Role, Cell>,
      );
    }
  }
  return rows;
}

const KUNMING_TAX = '530100-TAX';
let serial = 700_000;

/**
 * How to run one row: its document, its variables, and whose records they are. `owner` names
 * the department or subject the row's records belong to; an `own` cell is checked as that owner
 * (answered) and as someone else (FORBIDDEN).
 */
interface Scenario {
  query: string;
  variables?: () => Record<string, unknown>;
  owner?: { dept?: string; subject?: string };
  /** For field families: what the caller saw, as a cell of the table. */
  observe?: (data: Record<string, unknown>) => Cell;
  /** Government callers send X-Query-Purpose unless this is false. */
  statesPurpose?: boolean;
}

const ownDepartment = (dept: string) => ({ dept });
const statistics = (field: string, dept = JINAN_SAMR): Scenario => ({
  query: `query($filter: StatisticsFilter!) { ${field}(filter: $filter) { __typename } }`,
  variables: () => ({ filter: { from: '2026-01-01', to: '2026-10-31', departmentCode: dept } }),
  owner: ownDepartment(dept),
});
/** A queue: `own` when the owner finds its records in it and anyone else is refused or finds none. */
const queue = (
  field: string,
  filterType: string,
  filter: Record<string, unknown>,
  owner: Scenario['owner'],
): Scenario => ({
  query: `query($filter: ${filterType}) { ${field}(filter: $filter) { totalCount } }`,
  variables: () => ({ filter }),
  owner,
  observe: (data) => ((data[field] as { totalCount: number }).totalCount > 0 ? 'yes' : 'no'),
});

const scenarios: Record<string, Scenario> = {
  SubjectProfile: {
    query: contractOperation('SubjectProfile'),
    variables: () => ({ identifier: jinanFoodCompany.uscc }),
  },
  SearchSubjects: { query: contractOperation('SearchSubjects'), variables: () => ({ text: '济南' }) },
  ScreenSubjects: {
    query: contractOperation('ScreenSubjects'),
    variables: () => ({ identifiers: [jinanFoodCompany.uscc, kunmingTaxEvader.uscc] }),
  },
  ListingsPage: { query: contractOperation('ListingsPage'), variables: () => ({}) },
  Directory: { query: contractOperation('Directory') },
  RegisterSubject: {
    query: contractOperation('RegisterSubject'),
    variables: () => ({
      input: { kind: 'LEGAL_PERSON', name: '访问规则测试有限公司', uscc: uscc('370100', serial++) },
    }),
  },
  ProposeListing: {
    query: contractOperation('ProposeListing'),
    variables: () => ({ input: blackProposal(hiddenBlackCompany.id) }),
  },
  ReviewListing: {
    query: contractOperation('ReviewListing'),
    variables: () => ({
      input: { listingId: jinanDraft.id, disclosure: 'PUBLIC', publicityStartsOn: '2026-11-23' },
    }),
    owner: ownDepartment(JINAN_SAMR),
  },
  ApproveListing: {
    query: contractOperation('ApproveListing'),
    variables: () => ({ input: { listingId: jinanInPublicity.id, signedOn: '2026-11-20' } }),
    owner: ownDepartment(JINAN_SAMR),
  },
  ExitListing: {
    query: contractOperation('ExitListing'),
    variables: () => ({
      input: { listingId: jinanEffectiveRed.id, reason: 'EXPIRED', exitedOn: '2026-11-20' },
    }),
    owner: ownDepartment(JINAN_SAMR),
  },
  MeasureCatalogue: { query: contractOperation('MeasureCatalogue'), variables: () => ({}) },
  MeasureScopes: {
    query: contractOperation('MeasureScopes'),
    variables: () => ({ filter: { domain: 'TAX' } }),
  },
  PerformCreditCheck: {
    query: contractOperation('PerformCreditCheck'),
    variables: () => ({
      input: {
        identifier: jinanFoodCompany.uscc,
        scenario: 'ADMINISTRATIVE_LICENSING',
        checkedOn: '2026-11-20',
        purpose: '行政许可审查',
      },
    }),
  },
  DepartmentInbox: {
    query: contractOperation('DepartmentInbox'),
    variables: () => ({ filter: { departmentCode: JINAN_SAMR } }),
    owner: ownDepartment(JINAN_SAMR),
  },
  RecordExecution: {
    query: contractOperation('RecordExecution'),
    variables: () => ({
      input: {
        dispatchId: jinanPendingDispatch.id,
        outcome: 'APPLIED',
        executedOn: '2026-11-20',
        scenario: 'ADMINISTRATIVE_LICENSING',
        decisionRef: '济市监〔2026〕1号',
        reason: '依法限制',
      },
    }),
    owner: ownDepartment(JINAN_SAMR),
  },
  FileObjection: {
    query: contractOperation('FileObjection'),
    variables: () => ({
      input: { listingId: jinanFoodListing.id, grounds: '认定事实有误。', filedOn: '2026-11-20' },
    }),
    owner: { subject: jinanFoodCompany.id, dept: JINAN_SAMR },
  },
  DecideObjection: {
    query: contractOperation('DecideObjection'),
    variables: () => ({
      input: {
        objectionId: objectionUnderReview.id,
        decision: 'REJECTED',
        reason: '证据不足。',
        decidedOn: '2026-11-20',
      },
    }),
    owner: ownDepartment(objectionUnderReview.departmentCode),
  },
  ApplyForRepair: {
    query: contractOperation('ApplyForRepair'),
    variables: () => ({
      input: {
        listingId: jinanFoodListing.id,
        method: 'OBLIGATION_PERFORMED',
        evidence: ['履行完毕证明'],
        commitment: '本企业承诺守法经营。',
        appliedOn: '2026-11-20',
      },
    }),
    owner: { subject: jinanFoodCompany.id, dept: JINAN_SAMR },
  },
  DecideRepair: {
    query: contractOperation('DecideRepair'),
    variables: () => ({
      input: {
        repairId: repairUnderReview.id,
        decision: 'REJECTED',
        reason: '材料不全。',
        decidedOn: '2026-11-20',
      },
    }),
    owner: ownDepartment(repairUnderReview.departmentCode),
  },
  ReportCase: {
    query: contractOperation('ReportCase'),
    variables: () => ({
      input: {
        title: '访问规则测试案例',
        kind: 'PUNISHMENT',
        domain: 'FOOD_DRUG',
        summary: '测试用案例。',
        subjectIds: [jinanFoodCompany.id],
      },
    }),
  },
  PublishCase: {
    query: contractOperation('PublishCase'),
    variables: () => ({ input: { caseId: submittedCase.id, publishedOn: '2026-11-20' } }),
    owner: ownDepartment(submittedCase.reportedBy),
  },
  CasesPage: { query: contractOperation('CasesPage'), variables: () => ({}) },

  case: { query: `query($id: ID!) { case(id: $id) { id } }`, variables: () => ({ id: publishedCase.id }) },
  caseDigest: {
    query: `{ caseDigest(from: "2026-01-01", to: "2026-10-31") { month } }`,
  },
  listing: {
    query: `query($id: ID!) { listing(id: $id) { id } }`,
    variables: () => ({ id: jinanFoodListing.id }),
  },
  ListingDeadlines: {
    query: contractOperation('ListingDeadlines'),
    variables: () => ({ id: jinanFoodListing.id }),
  },
  personalDataReads: { query: `{ personalDataReads { totalCount } }` },
  measure: { query: `{ measure(code: "370100-P01") { code } }` },
  creditChecks: queue(
    'creditChecks',
    'CreditCheckFilter',
    { departmentCode: JINAN_SAMR },
    ownDepartment(JINAN_SAMR),
  ),
  departmentStatistics: statistics('departmentStatistics'),
  SubscribeWebhook: {
    query: contractOperation('SubscribeWebhook'),
    variables: () => ({
      input: {
        url: 'https://dept.example.gov.cn/hooks',
        kinds: ['DISPATCH_CREATED'],
        secret: 'a-secret-of-16-chars',
      },
    }),
  },
  webhooks: { query: 'query { webhooks { id } }' },
  setWebhookActive: {
    query: `mutation($id: ID!) { setWebhookActive(id: $id, active: false) { webhook { id } } }`,
    variables: () => ({ id: jinanWebhookId }),
    owner: ownDepartment(JINAN_SAMR),
  },
  deleteWebhook: {
    query: `mutation($id: ID!) { deleteWebhook(id: $id) { id } }`,
    variables: () => ({ id: jinanWebhookId }),
    owner: ownDepartment(JINAN_SAMR),
  },
  // Answered for everyone, each seeing the changes of its own scope (test/changes.test.ts).
  ChangesSince: { query: contractOperation('ChangesSince'), variables: () => ({ first: 5 }) },
  // Answered for every government caller, each counting its own scope (test/statistics.test.ts).
  ListingStatistics: {
    query: contractOperation('ListingStatistics'),
    variables: () => ({ from: '2026-01-01', to: '2026-10-31', groupBy: ['DEPARTMENT'] }),
  },
  measureStatistics: statistics('measureStatistics'),
  objections: queue(
    'objections',
    'ObjectionFilter',
    { subjectId: objectionUnderReview.subjectId },
    { dept: objectionUnderReview.departmentCode, subject: objectionUnderReview.subjectId },
  ),
  repairs: queue(
    'repairs',
    'RepairFilter',
    { subjectId: repairUnderReview.subjectId },
    { dept: repairUnderReview.departmentCode, subject: repairUnderReview.subjectId },
  ),
  withdrawListing: {
    query: `mutation($input: WithdrawListingInput!) { withdrawListing(input: $input) { listing { id } } }`,
    variables: () => ({
      input: { listingId: jinanDraft.id, withdrawnOn: '2026-11-20', reason: '材料有误。' },
    }),
    owner: ownDepartment(JINAN_SAMR),
  },
  addMeasure: {
    query: `mutation($input: AddMeasureInput!) { addMeasure(input: $input) { measure { code } } }`,
    variables: () => ({
      input: {
        code: `370100-T${serial++}`,
        jurisdictionCode: '370100',
        name: '测试措施',
        kind: 'PUNISHMENT',
        enforcement: 'RECOMMENDED',
        listTypes: ['BLACK'],
        domains: ['ALL'],
        scenarios: ['ADMINISTRATIVE_LICENSING'],
        matter: '行政许可',
        means: '从严审查',
        targetKinds: ['LEGAL_PERSON'],
        reachesResponsiblePersons: false,
        implementingDepartmentCode: JINAN_SAMR,
        basis: '测试依据',
        memorandum: '测试备忘录',
        validFrom: '2026-12-01',
      },
    }),
  },
  reviseMeasure: {
    query: `mutation($input: ReviseMeasureInput!) { reviseMeasure(input: $input) { measure { code } } }`,
    variables: () => ({
      input: { code: '370100-P01', validFrom: '2026-12-01', reason: '依据更新。', means: '从严审查' },
    }),
  },
  retireMeasure: {
    query: `mutation($input: RetireMeasureInput!) { retireMeasure(input: $input) { measure { code } } }`,
    variables: () => ({ input: { code: '370100-P02', retiredOn: '2026-12-31', reason: '依据废止。' } }),
  },
  recordFurtherRemedy: {
    query: `mutation($input: FurtherRemedyInput!) { recordFurtherRemedy(input: $input) { objection { id } } }`,
    variables: () => ({
      input: {
        objectionId: rejectedObjection.id,
        remedy: 'ADMINISTRATIVE_LITIGATION',
        outcome: 'REJECTION_UPHELD',
        decidedOn: '2026-11-20',
        reference: '（2026）闽02行初1号',
      },
    }),
    owner: ownDepartment(rejectedObjection.departmentCode),
  },
  withdrawCase: {
    query: `mutation($input: WithdrawCaseInput!) { withdrawCase(input: $input) { case { id } } }`,
    variables: () => ({
      input: { caseId: submittedCase.id, reason: '内容有误。', withdrawnOn: '2026-11-20' },
    }),
    owner: ownDepartment(submittedCase.reportedBy),
  },
  correctCase: {
    query: `mutation($input: CorrectCaseInput!) { correctCase(input: $input) { case { id } } }`,
    variables: () => ({
      input: {
        caseId: publishedCase.id,
        summary: '更正后的摘要。',
        reason: '表述更正。',
        correctedOn: '2026-11-20',
      },
    }),
  },

  "natural person's name and ID number": {
    query: `query($id: String!) { subject(identifier: $id) { name idNumber } }`,
    variables: () => ({ id: xiamenDefaulter.id }),
    owner: { subject: xiamenDefaulter.id },
    observe: (data) => {
      const subject = data.subject as { idNumber: string } | null;
      return subject?.idNumber.includes('*') ? 'masked' : 'full';
    },
  },
  "natural person's name and ID number, no purpose stated": {
    query: `query($id: String!) { subject(identifier: $id) { name idNumber } }`,
    variables: () => ({ id: xiamenDefaulter.id }),
    owner: { subject: xiamenDefaulter.id },
    statesPurpose: false,
    observe: (data) => {
      const subject = data.subject as { idNumber: string } | null;
      return subject?.idNumber.includes('*') ? 'masked' : 'full';
    },
  },
  'natural person screened by ID number': {
    query: contractOperation('ScreenSubjects'),
    variables: () => ({ identifiers: [xiamenDefaulter.idNumber] }),
    owner: { subject: xiamenDefaulter.id },
    observe: (data) => ((data.screenSubjects as { subject: unknown }[])[0]?.subject ? 'yes' : 'no'),
  },
  PersonCheck: {
    query: contractOperation('PersonCheck'),
    variables: () => ({ name: xiamenDefaulter.name, idNumber: xiamenDefaulter.idNumber }),
  },
  'NON_PUBLIC entries (in notice)': {
    query: `query($id: ID!) { listing(id: $id) { id } }`,
    variables: () => ({ id: noticeListing.id }),
    owner: { dept: noticeListing.departmentCode, subject: noticeListing.subjectId },
    observe: (data) => (data.listing ? 'yes' : 'no'),
  },
};

function callerFor(role: Role, scenario: Scenario, own: boolean): Caller {
  if (role === 'SUBJECT') {
    const owner = scenario.owner?.subject ?? jinanFoodCompany.id;
    return {
      role,
      subject: own ? owner : owner === hiddenBlackCompany.id ? jinanFoodCompany.id : hiddenBlackCompany.id,
    };
  }
  const purpose = scenario.statesPurpose === false ? {} : { purpose: PURPOSE };
  if (role === 'DEPARTMENT') {
    const owner = scenario.owner?.dept ?? JINAN_SAMR;
    return { role, dept: own ? owner : owner === JINAN_SAMR ? KUNMING_TAX : JINAN_SAMR, ...purpose };
  }
  // The credit office of the record's jurisdiction (谁认定谁负责); Jinan's by default.
  if (role === 'CREDIT_OFFICE')
    return { role, dept: `${jurisdictionOf(scenario.owner?.dept ?? creditOffice.dept)}-CREDIT`, ...purpose };
  return { role };
}

let stack: TestStack;
/** A webhook of Jinan's market regulator, for the rows that pause and delete one. */
let jinanWebhookId = '';
beforeAll(async () => {
  stack = await startTestStack();
  const { data } = await stack.request(
    contractOperation('SubscribeWebhook'),
    {
      input: {
        url: 'https://samr.example.gov.cn/hooks',
        kinds: ['DISPATCH_CREATED'],
        secret: 'a-secret-of-16-chars',
      },
    },
    { role: 'DEPARTMENT', dept: JINAN_SAMR },
  );
  jinanWebhookId = data.subscribeWebhook.webhook.id;
});
afterAll(() => stack?.stop());

/** What one caller met: FORBIDDEN is `no`; otherwise the row's own observation, or `yes`. */
async function observe(scenario: Scenario, caller: Caller): Promise<Cell> {
  const { data, errors } = await stack.request(scenario.query, scenario.variables?.(), caller);
  const codes = (errors ?? []).map((e) => e.extensions?.code);
  expect(codes, `${caller.role}: ${JSON.stringify(errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
  if (codes.includes('FORBIDDEN')) return 'no';
  return scenario.observe && data ? scenario.observe(data) : 'yes';
}

const POSITIVE: Cell[] = ['yes', 'full'];
const NEGATIVE: Cell[] = ['no', 'masked'];
/** Least privileged first, so a refusal is checked before a permitted call changes the record. */
const ORDER: Role[] = ['PUBLIC', 'SUBJECT', 'ANALYST', 'DEPARTMENT', 'CREDIT_OFFICE'];

describe('the access table (schema/access.md)', () => {
  it('has a row for every contract operation and every root field of the public schema', () => {
    const rootFields = new Set(
      Object.values(scenarios).flatMap((scenario) =>
        parse(scenario.query).definitions.flatMap((d) =>
          d.kind === Kind.OPERATION_DEFINITION
            ? d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
            : [],
        ),
      ),
    );
    const schema = buildSchema(readFileSync(new URL('../schema/public.graphql', import.meta.url), 'utf8'));
    const declared = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const unguarded = declared.filter((field) => !rootFields.has(field));
    expect(unguarded).toEqual([]);
    const operations = contractDocument.definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name && !(d.name.value in PENDING) ? [d.name.value] : [],
    );
    expect(operations.filter((name) => !table.has(name) || !scenarios[name])).toEqual([]);
    expect([...table.keys()].filter((row) => !scenarios[row])).toEqual([]);
    expect(Object.keys(scenarios).filter((row) => !table.has(row))).toEqual([]);
  });

  for (const [row, scenario] of Object.entries(scenarios)) {
    it(`holds for ${row}`, async () => {
      const expected = table.get(row);
      if (!expected) throw new Error(`schema/access.md has no row for ${row}`);
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const role of ORDER) {
        const cell = expected[role];
        if (!ROLES.includes(role) || !cell) throw new Error(`row ${row} has no cell for ${role}`);
        if (cell === 'own') {
          const other = await observe(scenario, callerFor(role, scenario, false));
          const own = await observe(scenario, callerFor(role, scenario, true));
          seen.push(`${role}: own ${own}, other ${other}`);
          wanted.push(
            `${role}: own ${POSITIVE.includes(own) ? own : 'yes|full'}, other ${NEGATIVE.includes(other) ? other : 'no|masked'}`,
          );
        } else {
          const got = await observe(scenario, callerFor(role, scenario, true));
          seen.push(`${role}: ${got}`);
          wanted.push(`${role}: ${cell}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }
});
