import { describe, expect, it } from 'vitest';
import {
  identifierKind,
  leiProblem,
  normalizeIdentifier,
  residentIdProblem,
  usccProblem,
} from '../src/domain/identifiers.ts';

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts a code whose check character matches', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91370100000010000H')).toBeNull();
  });

  it('names the expected check character when it is wrong', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check character is wrong: expected 3, got 4');
  });

  it('refuses letters the standard excludes', () => {
    expect(usccProblem('91350100M000100O43')).toMatch(/contains "O"/);
  });

  it('refuses a code of the wrong length', () => {
    expect(usccProblem('9135010')).toBe('must be 18 characters, got 7');
  });
});

describe('resident identity card numbers (GB 11643-1999)', () => {
  it('accepts a number with the right check digit, including X', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('440524199001010018')).toBeNull();
  });

  it('refuses a birth date before 1900', () => {
    expect(residentIdProblem('440524188001010014')).toBe('birth date 1880-01-01 is out of range');
  });

  it('names the expected check digit when it is wrong', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check digit is wrong: expected X, got 1');
  });

  it('refuses a birth date that does not exist', () => {
    expect(residentIdProblem('110105194902300023')).toMatch(/real birth date, got 1949-02-30/);
  });
});

describe('legal entity identifiers (ISO 17442)', () => {
  it('accepts a published LEI and refuses one with a wrong check pair', () => {
    expect(leiProblem('5493001KJTIIGC8Y1R12')).toBeNull();
    expect(leiProblem('5493001KJTIIGC8Y1R13')).toMatch(/check digits are wrong: expected 12/);
  });
});

describe('identifiers typed by a clerk', () => {
  it('are normalised: full-width characters, spaces and lower case', () => {
    expect(normalizeIdentifier(' ９１３７０１００ 000010000h ')).toBe('91370100000010000H');
  });

  it('are recognised by their shape and check character', () => {
    expect(identifierKind('91370100000010000H')).toBe('USCC');
    expect(identifierKind('11010519491231002X')).toBe('RESIDENT_ID');
    expect(identifierKind('9CFB3346-1479-4E57-9721-065F5CB3AF07')).toBe('ID');
    expect(identifierKind('91370100000010000J')).toBe('UNKNOWN');
  });
});
