import { type Caller, isGovernment } from './caller.ts';

/**
 * Whether `caller` sees a natural person's data in full: a department or the credit office that
 * stated the purpose of its read (004 §(二十七)), or the person itself. Everyone else, a
 * government caller without a purpose included, sees it masked.
 */
export function maySeePersonalData(caller: Caller, subjectId?: string): boolean {
  if (isGovernment(caller)) return Boolean(caller.purpose);
  return caller.role === 'SUBJECT' && subjectId !== undefined && caller.subject === subjectId;
}

/** `110101199003071234` → `110101********1234`: region kept, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length >= 15)
    return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
  if (idNumber.length <= 2) return '*'.repeat(idNumber.length);
  return `${idNumber.charAt(0)}${'*'.repeat(idNumber.length - 2)}${idNumber.slice(-1)}`;
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: the family name's first character stays. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * A run of digits (half- or full-width) that may be spaced or hyphenated, ending in a digit or
 * the check character X, not inside a longer code of letters and digits.
 */
const DIGIT_RUN =
  /(?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])[0-9０-９](?:[ \u3000\-－]?[0-9０-９])*(?:[ \u3000\-－]?[XxＸｘ])?(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])/g;

/**
 * Free text with every resident ID number masked, written as it may be: 15 or 18 characters,
 * with spaces or hyphens between groups, or in full-width digits. A run of 15 or more digits is
 * masked whatever it is: a bank account masked by mistake costs nothing, an ID number shown
 * costs a person's privacy. The given names of natural persons are masked wherever they appear.
 */
export function maskPersonalDataIn(text: string, personNames: readonly string[] = []): string {
  let masked = text.replace(DIGIT_RUN, (run) => {
    const compact = run
      .normalize('NFKC')
      .replace(/[\s\-－]/g, '')
      .toUpperCase();
    return compact.length >= 15 ? maskIdNumber(compact) : run;
  });
  for (const name of [...new Set(personNames)].sort((a, b) => b.length - a.length)) {
    if ([...name].length >= 2) masked = masked.replaceAll(name, maskName(name));
  }
  return masked;
}
