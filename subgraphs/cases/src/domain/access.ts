import type { Caller } from '#common/caller.ts';

/** Published cases are public; the credit office reviews all; a department sees what it reported. */
export function mayReadCase(caller: Caller, c: { status: string; reportedBy: string }): boolean {
  if (c.status === 'PUBLISHED') return true;
  if (caller.role === 'CREDIT_OFFICE') return true;
  return caller.role === 'DEPARTMENT' && caller.dept === c.reportedBy;
}
