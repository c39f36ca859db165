import type { Caller } from '#common/caller.ts';

/** Execution records are GOVERNMENT_SHARED (domain.md §8): government roles and the subject itself. */
export function mayReadExecutionsOf(caller: Caller, subjectId: string): boolean {
  if (caller.role === 'PUBLIC') return false;
  if (caller.role === 'SUBJECT') return caller.subject === subjectId;
  return true;
}
