import { badUserInput, conflict } from '#common/errors.ts';
import { optionalText } from '#common/input.ts';
import type { DispatchStatus, ExecutionOutcome } from '../generated/resolvers.ts';
import type { Enforcement, Scenario } from './catalogue.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { DispatchStatus, ExecutionOutcome };

export interface ExecutionInput {
  outcome: ExecutionOutcome;
  executedOn: string;
  scenario: Scenario;
  decisionRef?: string | null;
  reason?: string | null;
  note?: string | null;
  idempotencyKey?: string | null;
}

/** The idempotency key alone, checked before anything else so a retry always finds its first answer. */
export const idempotencyKeyOf = (input: ExecutionInput) =>
  optionalText('idempotencyKey', input.idempotencyKey, 200);

/**
 * What an execution report must satisfy (002 §17–18): the dispatch still stands, the date lies
 * between the dispatch and today, the scenario is one of the measure's, and a recommended or
 * prudent measure, or a measure found not applicable, comes with its reason.
 */
export function validateExecution(
  dispatch: { status: DispatchStatus; dispatchedOn: string; liftedReason: string | null },
  measure: { code: string; enforcement: Enforcement; scenarios: readonly Scenario[] },
  input: ExecutionInput,
  today: string,
) {
  if (dispatch.status === 'LIFTED')
    throw conflict(`This dispatch was lifted (${dispatch.liftedReason}); it takes no further executions.`, {
      status: dispatch.status,
    });
  if (dispatch.status === 'SUSPENDED')
    throw conflict(
      'This dispatch is suspended while an objection to the entry is reviewed; report once it resumes.',
      { status: dispatch.status },
    );
  if (input.executedOn < dispatch.dispatchedOn)
    throw badUserInput('executedOn', `executedOn is before the dispatch of ${dispatch.dispatchedOn}.`);
  if (input.executedOn > today)
    throw badUserInput('executedOn', `executedOn ${input.executedOn} is in the future.`);
  if (!measure.scenarios.includes(input.scenario))
    throw badUserInput(
      'scenario',
      `${measure.code} applies in ${measure.scenarios.join(', ')}; not in ${input.scenario}.`,
    );
  const reason = optionalText('reason', input.reason, 2_000);
  if (!reason && input.outcome === 'NOT_APPLICABLE')
    throw badUserInput('reason', 'Say why the measure did not apply (reason).');
  if (!reason && measure.enforcement !== 'MANDATORY')
    throw badUserInput(
      'reason',
      `${measure.code} is ${measure.enforcement === 'RECOMMENDED' ? 'recommended' : 'a prudent reference'}; state the reason and basis for applying it (002 §17).`,
    );
  return {
    outcome: input.outcome,
    executedOn: input.executedOn,
    scenario: input.scenario,
    decisionRef: optionalText('decisionRef', input.decisionRef, 100),
    reason,
    note: optionalText('note', input.note, 2_000),
  };
}

/** Pending past its due date on `date`. */
export const isOverdue = (dispatch: { status: DispatchStatus; dueOn: string }, date: string) =>
  dispatch.status === 'PENDING' && dispatch.dueOn < date;
