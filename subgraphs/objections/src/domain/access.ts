import type { Caller } from '#common/caller.ts';

/** Objections and repairs concern the subject and the government; the public sees neither. */
export function mayReadRemediesOf(caller: Caller, subjectId: string): boolean {
  if (caller.role === 'PUBLIC') return false;
  if (caller.role === 'SUBJECT') return caller.subject === subjectId;
  return true;
}
