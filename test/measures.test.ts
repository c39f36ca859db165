import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina, workingDaysAfter } from '#common/calendar.ts';
import { residentId, uscc } from '#demo/dataset.ts';
import { jinanFoodCompany, jinanFoodListing, jinanLegalRepresentative } from './demo.ts';
import { creditOffice, effectiveEntry, jinanSamr, registerCompany, SIGNED_ON } from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const jinanFinance = { role: 'DEPARTMENT' as const, dept: '370100-FIN' };
const PerformCreditCheck = contractOperation('PerformCreditCheck');
const DepartmentInbox = contractOperation('DepartmentInbox');
const RecordExecution = contractOperation('RecordExecution');

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

interface InboxItem {
  id: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  measure: { code: string; name: string; enforcement: string };
  department: { code: string };
}

/** The dispatches of an entry as the credit office sees them, once the entry's event has arrived. */
async function dispatchesOf(listingId: string, filter: Record<string, unknown> = {}): Promise<InboxItem[]> {
  return eventually(async () => {
    const { data, errors } = await stack.request(
      DepartmentInbox,
      { filter: { listingId, ...filter }, first: 100 },
      creditOffice,
    );
    expect(errors).toBeUndefined();
    expect(data.dispatches.totalCount).toBeGreaterThan(0);
    return data.dispatches.edges.map((e: { node: InboxItem }) => e.node);
  });
}

async function blacklistedCompany(name: string) {
  const company = await registerCompany(stack, name);
  const listingId = await effectiveEntry(stack, company.id);
  return { company, listingId, dispatches: await dispatchesOf(listingId) };
}

/** The day the test's dispatches reach their departments: the day the entry's event arrives. */
const TODAY = todayInChina();

const execution = (dispatchId: string, over: Record<string, unknown> = {}) => ({
  input: {
    dispatchId,
    outcome: 'APPLIED',
    executedOn: TODAY,
    scenario: 'GOVERNMENT_PROCUREMENT',
    decisionRef: '济财采〔2026〕12号',
    ...over,
  },
});

/** The finance bureau's dispatch of 370100-P06, the mandatory exclusion from government procurement. */
const procurementExclusion = (dispatches: InboxItem[]) => {
  const found = dispatches.find((d) => d.measure.code === '370100-P06');
  if (!found) throw new Error('no dispatch of 370100-P06');
  return found;
};

