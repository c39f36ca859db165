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
