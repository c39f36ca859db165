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

// An 18-character resident ID (GB 11643) or a 15-digit first-generation one, not inside a longer number.
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/**
 * Free text with every resident ID number masked, and the given names of natural persons masked
 * wherever they appear, whatever the author wrote.
 */
export function maskPersonalDataIn(text: string, personNames: readonly string[] = []): string {
  let masked = text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id.toUpperCase()));
  for (const name of [...personNames].sort((a, b) => b.length - a.length)) {
    if ([...name].length >= 2) masked = masked.replaceAll(name, maskName(name));
  }
  return masked;
}
