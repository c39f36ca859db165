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
        const uscc = usccProblem(normalized);
        const residentId = /^[0-9]{17}[0-9X]$/.test(normalized) ? residentIdProblem(normalized) : null;
        const reading = residentId
          ? `neither a valid USCC (${uscc}) nor a valid resident ID number (${residentId})`
          : `not a valid USCC: ${uscc}`;
        throw badUserInput('identifier', `"${identifier}" is ${reading}.`);
      }
      // Passports and other documents have no check character: look the number up as it is.
      return findSubjectByIdentifier(ctx.db, { residentId: normalized });
    }
  }
}
