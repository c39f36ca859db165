import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '#common/calendar.ts';
import { residentId } from '#demo/dataset.ts';
import { jinanFoodCompany, jinanFoodListing, xiamenDefaulter } from './demo.ts';
import { creditOffice, jinanSamr, kunmingSamr, op, registerCompany } from './flows.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

const ReportCase = contractOperation('ReportCase');
const PublishCase = contractOperation('PublishCase');
const CasesPage = contractOperation('CasesPage');
const today = todayInChina();

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const report = (over: Record<string, unknown>) => ({
  title: '某食品企业违法生产被联合惩戒',
  kind: 'PUNISHMENT',
  domain: 'FOOD_DRUG',
  summary: '企业生产销售不符合食品安全标准的食品，被列入严重失信名单并实施联合惩戒。',
  subjectIds: [jinanFoodCompany.id],
  listingIds: [jinanFoodListing.id],
  measureCodes: ['370100-P06'],
  ...over,
});

async function reportCase(input: Record<string, unknown>, by = jinanSamr): Promise<string> {
  const { data, errors } = await stack.request(ReportCase, { input: report(input) }, by);
  expect(errors).toBeUndefined();
  expect(data.reportCase.case.status).toBe('SUBMITTED');
  return data.reportCase.case.id;
}

async function publish(caseId: string) {
  const { data, errors } = await stack.request(
    PublishCase,
    { input: { caseId, publishedOn: today } },
    creditOffice,
  );
  expect(errors).toBeUndefined();
  return data.publishCase.case;
}

const search = async (filter: Record<string, unknown>, caller?: typeof jinanSamr, first = 20) => {
  const { data, errors } = await stack.request(CasesPage, { filter, first }, caller);
  expect(errors).toBeUndefined();
  return data.cases as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; title: string; summary: string; subjects: { id: string }[] } }[];
  };
};

const ids = (page: Awaited<ReturnType<typeof search>>) => page.edges.map((e) => e.node.id);
const caseCount = async () =>
  Number((await stack.rows('cases', sql`select count(*) as n from cases.cases`))[0]?.n);

