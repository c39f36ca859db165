import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approve,
  blackProposal,
  creditOffice,
  effectiveEntry,
  jinanSamr,
  op,
  propose,
  registerCompany,
  review,
} from './flows.ts';
import { startTestStack, type TestStack } from './kit.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const read = `query($id: ID!) { listing(id: $id) { id status facts exitReason } }`;
const asPublic = async (id: string) => (await stack.request(read, { id })).data.listing;

describe('what the public sees (002 §8, §9, §12; 004 §(二十)(二十五))', () => {
  it('shows an entry in publicity to everyone, with its facts masked as for any public entry', async () => {
    const company = await registerCompany(stack, '公示期测试企业');
    const id = await propose(stack, blackProposal(company.id));
    await review(stack, id);
    expect(await asPublic(id)).toMatchObject({
      id,
      status: 'PUBLICITY',
      facts: '生产销售不符合食品安全标准的食品。',
    });
  });

  it('shows the exit announcement after an exit, never the facts, and a correction after an upheld objection', async () => {
    const company = await registerCompany(stack, '移出公告测试企业');
    const id = await effectiveEntry(stack, company.id);
    await stack.request(
      op.exit,
      { input: { listingId: id, reason: 'STANDARD_CHANGED', exitedOn: '2026-06-01' } },
      jinanSamr,
    );
    const exited = await asPublic(id);
    expect(exited.facts).toBe('移出公告：该信息已于 2026-06-01 移出名单（STANDARD_CHANGED）。');
    expect(JSON.stringify(exited)).not.toContain('食品安全标准');
    const asDepartment = (await stack.request(read, { id }, jinanSamr)).data.listing;
    expect(asDepartment.facts).toBe('生产销售不符合食品安全标准的食品。');

    const corrected = await registerCompany(stack, '更正公告测试企业');
    const wrongId = await effectiveEntry(stack, corrected.id);
    await stack.request(
      op.exit,
      { input: { listingId: wrongId, reason: 'OBJECTION_UPHELD', exitedOn: '2026-06-02' } },
      creditOffice,
    );
    expect((await asPublic(wrongId)).facts).toContain('更正公告');
  });

  it('stops publication after credit repair, and keeps the entry for departments', async () => {
    const company = await registerCompany(stack, '修复停止公示测试企业');
    const id = await effectiveEntry(stack, company.id);
    await stack.request(
      op.exit,
      { input: { listingId: id, reason: 'CREDIT_REPAIRED', exitedOn: '2026-07-01' } },
      jinanSamr,
    );
    expect(await asPublic(id)).toBeNull();
    expect((await stack.request(read, { id }, jinanSamr)).data.listing).toMatchObject({
      status: 'EXITED',
      exitReason: 'CREDIT_REPAIRED',
    });
    const monitored = await stack.request(
      `query($id: String!) { subject(identifier: $id) { creditStatus listings { listType } } }`,
      { id: company.id },
    );
    expect(monitored.data.subject.creditStatus).toBe('CLEAR');
    expect(monitored.data.subject.listings).toEqual([]);
    const internal = await stack.request(
      `query($id: String!) { subject(identifier: $id) { creditStatus } }`,
      { id: company.id },
      jinanSamr,
    );
    expect(internal.data.subject.creditStatus).toBe('MONITORED');
    // Monitored, it gets more frequent inspections only, never the punishments it left (004 §(二十)).
    const measures = await stack.request(
      `query($id: String!) { subject(identifier: $id) { applicableMeasures { measure { code } } } }`,
      { id: company.id },
      jinanSamr,
    );
    expect(
      measures.data.subject.applicableMeasures.map((m: { measure: { code: string } }) => m.measure.code),
    ).toEqual(['370100-P12']);
  });

  it('never publishes MINOR dishonesty, and ends an ORDINARY entry’s publication a year after the decision', async () => {
    const minor = await registerCompany(stack, '轻微失信不公示企业');
    const minorId = await effectiveEntry(stack, minor.id, { severity: 'MINOR' });
    expect(await asPublic(minorId)).toBeNull();

    const old = await registerCompany(stack, '公示期满企业');
    const oldId = await propose(
      stack,
      blackProposal(old.id, { decidedOn: '2025-09-01', priorNoticeOn: '2025-08-20' }),
    );
    await stack.request(
      op.review,
      { input: { listingId: oldId, disclosure: 'PUBLIC', publicityStartsOn: '2025-09-01' } },
      jinanSamr,
    );
    await approve(stack, oldId);
    expect((await stack.request(read, { id: oldId }, jinanSamr)).data.listing.status).toBe('EFFECTIVE');
    expect(await asPublic(oldId)).toBeNull();
  });
});
