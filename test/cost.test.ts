import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { deduplicateEnumLists, inspectOperation } from '../gateway/src/cost.ts';
import { DEFAULT_LIMITS } from '../gateway/src/limits.ts';
import { publicSchemaFile } from '../schema/files.ts';
import { contractOperation } from './kit.ts';

const schema = buildASTSchema(parse(readFileSync(publicSchemaFile, 'utf8')));
const costOf = (query: string, variables: Record<string, unknown> = {}) =>
  inspectOperation(schema, parse(query), undefined, variables).cost;
const identifiers = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);

describe('the cost of an operation with its variables', () => {
  it('lets every contract operation through, a 1,000-identifier screening included', () => {
    expect(costOf(contractOperation('SubjectProfile'))).toBeLessThan(DEFAULT_LIMITS.heavyCost);
    const screening = costOf(contractOperation('ScreenSubjects'), { identifiers: identifiers(1_000) });
    expect(screening).toBeGreaterThanOrEqual(DEFAULT_LIMITS.heavyCost);
    expect(screening).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
  });

  it('multiplies a selection by the list it is given, so aliases of a big screening add up', () => {
    const one = costOf(contractOperation('ScreenSubjects'), { identifiers: identifiers(100) });
    const ten = costOf(contractOperation('ScreenSubjects'), { identifiers: identifiers(1_000) });
    expect(ten).toBeGreaterThan(9 * one);
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `s${i}: screenSubjects(identifiers: $ids) { identifier }`,
    );
    expect(
      costOf(`query($ids: [String!]!) { ${aliases.join(' ')} }`, { ids: identifiers(1_000) }),
    ).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  });

  it('counts a page by its size, capped at 100, and finds a NUL in any argument', () => {
    const page = (first: number) => costOf(contractOperation('SearchSubjects'), { text: '济南', first });
    expect(page(100)).toBeGreaterThan(4 * page(20));
    expect(page(1_000)).toBe(page(100));
    const nul = inspectOperation(schema, parse(contractOperation('CasesPage')), undefined, {
      filter: { text: 'a\u0000' },
    });
    expect(nul.nulIn).toBe('text');
  });

  it('drops repeated enum values from lists, through input objects', () => {
    const variables = { filter: { statuses: ['EFFECTIVE', 'EFFECTIVE', 'EXITED', 'EFFECTIVE'] } };
    deduplicateEnumLists(schema, parse(contractOperation('ListingsPage')), undefined, variables);
    expect(variables.filter.statuses).toEqual(['EFFECTIVE', 'EXITED']);
  });
});
