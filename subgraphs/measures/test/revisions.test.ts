import { describe, expect, it } from 'vitest';
import { isInForceOn } from '../src/domain/catalogue.ts';
import { type MeasureContent, newMeasure, retirement, revision } from '../src/domain/revisions.ts';

const content: MeasureContent = {
  name: '限制参与政府采购',
  kind: 'PUNISHMENT',
  enforcement: 'MANDATORY',
  channel: 'ADMINISTRATIVE',
  listTypes: ['BLACK'],
  domains: ['ALL'],
  scenarios: ['GOVERNMENT_PROCUREMENT'],
  matter: '政府采购',
  means: '依法限制',
  targetKinds: ['LEGAL_PERSON'],
  reachesResponsiblePersons: false,
  implementingDepartmentCode: '370100-FIN',
  basis: '《政府采购法》',
  memorandum: '备忘录',
};
const first = newMeasure({
  ...content,
  code: '370100-x1',
  jurisdictionCode: '370100',
  validFrom: '2020-01-01',
});

describe('the domains of a measure', () => {
  it('are stated, never assumed, and ALL stands alone', () => {
    const add = (domains: string[]) => () =>
      newMeasure({
        ...content,
        domains,
        code: '370100-X2',
        jurisdictionCode: '370100',
        validFrom: '2020-01-01',
      });
    expect(add([])).toThrow(/Name the domains/);
    expect(add(['ALL', 'TAX'])).toThrow(/name it alone/);
    expect(add([' tax ', 'TAX'])().domains).toEqual(['TAX']);
  });
});

describe('catalogue versions', () => {
  it('start at version 1 with a normalised code', () => {
    expect(first).toMatchObject({ code: '370100-X1', version: 1, supersededOn: null, retired: false });
  });

  it('are revised into a new version in force from its date, the old one ending that day', () => {
    const next = revision(first, { validFrom: '2026-03-01', reason: '法律修订', enforcement: 'RECOMMENDED' });
    expect(next).toMatchObject({
      version: 2,
      enforcement: 'RECOMMENDED',
      name: first.name,
      changeReason: '法律修订',
    });
    const ended = { ...first, supersededOn: next.validFrom };
    expect(isInForceOn(ended, '2026-02-28')).toBe(true);
    expect(isInForceOn(ended, '2026-03-01')).toBe(false);
    expect(isInForceOn(next, '2026-03-01')).toBe(true);
  });

  it('refuse a revision that changes nothing, or starts before the version it replaces', () => {
    expect(() => revision(first, { validFrom: '2026-03-01', reason: 'x', name: first.name })).toThrow(
      /changes nothing/,
    );
    expect(() => revision(first, { validFrom: '2019-12-31', reason: 'x', name: 'y' })).toThrow(
      /after 2020-01-01/,
    );
  });

  it('keep a revision consistent: a punishment cannot move to the red list', () => {
    expect(() => revision(first, { validFrom: '2026-03-01', reason: 'x', listTypes: ['RED'] })).toThrow(
      /not RED/,
    );
  });

  it('end at retirement, after which nothing can be revised', () => {
    const retired = { ...first, ...retirement(first, { retiredOn: '2026-11-01', reason: '废止' }) };
    expect(isInForceOn(retired, '2026-11-01')).toBe(false);
    expect(() => revision(retired, { validFrom: '2026-12-01', reason: 'x', name: 'y' })).toThrow(
      /retired on 2026-11-01/,
    );
  });

  it('belong to their jurisdiction: code prefix and implementing department', () => {
    expect(() =>
      newMeasure({ ...content, code: '530100-X1', jurisdictionCode: '370100', validFrom: '2020-01-01' }),
    ).toThrow(/starting 370100-/);
    expect(() =>
      newMeasure({
        ...content,
        implementingDepartmentCode: '530100-FIN',
        code: '370100-X2',
        jurisdictionCode: '370100',
        validFrom: '2020-01-01',
      }),
    ).toThrow(/not a department of 370100/);
  });
});
