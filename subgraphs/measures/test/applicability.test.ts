import { describe, expect, it } from 'vitest';
import { applicableMeasures } from '../src/domain/applicability.ts';
import { STARTING_CATALOGUE } from '../src/domain/catalogue.ts';

const catalogue = STARTING_CATALOGUE.map((m) => ({ ...m, code: `370100-${m.key}` }));

describe('measures that apply to an entry', () => {
  it('are those of its list type and subject kind, mandatory first', () => {
    const measures = applicableMeasures(catalogue, { listType: 'BLACK', subjectKind: 'LEGAL_PERSON' });
    expect(
      measures.every((m) => m.listTypes.includes('BLACK') && m.targetKinds.includes('LEGAL_PERSON')),
    ).toBe(true);
    const order = measures.map((m) => m.enforcement);
    expect(order.indexOf('MANDATORY')).toBe(0);
    expect(order.lastIndexOf('MANDATORY')).toBeLessThan(order.indexOf('RECOMMENDED'));
    expect(measures.map((m) => m.key)).not.toContain('P11');
  });

  it('are only incentives for a red-listed subject', () => {
    const measures = applicableMeasures(catalogue, { listType: 'RED', subjectKind: 'LEGAL_PERSON' });
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((m) => m.kind === 'INCENTIVE')).toBe(true);
  });

  it('narrow to a scenario when one is asked', () => {
    const measures = applicableMeasures(
      catalogue,
      { listType: 'BLACK', subjectKind: 'LEGAL_PERSON' },
      'GOVERNMENT_PROCUREMENT',
    );
    expect(measures.map((m) => m.key)).toEqual(['P06']);
  });

  it('reach a responsible person only where the measure says so', () => {
    const measures = applicableMeasures(catalogue, {
      listType: 'BLACK',
      subjectKind: 'NATURAL_PERSON',
      asResponsiblePerson: true,
    });
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((m) => m.reachesResponsiblePersons)).toBe(true);
  });
});

describe('the starting catalogue', () => {
  it('has unique keys and a basis citing a seed for every measure', () => {
    const keys = STARTING_CATALOGUE.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of STARTING_CATALOGUE) expect(m.basis).toMatch(/\b00[0-4] §/);
  });
});
