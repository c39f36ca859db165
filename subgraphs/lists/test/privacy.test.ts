import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '#common/privacy.ts';
import { mayReadListing, maySeePersonalData } from '../src/domain/privacy.ts';

describe('masking personal data', () => {
  it('keeps the region code and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});

describe('who sees personal data', () => {
  it('is departments, the credit office and the person itself', () => {
    expect(maySeePersonalData({ role: 'DEPARTMENT', dept: '370100-SAMR' }, 's1')).toBe(true);
    expect(maySeePersonalData({ role: 'CREDIT_OFFICE' }, 's1')).toBe(true);
    expect(maySeePersonalData({ role: 'SUBJECT', subject: 's1' }, 's1')).toBe(true);
    expect(maySeePersonalData({ role: 'SUBJECT', subject: 's2' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'ANALYST' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'PUBLIC' }, 's1')).toBe(false);
  });
});

describe('who sees a list entry', () => {
  const entry = { subjectId: 's1', departmentCode: '370100-SAMR', disclosure: 'PUBLIC' as const };

  it('shows the public only public entries once effective, and their exits', () => {
    expect(mayReadListing({ role: 'PUBLIC' }, { ...entry, status: 'EFFECTIVE' })).toBe(true);
    expect(mayReadListing({ role: 'PUBLIC' }, { ...entry, status: 'EXITED' })).toBe(true);
    expect(mayReadListing({ role: 'PUBLIC' }, { ...entry, status: 'PUBLICITY' })).toBe(false);
    expect(
      mayReadListing({ role: 'PUBLIC' }, { ...entry, disclosure: 'NON_PUBLIC', status: 'EFFECTIVE' }),
    ).toBe(false);
  });

  it('shows a draft only to its department and the credit office', () => {
    const draft = { ...entry, disclosure: null, status: 'DRAFT' as const };
    expect(mayReadListing({ role: 'DEPARTMENT', dept: '370100-SAMR' }, draft)).toBe(true);
    expect(mayReadListing({ role: 'DEPARTMENT', dept: '370100-TAX' }, draft)).toBe(false);
    expect(mayReadListing({ role: 'CREDIT_OFFICE' }, draft)).toBe(true);
    expect(mayReadListing({ role: 'SUBJECT', subject: 's1' }, draft)).toBe(false);
  });

  it('shows a subject its own non-public entries', () => {
    const hidden = { ...entry, disclosure: 'NON_PUBLIC' as const, status: 'NOTICE' as const };
    expect(mayReadListing({ role: 'SUBJECT', subject: 's1' }, hidden)).toBe(true);
    expect(mayReadListing({ role: 'SUBJECT', subject: 's2' }, hidden)).toBe(false);
  });
});
