import { describe, expect, it } from 'vitest';
import {
  approve,
  deadlinesOf,
  exit,
  expiryReportDue,
  type ListingState,
  monitoringAfter,
  priorNotice,
  review,
  validateProposal,
  withdraw,
} from '../src/domain/lifecycle.ts';

const policy = { publicityWorkingDays: 20, monitoringMonths: 12 };
const TODAY = '2026-11-27';
const draft: ListingState = {
  listType: 'BLACK',
  status: 'DRAFT',
  disclosure: null,
  validFrom: null,
  validUntil: '2029-09-30',
  exitedOn: null,
  exitReason: null,
  departmentCode: '370100-SAMR',
  decidedOn: '2026-09-01',
  publicityStartsOn: null,
  publicityEndsOn: null,
};
/** What a rule refused with: its extensions (code, field), or 'no error'. */
const refusalOf = (fn: () => unknown): { code?: string; field?: string } | 'no error' => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions ?? {};
  }
  return 'no error';
};
const codeOf = (fn: () => unknown) => {
  const refusal = refusalOf(fn);
  return refusal === 'no error' ? refusal : refusal.code;
};
const fieldOf = (fn: () => unknown) => {
  const refusal = refusalOf(fn);
  return refusal === 'no error' ? refusal : refusal.field;
};

describe('the secrecy review', () => {
  it('ends publicity after 20 working days, skipping the National Day week', () => {
    const t = review(draft, { disclosure: 'PUBLIC', publicityStartsOn: '2026-09-21' }, policy);
    expect(t.set).toMatchObject({ status: 'PUBLICITY', publicityEndsOn: '2026-10-23' });
  });

  it('respects a jurisdiction with a longer publicity period', () => {
    const t = review(
      draft,
      { disclosure: 'PUBLIC', publicityStartsOn: '2026-11-02' },
      { ...policy, publicityWorkingDays: 30 },
    );
    expect(t.set.publicityEndsOn).toBe('2026-12-11');
  });
});

describe('signing', () => {
  const inPublicity = {
    ...draft,
    status: 'PUBLICITY' as const,
    publicityStartsOn: '2026-09-21',
    publicityEndsOn: '2026-10-23',
  };

  it('waits until publicity has ended', () => {
    expect(codeOf(() => approve(inPublicity, '2026-10-23', TODAY))).toBe('CONFLICT');
    expect(approve(inPublicity, '2026-10-24', TODAY).set).toMatchObject({
      status: 'EFFECTIVE',
      validFrom: '2026-10-24',
    });
  });

  it('is refused for a draft', () => {
    expect(codeOf(() => approve(draft, '2026-10-24', TODAY))).toBe('CONFLICT');
  });

  it('is refused for a date after today, a signature not yet given', () => {
    expect(codeOf(() => approve(inPublicity, '2026-11-28', TODAY))).toBe('BAD_USER_INPUT');
  });

  it('waits while an objection filed during publicity is under review', () => {
    expect(codeOf(() => approve({ ...inPublicity, objectionsUnderReview: 1 }, '2026-10-24', TODAY))).toBe(
      'CONFLICT',
    );
  });
});

