import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPersonalDataIn, maySeePersonalData } from '#common/privacy.ts';
import { mayFindByNumber, mayReadListing, publishedUntil } from '../src/domain/privacy.ts';

describe('masking personal data', () => {
  it('keeps the region code and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});

describe('masking free text', () => {
  it('masks ID numbers however they are written, and the names given', () => {
    const text =
      '被执行人林美玲（身份证号35020219850601681X），另案 3502 0219 8506 0168 1X，３５０２０２１９８５０６０１６８１Ｘ。';
    const masked = maskPersonalDataIn(text, ['林美玲']);
    expect(masked).toBe(
      '被执行人林**（身份证号350202********681X），另案 350202********681X，350202********681X。',
    );
    expect(masked).not.toMatch(/19850601/);
  });

  it('masks 15-digit first-generation numbers and leaves short numbers and codes alone', () => {
    expect(maskPersonalDataIn('旧证350202850601681，罚款 50000 元，电话 13800138000')).toBe(
      '旧证350202*****1681，罚款 50000 元，电话 13800138000',
    );
    expect(maskPersonalDataIn('统一社会信用代码91370100000010000H')).toBe(
      '统一社会信用代码91370100000010000H',
    );
  });
});

describe('who sees personal data', () => {
  it('is departments and the credit office with a stated purpose, and the person itself', () => {
    expect(
      maySeePersonalData({ role: 'DEPARTMENT', dept: '370100-SAMR', purpose: '行政许可审查' }, 's1'),
    ).toBe(true);
    expect(maySeePersonalData({ role: 'CREDIT_OFFICE', purpose: '异议核查' }, 's1')).toBe(true);
    expect(maySeePersonalData({ role: 'DEPARTMENT', dept: '370100-SAMR' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'CREDIT_OFFICE' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'SUBJECT', subject: 's1' }, 's1')).toBe(true);
    expect(maySeePersonalData({ role: 'SUBJECT', subject: 's2' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'ANALYST' }, 's1')).toBe(false);
    expect(maySeePersonalData({ role: 'PUBLIC' }, 's1')).toBe(false);
  });
});

describe('who finds a subject by its ID number', () => {
  it('is anyone for an organisation, and government or the person itself for a natural person', () => {
    const person = { id: 'p1', kind: 'NATURAL_PERSON' };
    expect(mayFindByNumber({ role: 'PUBLIC' }, { id: 'o1', kind: 'LEGAL_PERSON' })).toBe(true);
    expect(mayFindByNumber({ role: 'PUBLIC' }, person)).toBe(false);
    expect(mayFindByNumber({ role: 'ANALYST' }, person)).toBe(false);
    expect(mayFindByNumber({ role: 'SUBJECT', subject: 'p2' }, person)).toBe(false);
    expect(mayFindByNumber({ role: 'SUBJECT', subject: 'p1' }, person)).toBe(true);
    expect(mayFindByNumber({ role: 'DEPARTMENT', dept: '370100-SAMR' }, person)).toBe(true);
  });
});

describe('who sees a list entry', () => {
  const TODAY = '2026-11-27';
  const entry = {
    subjectId: 's1',
    departmentCode: '370100-SAMR',
    disclosure: 'PUBLIC' as const,
    listType: 'BLACK' as const,
    severity: 'SERIOUS' as const,
    decidedOn: '2026-02-05',
    validUntil: '2029-02-04',
    exitReason: null,
  };
  const asPublic = (over: Record<string, unknown>) =>
    mayReadListing({ role: 'PUBLIC' }, { ...entry, status: 'EFFECTIVE', ...over }, TODAY);

  it('shows the public public entries in publicity, in force and their exits (002 §8, §12)', () => {
    expect(asPublic({ status: 'PUBLICITY' })).toBe(true);
    expect(asPublic({})).toBe(true);
    expect(asPublic({ status: 'EXITED', exitReason: 'STANDARD_CHANGED' })).toBe(true);
    expect(asPublic({ disclosure: 'NON_PUBLIC' })).toBe(false);
    expect(asPublic({ status: 'DRAFT' })).toBe(false);
  });

  it('never shows the public a MONITORED entry, MINOR dishonesty, or an entry left by credit repair', () => {
    expect(asPublic({ listType: 'MONITORED', severity: null })).toBe(false);
    expect(asPublic({ severity: 'MINOR' })).toBe(false);
    expect(asPublic({ status: 'EXITED', exitReason: 'CREDIT_REPAIRED' })).toBe(false);
  });

  it('ends publication at the severity’s maximum, counted from the decision', () => {
    expect(publishedUntil({ ...entry, severity: 'ORDINARY' })).toBe('2027-02-04');
    expect(publishedUntil(entry)).toBe('2029-02-04');
    expect(publishedUntil({ ...entry, validUntil: '2027-01-01', severity: 'ORDINARY' })).toBe('2027-01-01');
    expect(publishedUntil({ ...entry, listType: 'RED', severity: null })).toBe('2029-02-04');
    expect(asPublic({ severity: 'ORDINARY', decidedOn: '2025-10-01' })).toBe(false);
  });

  it('shows a draft only to its department and the credit office', () => {
    const draft = { ...entry, disclosure: null, status: 'DRAFT' as const };
    expect(mayReadListing({ role: 'DEPARTMENT', dept: '370100-SAMR' }, draft, TODAY)).toBe(true);
    expect(mayReadListing({ role: 'DEPARTMENT', dept: '370100-TAX' }, draft, TODAY)).toBe(false);
    expect(mayReadListing({ role: 'CREDIT_OFFICE' }, draft, TODAY)).toBe(true);
    expect(mayReadListing({ role: 'SUBJECT', subject: 's1' }, draft, TODAY)).toBe(false);
  });

  it('shows a subject its own non-public entries, and those it answers for', () => {
    const hidden = { ...entry, disclosure: 'NON_PUBLIC' as const, status: 'NOTICE' as const };
    expect(mayReadListing({ role: 'SUBJECT', subject: 's1' }, hidden, TODAY)).toBe(true);
    expect(mayReadListing({ role: 'SUBJECT', subject: 's2' }, hidden, TODAY)).toBe(false);
    const answered = { ...hidden, answeredByCaller: true };
    expect(mayReadListing({ role: 'SUBJECT', subject: 's2' }, answered, TODAY)).toBe(true);
    expect(mayReadListing({ role: 'SUBJECT', subject: 's2' }, { ...answered, status: 'DRAFT' }, TODAY)).toBe(
      false,
    );
  });
});
