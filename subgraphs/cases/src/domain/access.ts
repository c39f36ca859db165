import { isCreditOfficeOf, isPlatformOperator, jurisdictionOf } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { forbidden } from '#common/errors.ts';

/** Published cases are public; the credit office reviews all; a department sees what it reported. */
export function mayReadCase(caller: Caller, c: { status: string; reportedBy: string }): boolean {
  if (c.status === 'PUBLISHED') return true;
  if (caller.role === 'CREDIT_OFFICE') return true;
  return caller.role === 'DEPARTMENT' && caller.dept === c.reportedBy;
}

/**
 * The credit office publishes the cases of its jurisdiction (000 §5(三), 004 §(二十九)); the
 * platform operator publishes any; no other credit office and no department does.
 */
export function assertMayPublish(caller: Caller, reportedBy: string, action: string): void {
  if (isPlatformOperator(caller) || isCreditOfficeOf(caller, reportedBy)) return;
  throw forbidden(
    `Only the credit office of jurisdiction ${jurisdictionOf(reportedBy)}, or the platform operator, may ${action}.`,
  );
}

/** The credit office and analysts read the circulation digest. */
export function assertMayReadDigest(caller: Caller): void {
  if (caller.role !== 'CREDIT_OFFICE' && caller.role !== 'ANALYST')
    throw forbidden('The case digest is for the credit office and analysts.');
}
