import type { Caller } from '#common/caller.ts';
import { forbidden } from '#common/errors.ts';

/** Objections and repairs concern the subject and the government; the public sees neither. */
export function mayReadRemediesOf(caller: Caller, subjectId: string): boolean {
  if (caller.role === 'PUBLIC') return false;
  if (caller.role === 'SUBJECT') return caller.subject === subjectId;
  return true;
}

/**
 * Whose objections or repairs a queue may show: a department those it decides, a subject its
 * own, the credit office and analysts any.
 */
export function queueScope(
  caller: Caller,
  requested: { departmentCode?: string | null; subjectId?: string | null },
): { departmentCode: string | null; subjectId: string | null } {
  const subjectId = requested.subjectId ?? null;
  switch (caller.role) {
    case 'DEPARTMENT':
      if (requested.departmentCode && requested.departmentCode !== caller.dept)
        throw forbidden(
          `A department sees the queue of its own entries; ${requested.departmentCode} is not yours.`,
        );
      return { departmentCode: caller.dept ?? null, subjectId };
    case 'SUBJECT':
      if (subjectId && subjectId !== caller.subject)
        throw forbidden('A subject sees only its own objections and repairs.');
      return { departmentCode: requested.departmentCode ?? null, subjectId: caller.subject ?? null };
    case 'CREDIT_OFFICE':
    case 'ANALYST':
      return { departmentCode: requested.departmentCode ?? null, subjectId };
    case 'PUBLIC':
      throw forbidden('Objections and repairs are shared with the subject and the government only.');
  }
}
