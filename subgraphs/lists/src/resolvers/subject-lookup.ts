import { badUserInput } from '#common/errors.ts';
import type { ListsContext } from '../context.ts';
import { findSubjectByIdentifier } from '../db/store.ts';
import { identifierKind, malformedIdentifierProblem, normalizeIdentifier } from '../domain/identifiers.ts';
import { mayFindByNumber } from '../domain/privacy.ts';

/**
 * The subject an identifier names. A natural person looked up by an ID number is answered only
 * to callers who may look persons up (government, or the person itself); for anyone else the
 * answer is that of an unknown number, as in screening. A subject id reveals no number, so it
 * opens the (masked) record of anyone.
 */
export async function subjectByIdentifier(identifier: string, ctx: ListsContext) {
  const subject = await findByIdentifier(identifier, ctx);
  if (!subject || subject.id === identifier.trim().toLowerCase()) return subject;
  return mayFindByNumber(ctx.caller, subject) ? subject : null;
}

async function findByIdentifier(identifier: string, ctx: ListsContext) {
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