describe('reporting and publishing a typical case', () => {
  it('keeps a reported case from the public until the credit office publishes it', async () => {
    const caseId = await reportCase({ title: '审核发布流程测试案例' });
    const readBy = async (caller?: typeof jinanSamr) =>
      (await stack.request(`query($id: ID!) { case(id: $id) { id status } }`, { id: caseId }, caller)).data
        .case;
    expect(await readBy()).toBeNull();
    expect(await readBy(kunmingSamr)).toBeNull();
    expect(await readBy(jinanSamr)).toEqual({ id: caseId, status: 'SUBMITTED' });
    expect(ids(await search({ text: '审核发布流程测试' }))).toEqual([]);

    expect(await publish(caseId)).toEqual({ id: caseId, status: 'PUBLISHED', publishedOn: today });
    const page = await search({ text: '审核发布流程测试' });
    expect(page.totalCount).toBe(1);
    expect(page.edges[0]?.node).toMatchObject({ id: caseId, subjects: [{ id: jinanFoodCompany.id }] });
  });

  it('refuses a case naming a subject, entry or measure that does not exist, and writes nothing', async () => {
    const before = await caseCount();
    const unknownId = '00000000-0000-4000-8000-000000000000';
    for (const [field, input] of [
      ['subjectIds', { subjectIds: [jinanFoodCompany.id, unknownId] }],
      ['listingIds', { listingIds: [unknownId] }],
      ['measureCodes', { measureCodes: ['370100-P99'] }],
      ['subjectIds', { subjectIds: ['not-an-id'] }],
      ['subjectIds', { subjectIds: [] }],
      ['domain', { domain: '食品' }],
      ['title', { title: '   ' }],
    ] as const) {
      const { errors } = await stack.request(ReportCase, { input: report(input) }, jinanSamr);
      expect(errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await caseCount()).toBe(before);
  });

  it('lets departments report and only the credit office publish, withdraw and correct', async () => {
    const asPublic = await stack.request(ReportCase, { input: report({}) });
    expect(asPublic.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asSubject = await stack.request(
      ReportCase,
      { input: report({}) },
      { role: 'SUBJECT', subject: jinanFoodCompany.id },
    );
    expect(asSubject.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const caseId = await reportCase({});
    const byDepartment = await stack.request(
      PublishCase,
      { input: { caseId, publishedOn: today } },
      jinanSamr,
    );
    expect(byDepartment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const early = await stack.request(
      PublishCase,
      { input: { caseId, publishedOn: '2026-01-01' } },
      creditOffice,
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishedOn' });
  });

  it('withdraws a published case from public view with a reason, once', async () => {
    const caseId = await reportCase({ title: '撤回流程测试案例' });
    await publish(caseId);
    const withdraw = () =>
      stack.request(
        `mutation($input: WithdrawCaseInput!) { withdrawCase(input: $input) { case { status withdrawnOn withdrawnReason } } }`,
        { input: { caseId, reason: '涉案企业已完成信用修复', withdrawnOn: today } },
        creditOffice,
      );
    const first = await withdraw();
    expect(first.data.withdrawCase.case).toEqual({
      status: 'WITHDRAWN',
      withdrawnOn: today,
      withdrawnReason: '涉案企业已完成信用修复',
    });
    expect((await withdraw()).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const republish = await stack.request(
      PublishCase,
      { input: { caseId, publishedOn: today } },
      creditOffice,
    );
    expect(republish.errors?.[0]).toMatchObject({
      message: expect.stringContaining('WITHDRAWN'),
      extensions: { code: 'CONFLICT' },
    });
    expect(ids(await search({ text: '撤回流程测试' }))).toEqual([]);
  });

  it('corrects a published case and keeps the earlier text in its history', async () => {
    const caseId = await reportCase({ title: '更正流程测试案例', summary: '罚款金额为二十万元。' });
    const correct = (input: Record<string, unknown>) =>
      stack.request(
        `mutation($input: CorrectCaseInput!) { correctCase(input: $input) {
           case { title summary revision history { revision summary reason correctedOn } } } }`,
        { input: { caseId, reason: '罚款金额笔误', correctedOn: today, ...input } },
        creditOffice,
      );
    expect((await correct({ summary: '罚款金额为十二万元。' })).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    await publish(caseId);
    const corrected = await correct({ summary: '罚款金额为十二万元。' });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.correctCase.case).toEqual({
      title: '更正流程测试案例',
      summary: '罚款金额为十二万元。',
      revision: 2,
      history: [{ revision: 1, summary: '罚款金额为二十万元。', reason: '罚款金额笔误', correctedOn: today }],
    });
    const unchanged = await correct({ summary: '罚款金额为十二万元。' });
    expect(unchanged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await search({ text: '二十万元' })).totalCount).toBe(0);
    expect(ids(await search({ text: '十二万元' }))).toEqual([caseId]);
  });
});

describe('personal data in cases', () => {
  it('masks the person and any ID number in the text for the public, whatever the summary says', async () => {
    const idNumber = residentId('370100', '1979-05-06', 377);
    const registered = await stack.request(
      op.register,
      { input: { kind: 'NATURAL_PERSON', name: '孙立新', idType: 'RESIDENT_ID', idNumber } },
      jinanSamr,
    );
    expect(registered.errors).toBeUndefined();
    const personId = registered.data.registerSubject.subject.id;
    const caseId = await reportCase({
      title: '孙立新拒不履行判决被联合惩戒',
      summary: `被执行人孙立新（身份证号${idNumber}）拒不履行生效判决，经联合惩戒后履行完毕。`,
      subjectIds: [personId],
      listingIds: [],
      measureCodes: [],
    });
    await publish(caseId);
    const [masked] = (await search({ text: '拒不履行判决被联合惩戒' })).edges;
    expect(masked?.node.title).toBe('孙**拒不履行判决被联合惩戒');
    expect(masked?.node.summary).toBe(
      `被执行人孙**（身份证号${idNumber.slice(0, 6)}********${idNumber.slice(-4)}）拒不履行生效判决，经联合惩戒后履行完毕。`,
    );
    const [full] = (await search({ text: '拒不履行判决被联合惩戒' }, jinanSamr)).edges;
    expect(full?.node.summary).toContain(idNumber);
  });

  it('masks the demo case of the Xiamen defaulter on the portal', async () => {
    const page = await search({ text: '限制高消费' });
    const summary = page.edges[0]?.node.summary ?? '';
    expect(summary).not.toContain(xiamenDefaulter.idNumber as string);
    expect(summary).not.toContain(xiamenDefaulter.name);
    expect(summary).toContain(`${[...xiamenDefaulter.name][0]}*`);
  });
});

describe('finding cases', () => {
  it('finds Chinese text without word spacing, every term required, title matches first', async () => {
    const inSummary = await reportCase({
      title: '某企业违规排污案',
      domain: 'ENVIRONMENT',
      summary: '企业偷排含镉废水，生态环境部门依法处罚并实施联合惩戒。',
    });
    const inTitle = await reportCase({
      title: '含镉废水偷排典型案例',
      domain: 'ENVIRONMENT',
      summary: '企业偷排含镉废水，被列入失信名单。',
    });
    const other = await reportCase({ title: '企业偷排废油案', domain: 'ENVIRONMENT', summary: '偷排废油。' });
    for (const id of [inSummary, inTitle, other]) await publish(id);
    const page = await search({ text: '含镉 偷排' });
    expect(ids(page)).toEqual([inTitle, inSummary]);
    expect(page.totalCount).toBe(2);
    expect(ids(await search({ text: '偷排', domain: 'environment' }))).toEqual(
      expect.arrayContaining([inSummary, inTitle, other]),
    );
    expect((await search({ text: '%' })).totalCount).toBe(0);
  });

  it('filters by kind, department, subject and period, and pages with a total', async () => {
    const company = await registerCompany(stack, '案例筛选测试企业');
    const reported = [];
    for (const n of [1, 2, 3])
      reported.push(await reportCase({ title: `筛选测试案例${n}`, subjectIds: [company.id] }));
    for (const id of reported) await publish(id);
    const first = await search({ subjectId: company.id }, undefined, 2);
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await stack.request(CasesPage, {
      filter: { subjectId: company.id },
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect(
      [...ids(first), ...rest.data.cases.edges.map((e: { node: { id: string } }) => e.node.id)].sort(),
    ).toEqual([...reported].sort());
    expect((await search({ subjectId: company.id, kind: 'INCENTIVE' })).totalCount).toBe(0);
    expect((await search({ subjectId: company.id, departmentCode: '530100-SAMR' })).totalCount).toBe(0);
    expect((await search({ subjectId: company.id, from: today, to: today })).totalCount).toBe(3);
    expect((await search({ subjectId: company.id, to: '2026-01-31' })).totalCount).toBe(0);
    const badPeriod = await stack.request(CasesPage, { filter: { from: '2026-05-01', to: '2026-04-01' } });
    expect(badPeriod.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('links back from subjects, entries and measures through the gateway', async () => {
    const caseId = await reportCase({ title: '反向关联测试案例', measureCodes: ['370100-P01'] });
    await publish(caseId);
    const { data, errors } = await stack.request(
      `query($subject: String!, $listing: ID!) {
         subject(identifier: $subject) { cases { id } }
         listing(id: $listing) { cases { id } }
         measure(code: "370100-P01") { cases { id } }
       }`,
      { subject: jinanFoodCompany.id, listing: jinanFoodListing.id },
    );
    expect(errors).toBeUndefined();
    expect(data.subject.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(data.listing.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(data.measure.cases.map((c: { id: string }) => c.id)).toContain(caseId);
  });
});

describe('the circulation digest', () => {
  it('counts cases per month by kind, domain and department for the credit office only', async () => {
    const asDepartment = await stack.request(
      `query { caseDigest(from: "2026-01-01", to: "2026-12-31") { month } }`,
      {},
      jinanSamr,
    );
    expect(asDepartment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { data, errors } = await stack.request(
      `query { caseDigest(from: "2026-06-01", to: "2026-06-30") {
         month kind domain department { code name } reported published } }`,
      {},
      creditOffice,
    );
    expect(errors).toBeUndefined();
    expect(data.caseDigest).toEqual([
      {
        month: '2026-06',
        kind: 'PUNISHMENT',
        domain: 'JUDGMENT_DEFAULTER',
        department: { code: '350200-COURT', name: expect.any(String) },
        reported: 1,
        published: 1,
      },
    ]);
  });
});