describe('exits', () => {
  const effective = {
    ...draft,
    status: 'EFFECTIVE' as const,
    disclosure: 'PUBLIC' as const,
    validFrom: '2026-10-24',
  };

  it('take only the reasons the list type allows', () => {
    expect(codeOf(() => exit(effective, { reason: 'LISTED_ELSEWHERE', exitedOn: '2026-12-01' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(exit(effective, { reason: 'CREDIT_REPAIRED', exitedOn: '2026-12-01' }).set.status).toBe('EXITED');
  });

  it('cannot happen before the entry took effect', () => {
    expect(codeOf(() => exit(effective, { reason: 'STANDARD_CHANGED', exitedOn: '2026-10-01' }))).toBe(
      'CONFLICT',
    );
  });

  it('open a monitoring period after credit repair or expiry of a BLACK entry, not after a wrongful listing', () => {
    expect(monitoringAfter(effective, '2026-12-01', 'CREDIT_REPAIRED', policy)).toEqual({
      validFrom: '2026-12-01',
      validUntil: '2027-12-01',
    });
    expect(monitoringAfter(effective, '2029-10-01', 'EXPIRED', policy)?.validUntil).toBe('2030-10-01');
    expect(monitoringAfter(effective, '2026-12-01', 'OBJECTION_UPHELD', policy)).toBeNull();
    expect(
      monitoringAfter({ ...effective, listType: 'WATCH' }, '2026-12-01', 'CREDIT_REPAIRED', policy),
    ).toBeNull();
  });
});

describe('withdrawal', () => {
  it('is possible until the entry takes effect', () => {
    expect(withdraw(draft, { withdrawnOn: '2026-09-02', reason: '事实认定有误' }).set.status).toBe(
      'WITHDRAWN',
    );
    expect(
      codeOf(() => withdraw({ ...draft, status: 'EFFECTIVE' }, { withdrawnOn: '2026-09-02', reason: 'x' })),
    ).toBe('CONFLICT');
  });
});

describe('proposals', () => {
  const proposal = {
    listType: 'BLACK' as const,
    domain: 'food_drug',
    category: 1,
    severity: 'ORDINARY' as const,
    remedy: '可提出异议、申请行政复议或提起行政诉讼',
    facts: ' 事实 ',
    basis: '依据',
    decidedOn: '2026-09-01',
    validUntil: '2029-09-01',
    repairable: true,
  };

  it('are normalised', () => {
    expect(validateProposal(proposal, '2026-11-21')).toMatchObject({ domain: 'FOOD_DRUG', facts: '事实' });
  });

  it('refuse a decision dated in the future and a validity that ends before it starts', () => {
    expect(codeOf(() => validateProposal({ ...proposal, decidedOn: '2026-12-01' }, '2026-11-21'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => validateProposal({ ...proposal, validUntil: '2026-08-01' }, '2026-11-21'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuse a BLACK entry without its severity, and BLACK and WATCH entries without the remedy', () => {
    expect(fieldOf(() => validateProposal({ ...proposal, severity: null }, '2026-11-21'))).toBe('severity');
    expect(fieldOf(() => validateProposal({ ...proposal, remedy: ' ' }, '2026-11-21'))).toBe('remedy');
    expect(
      fieldOf(() =>
        validateProposal({ ...proposal, listType: 'WATCH', category: null, remedy: null }, '2026-11-21'),
      ),
    ).toBe('remedy');
    expect(
      validateProposal(
        { ...proposal, listType: 'RED', category: null, severity: null, remedy: null },
        '2026-11-21',
      ).remedy,
    ).toBeNull();
  });

  it('ask a natural person’s prior notice on or before the decision', () => {
    expect(codeOf(() => priorNotice({ decidedOn: '2026-09-01' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => priorNotice({ decidedOn: '2026-09-01', priorNoticeOn: '2026-09-02' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(priorNotice({ decidedOn: '2026-09-01', priorNoticeOn: '2026-08-20' })).toBe('2026-08-20');
  });

  it('refuse MONITORED, which only the platform opens', () => {
    expect(codeOf(() => validateProposal({ ...proposal, listType: 'MONITORED' }, '2026-11-21'))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('deadlines', () => {
  it('count 7 working days to push a signed entry: signed 2026-03-13, due 2026-03-24, not 03-20', () => {
    const signed = {
      ...draft,
      status: 'EFFECTIVE' as const,
      signedOn: '2026-03-13',
      validFrom: '2026-03-13',
      exitedOn: null,
    };
    expect(deadlinesOf(signed, true)).toContainEqual({ kind: 'PUSH_TO_PLATFORM', dueOn: '2026-03-24' });
    expect(deadlinesOf(signed, false)).toContainEqual({ kind: 'PUSH_TO_PLATFORM', dueOn: '2026-03-20' });
  });
});

describe('the expiry report', () => {
  const inForce = {
    ...draft,
    status: 'EFFECTIVE' as const,
    validFrom: '2026-10-09',
    validUntil: '2026-12-31',
  };

  it('is due from 7 working days before the validity ends, to the last day in force (002 §26)', () => {
    expect(expiryReportDue(inForce, '2026-12-21', true)).toBeNull();
    expect(expiryReportDue(inForce, '2026-12-22', true)).toEqual({
      expiresOn: '2026-12-31',
      dueOn: '2026-12-22',
    });
    expect(expiryReportDue(inForce, '2026-12-31', true)).toEqual({
      expiresOn: '2026-12-31',
      dueOn: '2026-12-22',
    });
    expect(expiryReportDue(inForce, '2027-01-01', true)).toBeNull();
  });

  it('is due 7 calendar days before where the jurisdiction counts calendar days', () => {
    expect(expiryReportDue(inForce, '2026-12-23', false)).toBeNull();
    expect(expiryReportDue(inForce, '2026-12-24', false)).toEqual({
      expiresOn: '2026-12-31',
      dueOn: '2026-12-24',
    });
  });

  it('is not due for an entry that has left or is not yet in force', () => {
    const exited = {
      ...inForce,
      status: 'EXITED' as const,
      exitedOn: '2026-12-01',
      exitReason: 'CREDIT_REPAIRED' as const,
    };
    expect(expiryReportDue(exited, '2026-12-26', true)).toBeNull();
    expect(expiryReportDue({ ...draft, validUntil: '2026-12-31' }, '2026-12-26', true)).toBeNull();
  });
});
