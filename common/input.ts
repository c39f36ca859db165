import { badUserInput } from './errors.ts';

const MAX_TEXT = 10_000;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/**
 * Free text as a clerk typed it: trimmed, not empty, bounded. Composed (NFC) but not folded:
 * Chinese prose keeps its full-width punctuation; identifiers and names are folded where they are read.
 */
export function requiredText(field: string, value: string, max = MAX_TEXT): string {
  const text = value.normalize('NFC').trim();
  if (text.length === 0) throw badUserInput(field, `${field} must not be empty.`);
  if (text.length > max)
    throw badUserInput(field, `${field} is ${text.length} characters; at most ${max} are allowed.`);
  return text;
}

/** Like `requiredText`, but absent or blank is null. */
export function optionalText(field: string, value: string | null | undefined, max = MAX_TEXT): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  return requiredText(field, value, max);
}

/** An id argument: a record id this API gave out, else BAD_USER_INPUT naming the field. */
export function idInput(field: string, value: string): string {
  const id = value.trim();
  if (!isUuid(id))
    throw badUserInput(field, `${field} "${value.slice(0, 60)}" is not an id this API gave out.`);
  return id.toLowerCase();
}

/** A reporting period: whole days, `from` not after `to`, at most three years. */
export function validatePeriod(period: { from: string; to: string }) {
  if (period.from > period.to) throw badUserInput('to', `to (${period.to}) is before from (${period.from}).`);
  const [year, rest] = [Number(period.from.slice(0, 4)), period.from.slice(4)];
  if (period.to > `${year + 3}${rest}`) throw badUserInput('to', 'A period spans at most three years.');
}
