import { describe, expect, it } from 'vitest';
import { STARTING_CATALOGUE } from '#demo/catalogue.ts';
import { applicableMeasures, measuresForSubject } from '../src/domain/applicability.ts';

const catalogue = STARTING_CATALOGUE.map((m) => ({ ...m, code: `370100-${m.key}` }));

describe('measures that apply to an entry', () => {
  it('are those of its list type and subject kind, mandatory first', () => {
    const measures = applicableMeasures(catalogue, {
      listType: 'BLACK',
      domain: 'FOOD_DRUG',
      subjectKind: 'LEGAL_PERSON',
    });
    expect(
      measures.every((m) => m.listTypes.includes('BLACK') && m.targetKinds.includes('LEGAL_PERSON')),
    ).toBe(true);
    const order = measures.map((m) => m.enforcement);
    expect(order.indexOf('MANDATORY')).toBe(0);
    expect(order.lastIndexOf('MANDATORY')).toBeLessThan(order.indexOf('RECOMMENDED'));
    expect(measures.map((m) => m.key)).not.toContain('P11');
  });

  it('are made for the entry’s domain: the travel ban for judgment defaulters only, the tax limits for tax', () => {
    const keys = (domain: string, subjectKind: 'LEGAL_PERSON' | 'NATURAL_PERSON' = 'NATURAL_PERSON') =>
      applicableMeasures(catalogue, { listType: 'BLACK', domain, subjectKind }).map((m) => m.key);
    expect(keys('JUDGMENT_DEFAULTER')).toContain('P15');
    expect(keys('TAX')).not.toContain('P15');
    expect(keys('TAX', 'LEGAL_PERSON')).toContain('P19');
    expect(keys('FOOD_DRUG', 'LEGAL_PERSON')).not.toContain('P19');
    expect(keys('FOOD_DRUG', 'LEGAL_PERSON')).not.toContain('P20');
    expect(keys('ENVIRONMENT', 'LEGAL_PERSON')).toContain('P20');
    expect(keys('TRANSPORT', 'LEGAL_PERSON')).toContain('P21');
    expect(keys('TAX', 'LEGAL_PERSON')).not.toContain('P21');
    const responsible = applicableMeasures(catalogue, {
      listType: 'BLACK',
      domain: 'TAX',
      subjectKind: 'NATURAL_PERSON',
      asResponsiblePerson: true,
    });
    expect(responsible.map((m) => m.key)).not.toContain('P15');
  });

  it('are supervisory only for a monitored subject, never the punishments of the entry it left', () => {
    const measures = applicableMeasures(catalogue, {
      listType: 'MONITORED',
      domain: 'FOOD_DRUG',
      subjectKind: 'LEGAL_PERSON',
    });
    expect(measures.map((m) => m.key)).toEqual(['P12']);
    expect(measures.every((m) => m.scenarios.every((s) => s === 'SUPERVISORY_INSPECTION'))).toBe(true);
  });

  it('are only incentives for a red-listed subject', () => {
    const measures = applicableMeasures(catalogue, {
      listType: 'RED',
      domain: 'TAX',
      subjectKind: 'LEGAL_PERSON',
    });
    expect(measures.length).toBeGreaterThan(0);
    expect(measures.every((m) => m.kind === 'INCENTIVE')).toBe(true);
  });

  it('narrow to a scenario when one is asked', () => {
    const measures = applicableMeasures(
      catalogue,
      { listType: 'BLACK', domain: 'FOOD_DRUG', subjectKind: 'LEGAL_PERSON' },
      'GOVERNMENT_PROCUREMENT',
    );
    expect(measures.map((m) => m.key)).toEqual(['P06']);
  });

  it('reach a responsible person only where the measure says so', () => {
    const measures = applicableMeasures(catalogue, {
      listType: 'BLACK',
      domain: 'JUDGMENT_DEFAULTER',
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

describe('the measures that apply to a subject', () => {
  const jinan = catalogue.map((m) => ({ ...m, jurisdictionCode: '370100' }));
  const person = { id: 'person', kind: 'NATURAL_PERSON' as const };
  const companyEntry = {
    id: 'company-black',
    listType: 'BLACK' as const,
    domain: 'FOOD_DRUG',
    jurisdictionCode: '370100',
    subjectId: 'company',
  };

  it('reach a legal representative through the organisation’s entry, marked as such', () => {
    const found = measuresForSubject(jinan, person, [companyEntry], new Set());
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.asResponsiblePerson && f.measure.reachesResponsiblePersons)).toBe(true);
    expect(found.every((f) => f.listingId === 'company-black')).toBe(true);
  });

  it('list a measure carried by two entries once, suspended only if both entries are', () => {
    const own = {
      id: 'own-black',
      listType: 'BLACK' as const,
      domain: 'FOOD_DRUG',
      jurisdictionCode: '370100',
      subjectId: 'person',
    };
    const both = measuresForSubject(jinan, person, [companyEntry, own], new Set(['company-black']));
    const codes = both.map((f) => f.measure.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(both.every((f) => !f.suspended)).toBe(true);
    const allSuspended = measuresForSubject(
      jinan,
      person,
      [companyEntry, own],
      new Set(['company-black', 'own-black']),
    );
    expect(allSuspended.every((f) => f.suspended)).toBe(true);
  });

  it('ignore entries of another jurisdiction’s catalogue', () => {
    const elsewhere = { ...companyEntry, jurisdictionCode: '530100' };
    expect(measuresForSubject(jinan, person, [elsewhere], new Set())).toEqual([]);
  });
});
