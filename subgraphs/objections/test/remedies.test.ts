import { describe, expect, it } from 'vitest';
import {
  type Entry,
  objectionFiling,
  repairAcceptedFrom,
  repairApplication,
} from '../src/domain/remedies.ts';

const policy = {
  objectionSuspendsMeasures: true,
  objectionWorkingDays: 10,
  repairWorkingDays: 10,
  minorRepairMonths: 0,
  ordinaryRepairMonths: 3,
  seriousRepairMonths: 12,
};
const entry: Entry = {
  id: 'entry',
  listType: 'BLACK',
  status: 'EFFECTIVE',
  severity: 'ORDINARY',
  decidedOn: '2026-02-05',
  validUntil: '2029-02-04',
  repairable: true,
  subject: { id: 'subject' },
  initiatingDepartment: { code: '530100-SAMR' },
  jurisdiction: { code: '530100', policy },
};
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return null;
};
const objection = { grounds: '有误', filedOn: '2026-09-28' };

describe('an objection', () => {
  it('is answered within the policy’s working days, across National Day and its working Saturday', () => {
    expect(objectionFiling(entry, objection, '2026-11-20').dueOn).toBe('2026-10-16');
  });

  it('pauses the measures only where the policy says so, and only for an entry in force', () => {
    expect(objectionFiling(entry, objection, '2026-11-20').suspendsMeasures).toBe(true);
    const jinan = {
      ...entry,
      jurisdiction: { code: '370100', policy: { ...policy, objectionSuspendsMeasures: false } },
    };
    expect(objectionFiling(jinan, objection, '2026-11-20').suspendsMeasures).toBe(false);
    const inPublicity = objectionFiling({ ...entry, status: 'PUBLICITY' }, objection, '2026-11-20');
    expect(inPublicity).toMatchObject({ suspendsMeasures: false, duringPublicity: true });
  });

  it('is refused for an entry that has left', () => {
    expect(
      codeOf(() => objectionFiling({ ...entry, status: 'EXITED' }, objection, '2026-11-20')),
    ).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('a repair', () => {
  it('may be applied for after the minimum period of the severity, counted from the decision', () => {
    expect(repairAcceptedFrom({ ...entry, severity: 'MINOR' })).toBe('2026-02-05');
    expect(repairAcceptedFrom(entry)).toBe('2026-05-05');
    expect(repairAcceptedFrom({ ...entry, severity: 'SERIOUS' })).toBe('2027-02-05');
    expect(repairAcceptedFrom({ ...entry, severity: null })).toBe('2027-02-05');
    expect(repairAcceptedFrom({ ...entry, listType: 'WATCH', severity: null })).toBe('2026-05-05');
    const longer = { ...entry, jurisdiction: { code: 'x', policy: { ...policy, ordinaryRepairMonths: 6 } } };
    expect(repairAcceptedFrom(longer)).toBe('2026-08-05');
  });

  it('is refused before then, with the date it would be accepted', () => {
    const input = { method: 'CHARITY', evidence: ['收据'], commitment: '承诺', appliedOn: '2026-05-04' };
    expect(codeOf(() => repairApplication(entry, input, '2026-11-20'))).toEqual({
      code: 'CONFLICT',
      acceptedFrom: '2026-05-05',
    });
    expect(repairApplication(entry, { ...input, appliedOn: '2026-05-05' }, '2026-11-20').dueOn).toBe(
      '2026-05-18',
    );
  });
});
