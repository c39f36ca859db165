import { isCreditOfficeOf, isPlatformOperator } from '#common/access.ts';
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

/**
 * The catalogue of a jurisdiction is kept by the platform operator or by that jurisdiction's
 * credit office (004 §(十九)(二十)), not by another jurisdiction's.
 */
export function assertMayKeepCatalogueOf(caller: Caller, jurisdictionCode: string, action: string): void {
  if (isPlatformOperator(caller) || isCreditOfficeOf(caller, `${jurisdictionCode}-CREDIT`)) return;
  throw forbidden(
    `Only the platform operator or the credit office of ${jurisdictionCode} may ${action} of ${jurisdictionCode}.`,
  );
}
