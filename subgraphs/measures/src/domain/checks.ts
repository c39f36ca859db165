import { badUserInput } from '#common/errors.ts';
import { optionalText, requiredText } from '#common/input.ts';
import type { Scenario } from './catalogue.ts';

export interface CreditCheckInput {
  identifier: string;
  scenario: Scenario;
  checkedOn: string;
  purpose: string;
  reference?: string | null;
}

/** A check records a fact of the past or of today, with what it was for (001 item 15). */
export function validateCheck(input: CreditCheckInput, today: string) {
  if (input.identifier.trim().length === 0)
    throw badUserInput('identifier', 'Enter the subject id, USCC or ID number to check.');
  if (input.checkedOn > today)
    throw badUserInput('checkedOn', `checkedOn ${input.checkedOn} is in the future.`);
  return {
    scenario: input.scenario,
    checkedOn: input.checkedOn,
    purpose: requiredText('purpose', input.purpose, 500),
    reference: optionalText('reference', input.reference, 100),
  };
}

/** A statistics period: whole days, `from` not after `to`, at most three years. */
export function validatePeriod(period: { from: string; to: string }) {
  if (period.from > period.to) throw badUserInput('to', `to (${period.to}) is before from (${period.from}).`);
  const [year, rest] = [Number(period.from.slice(0, 4)), period.from.slice(4)];
  if (period.to > `${year + 3}${rest}`)
    throw badUserInput('to', 'A statistics period spans at most three years.');
}
