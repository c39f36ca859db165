import { describe, expect, it } from 'vitest';
import { maskPersonalDataIn } from '#common/privacy.ts';
import { correction, publication, searchTerms, validateReport, withdrawal } from '../src/domain/cases.ts';

const report = {
  title: ' 典型案例 ',
  kind: 'PUNISHMENT' as const,
  domain: 'food_drug',
  summary: '案情（全角标点保留）。',
  subjectIds: ['a', 'a', 'b'],
  measureCodes: ['370100-p01'],
};

describe('a case report', () => {
  it('is trimmed, de-duplicated and keeps its Chinese punctuation', () => {
    expect(validateReport(report)).toEqual({
      title: '典型案例',
      kind: 'PUNISHMENT',
      domain: 'FOOD_DRUG',
      summary: '案情（全角标点保留）。',
      subjectIds: ['a', 'b'],
      listingIds: [],
      measureCodes: ['370100-P01'],
    });
  });

  it('names at least one subject and a domain code', () => {
    expect(() => validateReport({ ...report, subjectIds: [] })).toThrow(/at least one subject/);
    expect(() => validateReport({ ...report, domain: '食品' })).toThrow(/not a domain code/);
  });
});

describe('the review of a case', () => {
  const submitted = { status: 'SUBMITTED' as const, reportedOn: '2026-06-01' };

  it('publishes a submitted case on a date between its report and today', () => {
    expect(publication(submitted, '2026-06-15', '2026-11-22')).toEqual({
      status: 'PUBLISHED',
      publishedOn: '2026-06-15',
    });
    expect(() => publication(submitted, '2026-05-31', '2026-11-22')).toThrow(/before the report/);
    expect(() => publication(submitted, '2026-11-23', '2026-11-22')).toThrow(/in the future/);
    expect(() => publication({ ...submitted, status: 'PUBLISHED' }, '2026-06-15', '2026-11-22')).toThrow(
      /only SUBMITTED/,
    );
  });

  it('withdraws once, with a reason', () => {
    const input = { withdrawnOn: '2026-07-01', reason: '已修复' };
    expect(withdrawal(submitted, input, '2026-11-22')).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnReason: '已修复',
    });
    expect(() => withdrawal({ ...submitted, status: 'WITHDRAWN' }, input, '2026-11-22')).toThrow(
      /already withdrawn/,
    );
    expect(() => withdrawal(submitted, { ...input, reason: ' ' }, '2026-11-22')).toThrow(/reason/);
  });

  it('corrects only a published case, and only with a change', () => {
    const published = {
      status: 'PUBLISHED' as const,
      title: '标题',
      domain: 'TAX',
      summary: '原文',
      publishedOn: '2026-06-15',
    };
    const input = { summary: '更正后', reason: '笔误', correctedOn: '2026-07-01' };
    expect(correction(published, input, '2026-11-22').next).toEqual({
      title: '标题',
      domain: 'TAX',
      summary: '更正后',
    });
    expect(() => correction({ ...published, status: 'SUBMITTED' }, input, '2026-11-22')).toThrow(
      /only PUBLISHED/,
    );
    expect(() => correction(published, { ...input, summary: '原文' }, '2026-11-22')).toThrow(
      /changes nothing/,
    );
    expect(() => correction(published, { ...input, correctedOn: '2026-06-01' }, '2026-11-22')).toThrow(
      /before the publication/,
    );
  });
});

describe('search terms', () => {
  it('split on spaces of either width, at most five', () => {
    expect(searchTerms(' 食品\u3000罚款  ')).toEqual(['食品', '罚款']);
    expect(searchTerms('')).toEqual([]);
    expect(() => searchTerms('一 二 三 四 五 六')).toThrow(/at most 5/);
  });
});

describe('personal data in free text', () => {
  it('masks resident ID numbers, 18 and 15 characters, and any longer run of digits that may hide one', () => {
    expect(maskPersonalDataIn('号码11010519491231002x。')).toBe('号码110105********002X。');
    expect(maskPersonalDataIn('旧证110105491231002')).toBe('旧证110105*****1002');
    // A number written next to an ID with only a space between would otherwise let the ID through.
    expect(maskPersonalDataIn('2026 11010519491231002X')).toBe('202611************002X');
    expect(maskPersonalDataIn('账号6222021234567890123')).toBe('账号622202*********0123');
  });

  it('masks the names of the persons the case is about, longest first', () => {
    expect(maskPersonalDataIn('欧阳娜娜与欧阳均为被执行人', ['欧阳', '欧阳娜娜'])).toBe(
      '欧***与欧*均为被执行人',
    );
  });
});
