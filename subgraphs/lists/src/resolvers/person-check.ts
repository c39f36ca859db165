import { badUserInput } from '#common/errors.ts';
import { requiredText } from '#common/input.ts';
import type { ListsContext } from '../context.ts';
import { findSubjectByIdentifier } from '../db/store.ts';
import { malformedIdentifierProblem, normalizeIdentifier } from '../domain/identifiers.ts';
import { mayReadListing } from '../domain/privacy.ts';
import { isEffectiveOn, statusOn } from '../domain/status.ts';

const NOT_LISTED = { listed: false, listings: [] };

/**
 * The public's check of one person (as Credit China's public query): name and number must both
 * match, and a mismatch answers exactly as an unlisted person does, so the check confirms
 * nothing the caller did not already know.
 */
export async function personCheck(args: { name: string; idNumber: string }, ctx: ListsContext) {
  const name = requiredText('name', args.name, 50).normalize('NFKC').replace(/\s+/g, '');
  const idNumber = normalizeIdentifier(args.idNumber);
  if (idNumber.length === 0 || idNumber.length > 64)
    throw badUserInput('idNumber', 'Enter the full ID number of the person to check.');
  const problem = malformedIdentifierProblem(idNumber);
  if (problem) throw badUserInput('idNumber', `The ID number is ${problem}.`);
  const person = await findSubjectByIdentifier(ctx.db, { residentId: idNumber });
  if (person?.kind !== 'NATURAL_PERSON') return NOT_LISTED;
  await ctx.registerRead(person.id, 'PERSON_CHECK');
  if (person.name.normalize('NFKC').replace(/\s+/g, '') !== name) return NOT_LISTED;
  const publicCaller = { role: 'PUBLIC' as const };
  const listings = (await ctx.loaders.listingsOfSubject.load(person.id)).filter(
    (row) =>
      isEffectiveOn(row, ctx.today) &&
      mayReadListing(publicCaller, { ...row, ...statusOn(row, ctx.today) }, ctx.today),
  );
  return { listed: listings.length > 0, listings };
}
