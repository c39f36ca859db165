import { badUserInput } from '#common/errors.ts';
import type { ListsContext } from '../context.ts';
import { findSubjectByIdentifier } from '../db/store.ts';
import { identifierKind, malformedIdentifierProblem, normalizeIdentifier } from '../domain/identifiers.ts';

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
      const problem = malformedIdentifierProblem(normalized);
      if (problem) throw badUserInput('identifier', `"${identifier}" is ${problem}.`);
      // Passports and other documents have no check character: look the number up as it is.
      return findSubjectByIdentifier(ctx.db, { residentId: normalized });
    }
  }
}
