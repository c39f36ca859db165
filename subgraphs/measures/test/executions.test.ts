import { describe, expect, it } from 'vitest';
import { isOverdue, validateExecution } from '../src/domain/executions.ts';

const pending = { status: 'PENDING' as const, dispatchedOn: '2026-03-13', liftedReason: null };
const mandatory = {
  code: '370100-P06',
  enforcement: 'MANDATORY' as const,
  scenarios: ['GOVERNMENT_PROCUREMENT' as const],
};
const input = {
  outcome: 'APPLIED' as const,
  executedOn: '2026-03-16',
  scenario: 'GOVERNMENT_PROCUREMENT' as const,
};
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code: string; field?: string } }).extensions;
  }
  return null;
};

describe('an execution report', () => {
  it('of a mandatory measure needs no reason', () => {
    expect(validateExecution(pending, mandatory, input, '2026-11-20')).toMatchObject({ reason: null });
  });

  it('of a recommended or prudent measure, or found not applicable, needs one', () => {
    expect(
      codeOf(() =>
        validateExecution(pending, { ...mandatory, enforcement: 'RECOMMENDED' }, input, '2026-11-20'),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(
      codeOf(() =>
        validateExecution(
          pending,
          mandatory,
          { ...input, outcome: 'NOT_APPLICABLE', reason: '  ' },
          '2026-11-20',
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('is refused on a lifted or suspended dispatch', () => {
    expect(
      codeOf(() =>
        validateExecution(
          { ...pending, status: 'LIFTED', liftedReason: 'x' },
          mandatory,
          input,
          '2026-11-20',
        ),
      )?.code,
    ).toBe('CONFLICT');
    expect(
      codeOf(() => validateExecution({ ...pending, status: 'SUSPENDED' }, mandatory, input, '2026-11-20'))
        ?.code,
    ).toBe('CONFLICT');
  });

  it('is dated between the dispatch and today', () => {
    expect(
      codeOf(() =>
        validateExecution(pending, mandatory, { ...input, executedOn: '2026-03-12' }, '2026-11-20'),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'executedOn',
    });
    expect(
      codeOf(() =>
        validateExecution(pending, mandatory, { ...input, executedOn: '2026-11-21' }, '2026-11-20'),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'executedOn',
    });
  });
});

describe('a dispatch', () => {
  it('is overdue only while pending after its due date', () => {
    expect(isOverdue({ status: 'PENDING', dueOn: '2026-03-17' }, '2026-03-17')).toBe(false);
    expect(isOverdue({ status: 'PENDING', dueOn: '2026-03-17' }, '2026-03-18')).toBe(true);
    expect(isOverdue({ status: 'EXECUTED', dueOn: '2026-03-17' }, '2026-03-18')).toBe(false);
  });
});