describe('the catalogue', () => {
  const measure = {
    code: '370100-T01',
    jurisdictionCode: '370100',
    name: '限制参与政府投资项目代建',
    kind: 'PUNISHMENT',
    enforcement: 'MANDATORY',
    channel: 'ADMINISTRATIVE',
    listTypes: ['BLACK'],
    domains: ['ALL'],
    scenarios: ['ADMINISTRATIVE_LICENSING'],
    matter: '政府投资项目代建单位选择',
    means: '限制其作为代建单位',
    targetKinds: ['LEGAL_PERSON'],
    reachesResponsiblePersons: false,
    implementingDepartmentCode: '370100-SAMR',
    basis: '《政府投资条例》',
    memorandum: '测试备忘录',
    validFrom: '2026-01-01',
  };
  const AddMeasure = `mutation($input: AddMeasureInput!) { addMeasure(input: $input) { measure { code version } } }`;
  const ReviseMeasure = `mutation($input: ReviseMeasureInput!) { reviseMeasure(input: $input) { measure { code version name validFrom } } }`;
  const RetireMeasure = `mutation($input: RetireMeasureInput!) { retireMeasure(input: $input) { measure { code retired supersededOn } } }`;
  const MeasureVersions = `query($code: String!) { measure(code: $code) { version name retired versions { version name validFrom supersededOn changeReason } } }`;
  let firstExecutionId: string;

  it('keeps the version a measure was executed under when the credit office revises it', async () => {
    expect((await stack.request(AddMeasure, { input: measure }, creditOffice)).errors).toBeUndefined();
    const before = await blacklistedCompany('版本测试企业甲');
    const dispatch = before.dispatches.find((d) => d.measure.code === measure.code);
    expect(dispatch?.measure.name).toBe(measure.name);
    const recorded = await stack.request(
      RecordExecution,
      execution(dispatch?.id ?? '', { scenario: 'ADMINISTRATIVE_LICENSING' }),
      jinanSamr,
    );
    expect(recorded.errors).toBeUndefined();
    firstExecutionId = recorded.data.recordExecution.execution.id;

    const revised = await stack.request(
      ReviseMeasure,
      {
        input: {
          code: measure.code,
          validFrom: '2026-03-01',
          reason: '条例修订',
          name: '限制参与政府投资项目',
        },
      },
      creditOffice,
    );
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseMeasure.measure).toMatchObject({ version: 2, name: '限制参与政府投资项目' });

    const executions = await stack.request(
      `query($id: String!) { subject(identifier: $id) { executions { edges { node { id measure { code version name } measureVersion } } } } }`,
      { id: before.company.id },
      jinanSamr,
    );
    expect(executions.data.subject.executions.edges).toContainEqual({
      node: {
        id: firstExecutionId,
        measure: { code: measure.code, version: 1, name: measure.name },
        measureVersion: 1,
      },
    });

    const after = await blacklistedCompany('版本测试企业乙');
    expect(after.dispatches.find((d) => d.measure.code === measure.code)?.measure.name).toBe(
      '限制参与政府投资项目',
    );
    const versions = await stack.request(MeasureVersions, { code: measure.code }, creditOffice);
    expect(versions.data.measure).toMatchObject({
      version: 2,
      versions: [
        {
          version: 1,
          name: measure.name,
          validFrom: '2026-01-01',
          supersededOn: '2026-03-01',
          changeReason: null,
        },
        {
          version: 2,
          name: '限制参与政府投资项目',
          validFrom: '2026-03-01',
          supersededOn: null,
          changeReason: '条例修订',
        },
      ],
    });
  });

  it('retires a measure: it no longer applies, and what was done under it stays', async () => {
    const retired = await stack.request(
      RetireMeasure,
      { input: { code: measure.code, retiredOn: '2026-11-01', reason: '条例废止' } },
      creditOffice,
    );
    expect(retired.errors).toBeUndefined();
    expect(retired.data.retireMeasure.measure).toEqual({
      code: measure.code,
      retired: true,
      supersededOn: '2026-11-01',
    });
    const catalogue = await stack.request(contractOperation('MeasureCatalogue'), {
      filter: { listType: 'BLACK' },
    });
    expect(catalogue.data.measures.map((m: { code: string }) => m.code)).not.toContain(measure.code);
    const profile = await stack.request(
      `query($id: String!) { subject(identifier: $id) { applicableMeasures { measure { code } } executions { edges { node { id measure { code retired } } } } } }`,
      { id: jinanFoodCompany.id },
      jinanSamr,
    );
    expect(profile.errors).toBeUndefined();
    expect(
      profile.data.subject.applicableMeasures.map((a: { measure: { code: string } }) => a.measure.code),
    ).not.toContain(measure.code);
    const again = await stack.request(
      ReviseMeasure,
      { input: { code: measure.code, validFrom: '2026-11-10', reason: '恢复', name: '恢复' } },
      creditOffice,
    );
    expect(again.errors?.[0]).toMatchObject({
      message: expect.stringContaining('retired on 2026-11-01'),
      extensions: { code: 'CONFLICT' },
    });
  });

  it('lets only the credit office change it, and names the field at fault', async () => {
    const byDepartment = await stack.request(
      AddMeasure,
      { input: { ...measure, code: '370100-T02' } },
      jinanSamr,
    );
    expect(byDepartment.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const incentiveWithChannel = await stack.request(
      AddMeasure,
      { input: { ...measure, code: '370100-T03', kind: 'INCENTIVE', listTypes: ['RED'] } },
      creditOffice,
    );
    expect(incentiveWithChannel.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'channel',
    });
    const duplicate = await stack.request(AddMeasure, { input: measure }, creditOffice);
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const foreignDepartment = await stack.request(
      AddMeasure,
      { input: { ...measure, code: '370100-T04', implementingDepartmentCode: '530100-SAMR' } },
      creditOffice,
    );
    expect(foreignDepartment.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'implementingDepartmentCode',
    });
    const backdated = await stack.request(
      ReviseMeasure,
      { input: { code: '370100-P06', validFrom: '2017-06-01', reason: '测试', name: '新名称' } },
      creditOffice,
    );
    expect(backdated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validFrom' });
  });
});

