import { badUserInput } from '#common/errors.ts';
import type { ListsContext } from '../context.ts';
import { findSubjectByIdentifier } from '../db/store.ts';
import {
  identifierKind,
  normalizeIdentifier,
  residentIdProblem,
  usccProblem,
} from '../domain/identifiers.ts';

export async function subjectByIdentifier(identifier: string, ctx: ListsContext) {
  const normalized = normalizeIdentifier(identifier);
  if (normalized.length === 0) throw badUserInput('identifier', 'Enter a subject id, USCC or ID number.');
  switch (identifierKind(normalized)) {
    case 'ID':
      return findSubjectByIdentifier(ctx.db, { id: normalized });
    case 'USCC':
      return findSubjectByIdentifier(ctx.db, { uscc: normalized });
    case 'RESIDENT_ID':
      return findSubjectByIdentifier(ctx.db, { residentId: normalized });
    case 'UNKNOWN': {
      if (normalized.length === 18) {
        const looksLikeResidentId = /^[0-9]{17}[0-9X]$/.test(normalized);
        const problem = looksLikeResidentId ? residentIdProblem(normalized) : usccProblem(normalized);
        const what = looksLikeResidentId ? 'resident ID number' : 'USCC';
        throw badUserInput('identifier', `"${identifier}" is not a valid ${what}: ${problem}.`);
      }
      // Passports and other documents have no check character: look the number up as it is.
      return findSubjectByIdentifier(ctx.db, { residentId: normalized });
    }
  }
}
