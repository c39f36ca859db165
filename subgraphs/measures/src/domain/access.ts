import type { Caller } from '#common/caller.ts';
import { forbidden } from '#common/errors.ts';

/** Execution records are GOVERNMENT_SHARED (domain.md §8): government roles and the subject itself. */
export function mayReadExecutionsOf(caller: Caller, subjectId: string): boolean {
  if (caller.role === 'PUBLIC') return false;
  if (caller.role === 'SUBJECT') return caller.subject === subjectId;
  return true;
}

/** Dispatches are government work items; the public and subjects do not see them. */
export const mayReadDispatches = (caller: Caller) =>
  caller.role === 'DEPARTMENT' || caller.role === 'CREDIT_OFFICE' || caller.role === 'ANALYST';

/**
 * The department whose records a query may show: a department sees only its own; the credit
 * office and analysts see any, or all when none is asked for.
 */
export function departmentInScope(
  caller: Caller,
  requested: string | null | undefined,
  what: string,
): string | null {
  if (caller.role === 'DEPARTMENT') {
    if (requested && requested !== caller.dept)
      throw forbidden(`A department sees only its own ${what}; ${requested} is not yours.`);
    return caller.dept ?? null;
  }
  if (caller.role === 'CREDIT_OFFICE' || caller.role === 'ANALYST') return requested ?? null;
  throw forbidden(`Only government departments, the credit office and analysts see ${what}.`);
}

/** 谁执行谁反馈: the dispatch's own department reports, or the credit office on its behalf. */
export function assertMayReport(caller: Caller, departmentCode: string): void {
  if (caller.role === 'CREDIT_OFFICE') return;
  if (caller.role === 'DEPARTMENT' && caller.dept === departmentCode) return;
  throw forbidden(
    `Only ${departmentCode}, which received this dispatch, or the credit office may report on it.`,
  );
}

/** A credit check is recorded against the department that makes it. */
export function checkingDepartment(caller: Caller): string {
  if ((caller.role === 'DEPARTMENT' || caller.role === 'CREDIT_OFFICE') && caller.dept) return caller.dept;
  throw forbidden('Only a department (a token with a dept claim) may perform a credit check.');
}

export function assertCreditOffice(caller: Caller, action: string): void {
  if (caller.role !== 'CREDIT_OFFICE') throw forbidden(`Only the credit office may ${action}.`);
}