describe('credit checks', () => {
  it('record who checked whom and answer the status and the scenario’s measures, mandatory first', async () => {
    const { company } = await blacklistedCompany('信用核查测试企业');
    const { data, errors } = await stack.request(
      PerformCreditCheck,
      {
        input: {
          identifier: company.uscc,
          scenario: 'GOVERNMENT_PROCUREMENT',
          checkedOn: '2026-11-20',
          purpose: '政府采购供应商资格审查',
          reference: '济财采〔2026〕88号',
        },
      },
      jinanFinance,
    );
    expect(errors).toBeUndefined();
    const check = data.performCreditCheck.check;
    expect(check).toMatchObject({
      scenario: 'GOVERNMENT_PROCUREMENT',
      checkedOn: '2026-11-20',
      department: { code: '370100-FIN' },
      subject: { id: company.id, creditStatus: 'BLACKLISTED' },
    });
    const rank: Record<string, number> = { MANDATORY: 0, RECOMMENDED: 1, PRUDENT_REFERENCE: 2 };
    const ranks = check.measures.map(
      (m: { measure: { enforcement: string } }) => rank[m.measure.enforcement],
    );
    expect(ranks[0]).toBe(0);
    expect(ranks).toEqual([...ranks].sort());

    const catalogue = await stack.request(contractOperation('MeasureCatalogue'), {
      filter: { listType: 'BLACK', scenario: 'GOVERNMENT_PROCUREMENT' },
    });
    const expected = catalogue.data.measures
      .filter((m: { code: string }) => m.code.startsWith('370100-'))
      .map((m: { code: string }) => m.code);
    expect(check.measures.map((m: { measure: { code: string } }) => m.measure.code).sort()).toEqual(
      expected.filter((code: string) => code !== '370100-T01').sort(),
    );

    const listed = await stack.request(
      `query($f: CreditCheckFilter) { creditChecks(filter: $f) { totalCount edges { node { id purpose reference subject { id } } } } }`,
      { f: { subjectId: company.id } },
      jinanFinance,
    );
    expect(listed.data.creditChecks).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: check.id, purpose: '政府采购供应商资格审查', reference: '济财采〔2026〕88号' } }],
    });
    const byAnother = await stack.request(
      `query($f: CreditCheckFilter) { creditChecks(filter: $f) { totalCount } }`,
      { f: { subjectId: company.id } },
      jinanSamr,
    );
    expect(byAnother.data.creditChecks.totalCount).toBe(0);
  });

  it('answer for the check’s date: before the entry took effect the subject was clear', async () => {
    const { company } = await blacklistedCompany('核查日期测试企业');
    const { data, errors } = await stack.request(
      `mutation($input: CreditCheckInput!) { performCreditCheck(input: $input) { check { creditStatus measures { measure { code } } } } }`,
      {
        input: {
          identifier: company.id,
          scenario: 'BIDDING',
          checkedOn: '2026-03-01',
          purpose: '招标投标资格审查',
        },
      },
      jinanFinance,
    );
    expect(errors).toBeUndefined();
    expect(data.performCreditCheck.check).toEqual({ creditStatus: 'CLEAR', measures: [] });
  });

  it('reach a legal representative through the measures that reach responsible persons', async () => {
    const { data, errors } = await stack.request(
      `mutation($input: CreditCheckInput!) { performCreditCheck(input: $input) { check { creditStatus measures { asResponsiblePerson listing { id } measure { reachesResponsiblePersons } } } } }`,
      {
        input: {
          identifier: jinanLegalRepresentative.idNumber,
          scenario: 'PUBLIC_EMPLOYMENT',
          checkedOn: '2026-11-20',
          purpose: '事业单位招聘资格审查',
        },
      },
      { role: 'DEPARTMENT', dept: '370100-HRSS' },
    );
    expect(errors).toBeUndefined();
    const { measures } = data.performCreditCheck.check;
    expect(measures.length).toBeGreaterThan(0);
    for (const m of measures)
      expect(m).toEqual({
        asResponsiblePerson: true,
        listing: { id: jinanFoodListing.id },
        measure: { reachesResponsiblePersons: true },
      });
  });

  it('apply measures made for the entry’s domain: a tax blacklisting draws no travel ban, a court’s does', async () => {
    const register = async (name: string, idNumber: string) => {
      const { data, errors } = await stack.request(
        contractOperation('RegisterSubject'),
        { input: { kind: 'NATURAL_PERSON', name, idType: 'RESIDENT_ID', idNumber } },
        jinanSamr,
      );
      expect(errors).toBeUndefined();
      return data.registerSubject.subject.id as string;
    };
    const taxDebtor = await register('税务失信测试人', residentId('370100', '1980-03-04', 711));
    const defaulter = await register('被执行测试人', residentId('370100', '1981-05-06', 712));
    await effectiveEntry(stack, taxDebtor, { domain: 'TAX', category: 2 });
    await effectiveEntry(stack, defaulter, { domain: 'JUDGMENT_DEFAULTER', category: 4 });
    const check = async (identifier: string) => {
      const { data, errors } = await stack.request(
        PerformCreditCheck,
        {
          input: { identifier, scenario: 'HIGH_CONSUMPTION', checkedOn: '2026-11-20', purpose: '高消费审查' },
        },
        jinanSamr,
      );
      expect(errors).toBeUndefined();
      return data.performCreditCheck.check.measures.map((m: { measure: { code: string } }) => m.measure.code);
    };
    expect(await check(taxDebtor)).not.toContain('370100-P15');
    expect(await check(defaulter)).toContain('370100-P15');
    const scopes = await stack.request(contractOperation('MeasureScopes'), {
      filter: { domain: 'TAX', kind: 'PUNISHMENT' },
    });
    const codes = scopes.data.measures.map((m: { code: string }) => m.code);
    expect(codes).toContain('370100-P19');
    expect(codes).not.toContain('370100-P15');
    const travelBan = await stack.request(contractOperation('MeasureScopes'), {
      filter: { domain: 'JUDGMENT_DEFAULTER' },
    });
    expect(travelBan.data.measures).toContainEqual({
      code: '370100-P15',
      name: '限制出境、购房、乘坐飞机高铁和高消费',
      kind: 'PUNISHMENT',
      domains: ['JUDGMENT_DEFAULTER'],
    });
  });

  it('refuse unknown subjects, future dates and callers who are not departments', async () => {
    const input = {
      identifier: jinanFoodCompany.uscc,
      scenario: 'BIDDING',
      checkedOn: '2026-11-20',
      purpose: '资格审查',
    };
    const unknown = await stack.request(
      PerformCreditCheck,
      { input: { ...input, identifier: uscc('370100', 999_999) } },
      jinanFinance,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const registered = String(jinanFoodCompany.uscc);
    const mistypedUscc = registered.slice(0, 17) + (registered.endsWith('0') ? '1' : '0');
    const mistyped = await stack.request(
      PerformCreditCheck,
      {
        input: {
          ...input,
          identifier: mistypedUscc,
        },
      },
      jinanFinance,
    );
    expect(mistyped.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
    const future = await stack.request(
      PerformCreditCheck,
      { input: { ...input, checkedOn: '2099-01-01' } },
      jinanFinance,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'checkedOn' });
    const blank = await stack.request(
      PerformCreditCheck,
      { input: { ...input, purpose: '  ' } },
      jinanFinance,
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    const publicCaller = await stack.request(PerformCreditCheck, { input });
    expect(publicCaller.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('dispatch and execution feedback', () => {
  it('gives each department an inbox of its own dispatches, due 2 working days after they arrive, overdue after', async () => {
    // Signed on 2026-03-13 but entered later: the feedback period runs from the dispatch's arrival.
    const { listingId, dispatches } = await blacklistedCompany('收件箱测试企业');
    const dueOn = workingDaysAfter(TODAY, 2);
    expect(new Set(dispatches.map((d) => d.dueOn))).toEqual(new Set([dueOn]));
    expect(dispatches.some((d) => d.overdue)).toBe(false);
    const { data, errors } = await stack.request(
      DepartmentInbox,
      { filter: { listingId, statuses: ['PENDING'] } },
      jinanFinance,
    );
    expect(errors).toBeUndefined();
    const own = dispatches.filter((d) => d.department.code === '370100-FIN');
    expect(data.dispatches.totalCount).toBe(own.length);
    expect(
      data.dispatches.edges.every((e: { node: InboxItem }) => e.node.department.code === '370100-FIN'),
    ).toBe(true);
    expect(data.dispatches.edges[0].node.listing).toMatchObject({ id: listingId, listType: 'BLACK' });

    const onDueDay = await stack.request(
      DepartmentInbox,
      { filter: { listingId, overdueOn: dueOn } },
      jinanFinance,
    );
    expect(onDueDay.data.dispatches.totalCount).toBe(0);
    const dayAfter = await stack.request(
      DepartmentInbox,
      { filter: { listingId, overdueOn: workingDaysAfter(dueOn, 1) } },
      jinanFinance,
    );
    expect(dayAfter.data.dispatches.totalCount).toBe(own.length);
    expect(dayAfter.data.dispatches.edges.every((e: { node: InboxItem }) => e.node.overdue)).toBe(true);

    const foreign = await stack.request(
      DepartmentInbox,
      { filter: { departmentCode: '370100-SAMR' } },
      jinanFinance,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const publicCaller = await stack.request(DepartmentInbox, { filter: { listingId } });
    expect(publicCaller.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const paged = await stack.request(DepartmentInbox, { filter: { listingId }, first: 1 }, creditOffice);
    expect(paged.data.dispatches).toMatchObject({
      totalCount: dispatches.length,
      pageInfo: { hasNextPage: true },
    });
  });

  it('records an execution once per idempotency key, by the dispatch’s department only', async () => {
    const { company, dispatches } = await blacklistedCompany('执行反馈测试企业');
    const dispatch = procurementExclusion(dispatches);
    const input = execution(dispatch.id, { idempotencyKey: 'fin-2026-0001' });
    const byOther = await stack.request(RecordExecution, input, jinanSamr);
    expect(byOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const first = await stack.request(RecordExecution, input, jinanFinance);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordExecution.execution).toMatchObject({
      outcome: 'APPLIED',
      executedOn: TODAY,
      dispatch: { id: dispatch.id, status: 'EXECUTED' },
    });
    const retry = await stack.request(RecordExecution, input, jinanFinance);
    expect(retry.data.recordExecution.execution.id).toBe(first.data.recordExecution.execution.id);

    const history = await stack.request(
      `query($id: String!) { subject(identifier: $id) { executions(first: 10) { totalCount edges { node { id department { code } measure { code version } scenario outcome executedOn decisionRef } } } } }`,
      { id: company.id },
      jinanFinance,
    );
    expect(history.data.subject.executions).toMatchObject({
      totalCount: 1,
      edges: [
        {
          node: {
            id: first.data.recordExecution.execution.id,
            department: { code: '370100-FIN' },
            measure: { code: dispatch.measure.code, version: 1 },
            scenario: 'GOVERNMENT_PROCUREMENT',
            decisionRef: '济财采〔2026〕12号',
          },
        },
      ],
    });
    const asPublic = await stack.request(
      `query($id: String!) { subject(identifier: $id) { executions { totalCount } } }`,
      { id: company.id },
    );
    expect(asPublic.data.subject.executions.totalCount).toBe(0);
  });

  it('asks a reason for recommended measures and for measures found not applicable', async () => {
    const { dispatches } = await blacklistedCompany('理由测试企业');
    const mandatory = procurementExclusion(dispatches);
    const notApplicable = await stack.request(
      RecordExecution,
      execution(mandatory.id, { outcome: 'NOT_APPLICABLE' }),
      jinanFinance,
    );
    expect(notApplicable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const recommended = dispatches.find((d) => d.measure.enforcement !== 'MANDATORY');
    if (!recommended) throw new Error('no recommended dispatch');
    const department = { role: 'DEPARTMENT' as const, dept: recommended.department.code };
    const catalogue = await stack.request(`query($c: String!) { measure(code: $c) { scenarios } }`, {
      c: recommended.measure.code,
    });
    const scenario = catalogue.data.measure.scenarios[0];
    const withoutReason = await stack.request(
      RecordExecution,
      execution(recommended.id, { scenario }),
      department,
    );
    expect(withoutReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const withReason = await stack.request(
      RecordExecution,
      execution(recommended.id, { scenario, reason: '结合失信情节，依据备忘录适用。' }),
      department,
    );
    expect(withReason.errors).toBeUndefined();
    const wrongScenario = await stack.request(
      RecordExecution,
      execution(mandatory.id, { scenario: 'HIGH_CONSUMPTION' }),
      jinanFinance,
    );
    expect(wrongScenario.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scenario',
    });
    const beforeDispatch = await stack.request(
      RecordExecution,
      execution(mandatory.id, { executedOn: '2026-03-01' }),
      jinanFinance,
    );
    expect(beforeDispatch.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'executedOn',
    });
  });

  it('lifts pending dispatches when the entry exits, and refuses executions on them', async () => {
    const { listingId, dispatches } = await blacklistedCompany('解除测试企业');
    const dispatch = procurementExclusion(dispatches);
    const exited = await stack.request(
      contractOperation('ExitListing'),
      { input: { listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' } },
      jinanSamr,
    );
    expect(exited.errors).toBeUndefined();
    await eventually(async () => {
      const rows = await dispatchesOf(listingId, { statuses: ['LIFTED'] });
      expect(rows).toHaveLength(dispatches.length);
    });
    const refused = await stack.request(RecordExecution, execution(dispatch.id), jinanFinance);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Entry exited on 2026-11-02'),
      extensions: { code: 'CONFLICT' },
    });
  });
});

describe('statistics for dashboards', () => {
  it('count per department and month: dispatched, on time, late, overdue, checks and checked decisions', async () => {
    const statistics = async () => {
      const { data, errors } = await stack.request(
        `query($f: StatisticsFilter!) { departmentStatistics(filter: $f) { department { code } month dispatched executedOnTime executedLate overdue checks decisions checkedDecisions } }`,
        { f: { from: '2026-03-01', to: '2026-03-31', asOf: '2026-11-20' } },
        jinanFinance,
      );
      expect(errors).toBeUndefined();
      return data.departmentStatistics[0];
    };
    const before = await statistics();
    expect(before).toMatchObject({ department: { code: '370100-FIN' }, month: '2026-03' });

    const { company, listingId, dispatches } = await blacklistedCompany('统计测试企业');
    // Dispatches that reached the departments the day the entry was signed, as when entered in time.
    await stack.rows(
      'measures',
      sql`update measures.dispatches set dispatched_on = ${SIGNED_ON}, due_on = ${workingDaysAfter(SIGNED_ON, 2)} where listing_id = ${listingId}`,
    );
    const finance = dispatches.filter(
      (d) => d.department.code === '370100-FIN' && d.measure.enforcement === 'MANDATORY',
    );
    expect(finance.length).toBeGreaterThanOrEqual(2);

    await stack.request(
      PerformCreditCheck,
      {
        input: {
          identifier: company.id,
          scenario: 'GOVERNMENT_PROCUREMENT',
          checkedOn: '2026-03-16',
          purpose: '采购资格审查',
        },
      },
      jinanFinance,
    );
    const onTime = procurementExclusion(dispatches);
    const late = finance.find((d) => d.measure.code === '370100-P05');
    const recorded = [
      await stack.request(RecordExecution, execution(onTime.id, { executedOn: '2026-03-16' }), jinanFinance),
      await stack.request(
        RecordExecution,
        execution(late?.id ?? '', { scenario: 'FISCAL_SUPPORT', executedOn: workingDaysAfter(SIGNED_ON, 5) }),
        jinanFinance,
      ),
    ];
    expect(recorded.map((r) => r.errors)).toEqual([undefined, undefined]);

    const after = await statistics();
    expect(after.dispatched - before.dispatched).toBe(
      dispatches.filter((d) => d.department.code === '370100-FIN').length,
    );
    expect(after.executedOnTime - before.executedOnTime).toBe(1);
    expect(after.executedLate - before.executedLate).toBe(1);
    expect(after.overdue - before.overdue).toBe(
      dispatches.filter((d) => d.department.code === '370100-FIN').length - 2,
    );
    expect(after.checks - before.checks).toBe(1);
    expect(after.decisions - before.decisions).toBe(2);
    // Only the procurement decision was preceded by a check in its scenario.
    expect(after.checkedDecisions - before.checkedDecisions).toBe(1);
  });

  it('count how often each measure was applied per list type, and keep departments to their own', async () => {
    const { data, errors } = await stack.request(
      `query($f: StatisticsFilter!) { measureStatistics(filter: $f) { measure { code } listType applied notApplicable } }`,
      { f: { from: '2026-01-01', to: '2026-12-31', jurisdictionCode: '370100' } },
      creditOffice,
    );
    expect(errors).toBeUndefined();
    expect(data.measureStatistics.length).toBeGreaterThan(0);
    expect(
      data.measureStatistics.every((row: { measure: { code: string } }) =>
        row.measure.code.startsWith('370100-'),
      ),
    ).toBe(true);
    expect(
      data.measureStatistics.some(
        (row: { listType: string; applied: number }) => row.listType === 'BLACK' && row.applied > 0,
      ),
    ).toBe(true);
    const foreign = await stack.request(
      `query($f: StatisticsFilter!) { departmentStatistics(filter: $f) { month } }`,
      { f: { from: '2026-01-01', to: '2026-12-31', departmentCode: '370100-SAMR' } },
      jinanFinance,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooLong = await stack.request(
      `query($f: StatisticsFilter!) { departmentStatistics(filter: $f) { month } }`,
      { f: { from: '2020-01-01', to: '2026-12-31' } },
      creditOffice,
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
