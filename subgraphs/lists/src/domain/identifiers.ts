import { isCalendarDate, parseDate } from '#common/calendar.ts';
import { isUuid } from '#common/input.ts';

/** GB 32100-2015: the unified social credit code's character set (no I, O, S, V, Z). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11643-1999 (ISO 7064 MOD 11-2). */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** Full-width digits and letters become ASCII (NFKC); spaces go; letters are upper case. */
export function normalizeIdentifier(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Why `uscc` is not a valid unified social credit code, or null when it is. */
export function usccProblem(uscc: string): string | null {
  if (uscc.length !== 18) return `must be 18 characters, got ${uscc.length}`;
  const bad = [...uscc].find((c) => !USCC_CHARSET.includes(c));
  if (bad) return `contains "${bad}", which a USCC never uses (letters I, O, S, V and Z are excluded)`;
  if (!/^[0-9]{6}$/.test(uscc.slice(2, 8)))
    return 'characters 3-8 must be the six-digit administrative division code';
  const expected = usccCheckCharacter(uscc.slice(0, 17));
  if (uscc.charAt(17) !== expected)
    return `check character is wrong: expected ${expected}, got ${uscc.charAt(17)}`;
  return null;
}

export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK.charAt(sum % 11);
}

/** Why `id` is not a valid 18-character resident identity card number, or null when it is. */
export function residentIdProblem(id: string): string | null {
  if (id.length !== 18) return `must be 18 characters, got ${id.length}`;
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birth)) return `characters 7-14 must be a real birth date, got ${birth}`;
  if (birth < '1900-01-01' || parseDate(birth).getTime() > Date.now())
    return `birth date ${birth} is out of range`;
  const expected = residentIdCheckDigit(id.slice(0, 17));
  if (id.charAt(17) !== expected) return `check digit is wrong: expected ${expected}, got ${id.charAt(17)}`;
  return null;
}

function mod97(digits: string): number {
  let remainder = 0;
  for (const c of digits) remainder = (remainder * 10 + Number(c)) % 97;
  return remainder;
}

const leiDigits = (lei: string) => [...lei].map((c) => Number.parseInt(c, 36).toString()).join('');

export function leiCheckDigits(first18: string): string {
  return String(98 - mod97(`${leiDigits(first18)}00`)).padStart(2, '0');
}

/** Why `lei` is not a valid ISO 17442 legal entity identifier, or null when it is. */
export function leiProblem(lei: string): string | null {
  if (!/^[0-9A-Z]{18}[0-9]{2}$/.test(lei)) return 'must be 18 letters or digits followed by 2 check digits';
  if (mod97(leiDigits(lei)) !== 1)
    return `check digits are wrong: expected ${leiCheckDigits(lei.slice(0, 18))}`;
  return null;
}

/**
 * Why an 18-character identifier is neither a valid USCC nor a valid resident ID number, naming
 * both readings when both are possible (an all-digit USCC looks like an ID number), or null.
 */
export function malformedIdentifierProblem(normalized: string): string | null {
  if (normalized.length !== 18) return null;
  const uscc = usccProblem(normalized);
  if (!uscc) return null;
  if (!/^[0-9]{17}[0-9X]$/.test(normalized)) return `not a valid USCC: ${uscc}`;
  const residentId = residentIdProblem(normalized);
  if (!residentId) return null;
  return `neither a valid USCC (${uscc}) nor a valid resident ID number (${residentId})`;
}

export type IdentifierKind = 'ID' | 'USCC' | 'RESIDENT_ID' | 'UNKNOWN';

/** What an identifier typed into a search box looks like it is, after normalisation. */
export function identifierKind(normalized: string): IdentifierKind {
  if (isUuid(normalized)) return 'ID';
  if (normalized.length === 18 && /^[0-9]{17}[0-9X]$/.test(normalized) && !residentIdProblem(normalized)) {
    return 'RESIDENT_ID';
  }
  if (normalized.length === 18 && !usccProblem(normalized)) return 'USCC';
  return 'UNKNOWN';
}
