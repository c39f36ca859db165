import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '#common/caller.ts';
import { creditOffice, effectiveEntry, jinanSamr, kunmingSamr, PURPOSE, registerCompany } from './flows.ts';
import { contractOperation, eventually, startTestStack, type TestStack } from './kit.ts';

const ListingStatistics = contractOperation('ListingStatistics');
const WithReasons = `query($from: Date!, $to: Date!, $groupBy: [StatisticsDimension!]!) {
  listingStatistics(from: $from, to: $to, groupBy: $groupBy) {
    month listType departmentCode tookEffect exited objected upheld repaired exitsByReason { reason count }
  }
}`;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

interface Row {
  month: string | null;
  listType: string | null;
  domain: string | null;
  departmentCode: string | null;
  jurisdictionCode: string | null;
  tookEffect: number;
  exited: number;
  objected: number;
  upheld: number;
  repaired: number;
  exitsByReason?: { reason: string; count: number }[];
}

const statistics = async (caller: Caller, groupBy: string[], query = ListingStatistics) => {
  const { data, errors } = await stack.request(
    query,
    { from: '2026-03-01', to: '2026-11-30', groupBy },
    caller,
  );
  expect(errors).toBeUndefined();
  return data.listingStatistics as Row[];
};

const march = (rows: Row[], departmentCode = '370100-SAMR') =>
  rows.find((r) => r.month === '2026-03' && r.listType === 'BLACK' && r.departmentCode === departmentCode);
const november = (rows: Row[], departmentCode = '370100-SAMR') =>
  rows.find((r) => r.month === '2026-11' && r.listType === 'BLACK' && r.departmentCode === departmentCode);

describe('listing statistics for the city platform', () => {
  it('count entries taking effect, exits by reason, objections and upheld ones by month, list and department', async () => {
    const groupBy = ['MONTH', 'LIST_TYPE', 'DEPARTMENT'];
    const before = await statistics(jinanSamr, groupBy, WithReasons);
    const count = (rows: Row[], pick: (rows: Row[]) => Row | undefined, field: keyof Row) =>
      Number(pick(rows)?.[field] ?? 0);

    const entries = [];
    for (const name of ['统计一企业', '统计二企业', '统计三企业']) {
      const company = await registerCompany(stack, name);
      entries.push({ company, listingId: await effectiveEntry(stack, company.id) });
    }
    const [first, second] = entries as [(typeof entries)[number], (typeof entries)[number]];
    const exited = await stack.request(
      contractOperation('ExitListing'),
      { input: { listingId: first.listingId, reason: 'STANDARD_CHANGED', exitedOn: '2026-11-02' } },
      jinanSamr,
    );
    expect(exited.errors).toBeUndefined();
    const filed = await stack.request(
      contractOperation('FileObjection'),
      { input: { listingId: second.listingId, grounds: '认定有误。', filedOn: '2026-11-03' } },
      { role: 'SUBJECT', subject: second.company.id },
    );
    expect(filed.errors).toBeUndefined();
    const upheld = await stack.request(
      contractOperation('DecideObjection'),
      {
        input: {
          objectionId: filed.data.fileObjection.objection.id,
          decision: 'UPHELD',
          reason: '经核查',
          decidedOn: '2026-11-16',
        },
      },
      jinanSamr,
    );
    expect(upheld.errors).toBeUndefined();

    // The filing reaches the lists subgraph as an event.
    const after = await eventually(async () => {
      const rows = await statistics(jinanSamr, groupBy, WithReasons);
      expect(count(rows, november, 'objected') - count(before, november, 'objected')).toBe(1);
      return rows;
    });
    expect(count(after, march, 'tookEffect') - count(before, march, 'tookEffect')).toBe(3);
    expect(count(after, november, 'exited') - count(before, november, 'exited')).toBe(2);
    expect(count(after, november, 'upheld') - count(before, november, 'upheld')).toBe(1);
    const byReason = (rows: Row[], reason: string) =>
      november(rows)?.exitsByReason?.find((e) => e.reason === reason)?.count ?? 0;
    for (const reason of ['STANDARD_CHANGED', 'OBJECTION_UPHELD'])
      expect(byReason(after, reason) - byReason(before, reason), reason).toBe(1);
  });

  it('counts a department’s own entries, a credit office its jurisdiction’s, analysts every one', async () => {
    await effectiveEntry(stack, (await registerCompany(stack, '昆明统计企业')).id, {}, kunmingSamr);
    const departments = (rows: Row[]) => [...new Set(rows.map((r) => r.departmentCode))].sort();
    const jurisdictions = (rows: Row[]) => [...new Set(rows.map((r) => r.jurisdictionCode))].sort();

    expect(departments(await statistics(jinanSamr, ['DEPARTMENT']))).toEqual(['370100-SAMR']);
    expect(jurisdictions(await statistics(creditOffice, ['JURISDICTION']))).toEqual(['370100']);
    const analyst: Caller = { role: 'ANALYST', purpose: PURPOSE };
    expect(jurisdictions(await statistics(analyst, ['JURISDICTION']))).toEqual(
      expect.arrayContaining(['370100', '530100']),
    );
    const totals = await statistics(analyst, []);
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ month: null, listType: null, departmentCode: null });
    expect(totals[0]?.tookEffect).toBeGreaterThan(0);

    for (const caller of [
      undefined,
      { role: 'SUBJECT' as const, subject: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const refused = await stack.request(
        ListingStatistics,
        { from: '2026-01-01', to: '2026-12-31', groupBy: ['MONTH'] },
        caller,
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const backwards = await stack.request(
      ListingStatistics,
      { from: '2026-12-31', to: '2026-01-01', groupBy: ['MONTH'] },
      analyst,
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
