import { badUserInput } from '#common/errors.ts';
import type { ListsContext } from '../context.ts';
import { subjectsByIdentifiers } from '../db/queries.ts';
import { identifierKind, malformedIdentifierProblem, normalizeIdentifier } from '../domain/identifiers.ts';
import { mayFindByNumber } from '../domain/privacy.ts';

export const MAX_SCREENED = 1_000;

function fault(normalized: string): string | null {
  if (normalized.length === 0) return 'empty identifier';
  if (normalized.length > 64) return 'too long to be an identifier';
  return malformedIdentifierProblem(normalized);
}

export const UNKNOWN_IDENTIFIER = 'No registered subject has this identifier.';

/**
 * One result per identifier, in order; a bad identifier fails only its own result. A natural
 * person is screened for government only (`mayFindByNumber`).
 */
export async function screenSubjects(identifiers: string[], ctx: ListsContext) {
  if (identifiers.length > MAX_SCREENED) {
    throw badUserInput(
      'identifiers',
      `At most ${MAX_SCREENED} identifiers per request; got ${identifiers.length}.`,
    );
  }
  const items = identifiers.map((identifier) => {
    const normalized = normalizeIdentifier(identifier);
    const problem = fault(normalized);
    const kind = problem ? 'UNKNOWN' : identifierKind(normalized);
    return { identifier, normalized, problem, isId: kind === 'ID' };
  });
  const lookups = items.filter((i) => !i.problem);
  const rows = await subjectsByIdentifiers(
    ctx.db,
    lookups.filter((i) => i.isId).map((i) => i.normalized.toLowerCase()),
    lookups.filter((i) => !i.isId).map((i) => i.normalized),
  );
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    byKey.set(row.id, row);
    if (row.uscc) byKey.set(row.uscc, row);
    if (row.idNumber) byKey.set(row.idNumber, row);
  }
  return items.map(({ identifier, normalized, problem, isId }) => {
    if (problem) return { identifier, subject: null, error: `Malformed identifier: ${problem}.` };
    const found = byKey.get(isId ? normalized.toLowerCase() : normalized);
    const subject = found && (isId || mayFindByNumber(ctx.caller, found)) ? found : null;
    return { identifier, subject, error: subject ? null : UNKNOWN_IDENTIFIER };
  });
}
