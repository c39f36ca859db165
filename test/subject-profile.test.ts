import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uscc } from '#demo/dataset.ts';
import {
  expiredRedCompany,
  hiddenBlackCompany,
  jinanFoodCompany,
  jinanFoodListing,
  jinanLegalRepresentative,
  kunmingTaxEvader,
  xiamenDefaulter,
} from './demo.ts';
import { jinanSamr } from './flows.ts';
import { contractOperation, startTestStack, type TestStack } from './kit.ts';

const SubjectProfile = contractOperation('SubjectProfile');

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('SubjectProfile through the gateway', () => {
  it('gives a department a blacklisted company’s status, measures and execution history in one request', async () => {
    const { data, errors } = await stack.request(
      SubjectProfile,
      { identifier: jinanFoodCompany.uscc },
      jinanSamr,
    );
    expect(errors).toBeUndefined();
    const subject = data.subject;
    expect(subject).toMatchObject({
      name: jinanFoodCompany.name,
      kind: 'LEGAL_PERSON',
      creditStatus: 'BLACKLISTED',
    });
    expect(subject.listings).toHaveLength(1);
    const [listing] = subject.listings;
    expect(listing).toMatchObject({
      id: jinanFoodListing.id,
      listType: 'BLACK',
      status: 'EFFECTIVE',
      initiatingDepartment: {
        code: '370100-SAMR',
        name: '济南市市场监督管理局',
        jurisdiction: { name: '济南市' },
      },
    });
    const enforcement = listing.applicableMeasures.map(
      (a: { measure: { enforcement: string } }) => a.measure.enforcement,
    );
    expect(enforcement[0]).toBe('MANDATORY');
    expect(enforcement.lastIndexOf('MANDATORY')).toBeLessThan(enforcement.indexOf('RECOMMENDED'));
    expect(listing.applicableMeasures).toContainEqual({
      measure: expect.objectContaining({ code: '370100-P06', kind: 'PUNISHMENT' }),
      implementingDepartment: { code: '370100-FIN', name: '济南市财政局' },
      suspended: false,
    });
    expect(listing.executions.length).toBeGreaterThan(0);
    for (const execution of listing.executions) {
      expect(execution.department.name).toMatch(/^济南市/);
      expect(execution.measure.name).not.toBe('');
    }
    expect(listing.repairs).toEqual([
      expect.objectContaining({ status: 'UNDER_REVIEW', appliedOn: '2026-10-12' }),
    ]);
    expect(subject.cases).toEqual([expect.objectContaining({ publishedOn: '2026-10-15' })]);
  });

  it('narrows the measures to a scenario, for a department about to choose a supplier', async () => {
    const { data } = await stack.request(
      SubjectProfile,
      { identifier: jinanFoodCompany.uscc, scenario: 'GOVERNMENT_PROCUREMENT' },
      jinanSamr,
    );
    const codes = data.subject.listings[0].applicableMeasures.map(
      (a: { measure: { code: string } }) => a.measure.code,
    );
    expect(codes).toEqual(['370100-P06']);
  });

  it('shows the public the entry but not the executions, objections and repairs shared with government', async () => {
    const { data, errors } = await stack.request(SubjectProfile, { identifier: jinanFoodCompany.uscc });
    expect(errors).toBeUndefined();
    const [listing] = data.subject.listings;
    expect(listing.applicableMeasures.length).toBeGreaterThan(0);
    expect(listing.executions).toEqual([]);
    expect(listing.repairs).toEqual([]);
  });

  it('hides a non-public blacklisting from the public and shows it to departments', async () => {
    const asPublic = await stack.request(SubjectProfile, { identifier: hiddenBlackCompany.uscc });
    expect(asPublic.data.subject).toMatchObject({ creditStatus: 'CLEAR', listings: [] });
    const asDepartment = await stack.request(
      SubjectProfile,
      { identifier: hiddenBlackCompany.uscc },
      jinanSamr,
    );
    expect(asDepartment.data.subject).toMatchObject({
      creditStatus: 'BLACKLISTED',
      listings: [expect.anything()],
    });
  });

  it('masks a natural person for the public and for a department that states no purpose, and registers each unmasked read with its purpose', async () => {
    const asPublic = await stack.request(SubjectProfile, { identifier: xiamenDefaulter.id });
    const masked = `${xiamenDefaulter.idNumber?.slice(0, 6)}********${xiamenDefaulter.idNumber?.slice(-4)}`;
    const maskedName = `${xiamenDefaulter.name[0]}${'*'.repeat(xiamenDefaulter.name.length - 1)}`;
    expect(asPublic.data.subject).toMatchObject({ idNumber: masked, name: maskedName });

    const register = () =>
      stack.rows(
        'lists',
        sql`select reader_role, reader_department, purpose, operation, document from lists.personal_data_reads where subject_id = ${xiamenDefaulter.id} and source = 'RECORD'`,
      );
    expect(await register()).toEqual([]);

    const court = { role: 'DEPARTMENT' as const, dept: '420105-COURT' };
    const withoutPurpose = await stack.request(
      SubjectProfile,
      { identifier: xiamenDefaulter.idNumber },
      court,
    );
    expect(withoutPurpose.data.subject).toMatchObject({ idNumber: masked, name: maskedName });
    expect(await register()).toEqual([]);

    const purpose = '执行案件财产调查';
    const asCourt = await stack.request(
      SubjectProfile,
      { identifier: xiamenDefaulter.idNumber },
      { ...court, purpose },
    );
    expect(asCourt.data.subject).toMatchObject({
      idNumber: xiamenDefaulter.idNumber,
      name: xiamenDefaulter.name,
      creditStatus: 'BLACKLISTED',
    });
    expect(await register()).toEqual([
      {
        reader_role: 'DEPARTMENT',
        reader_department: '420105-COURT',
        purpose,
        operation: 'SubjectProfile',
        // The contract's text is a trusted document, whether sent by id or in full.
        document: `trusted:${createHash('sha256').update(SubjectProfile).digest('hex')}`,
      },
    ]);
  });

  it('shows a legal representative the company entries he answers for', async () => {
    const { data } = await stack.request(
      SubjectProfile,
      { identifier: jinanLegalRepresentative.idNumber },
      jinanSamr,
    );
    expect(data.subject.answersFor).toEqual([
      {
        id: jinanFoodListing.id,
        listType: 'BLACK',
        status: 'EFFECTIVE',
        subject: { id: jinanFoodCompany.id, name: jinanFoodCompany.name },
      },
    ]);
  });

  it('suspends the measures of an entry under objection where the jurisdiction says so (Kunming)', async () => {
    const { data } = await stack.request(
      SubjectProfile,
      { identifier: kunmingTaxEvader.uscc },
      { role: 'CREDIT_OFFICE' },
    );
    const [listing] = data.subject.listings;
    expect(listing.applicableMeasures.length).toBeGreaterThan(0);
    expect(listing.applicableMeasures.every((a: { suspended: boolean }) => a.suspended)).toBe(true);
    expect(listing.objections).toEqual([
      expect.objectContaining({ status: 'UNDER_REVIEW', filedOn: '2026-11-02' }),
    ]);
  });

  it('treats an entry past its validity as expired, and answers for the past with asOf', async () => {
    const today = await stack.request(SubjectProfile, { identifier: expiredRedCompany.uscc });
    expect(today.data.subject).toMatchObject({ creditStatus: 'CLEAR', listings: [] });
    const past = await stack.request(SubjectProfile, {
      identifier: expiredRedCompany.uscc,
      asOf: '2026-01-01',
    });
    expect(past.data.subject.creditStatus).toBe('RED_LISTED');
  });

  it('answers null for an unknown subject and names the fault in a mistyped USCC', async () => {
    const withLetters = await stack.request(SubjectProfile, { identifier: '91370100MA3C4B5X2K' });
    expect(withLetters.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('not a valid USCC: check character is wrong'),
    });
    const typo = `${jinanFoodCompany.uscc?.slice(0, 17)}${jinanFoodCompany.uscc?.endsWith('1') ? '2' : '1'}`;
    const wrong = await stack.request(SubjectProfile, { identifier: typo });
    expect(wrong.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining(`expected ${jinanFoodCompany.uscc?.at(-1)}`),
    });
    const absent = await stack.request(SubjectProfile, { identifier: uscc('370100', 999_999) });
    expect(absent.errors).toBeUndefined();
    expect(absent.data.subject).toBeNull();
  });

  it('runs a bounded number of SQL statements, not one per listing or measure', async () => {
    const before = stack.statements();
    await stack.request(SubjectProfile, { identifier: jinanFoodCompany.uscc }, jinanSamr);
    const statements = stack.statements() - before;
    console.log(`SubjectProfile ran ${statements} SQL statements`);
    // 14 before free text was masked by name (issue 14); the names of the persons an entry's facts
    // and its execution notes concern cost one statement each, for all entries of the request.
    expect(statements).toBeLessThanOrEqual(16);
  });
});
