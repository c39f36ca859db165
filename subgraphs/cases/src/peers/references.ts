import type { Caller } from '#common/caller.ts';
import { badUserInput } from '#common/errors.ts';
import { personsNamed } from '#common/free-text.ts';
import { idInput } from '#common/input.ts';
import type { PeerDocument, Peers } from '#common/peers.ts';
import { KnownListingsDocument, KnownSubjectsDocument } from '../generated/to-lists.ts';
import { KnownMeasuresDocument } from '../generated/to-measures.ts';

/** The references that `subgraph` knows, in the order asked; null for an unknown one. */
async function known<T, V extends { representations: unknown }>(
  peers: Peers,
  caller: Caller,
  subgraph: 'lists' | 'measures',
  document: PeerDocument<{ _entities: (T | null)[] }, V>,
  representations: object[],
): Promise<(T | null)[]> {
  if (representations.length === 0) return [];
  const data = await peers.query(subgraph, document, { representations } as V, caller);
  return data._entities;
}

function assertKnown(field: string, keys: readonly string[], found: readonly unknown[], what: string) {
  const unknown = keys.filter((_, i) => !found[i]);
  if (unknown.length > 0) throw badUserInput(field, `Unknown ${what}: ${unknown.join(', ')}.`);
}

/**
 * Checks every subject, entry and measure a case names through the subgraphs that own them, as
 * the reporting department sees them, and returns the names of the natural persons among the
 * subjects and their legal representatives, to be masked in the case's text.
 */
export async function checkReferences(
  peers: Peers,
  caller: Caller,
  report: { subjectIds: string[]; listingIds: string[]; measureCodes: string[] },
): Promise<{ personNames: string[] }> {
  const subjectIds = report.subjectIds.map((id) => idInput('subjectIds', id));
  const listingIds = report.listingIds.map((id) => idInput('listingIds', id));
  const [subjects, listings, measures] = await Promise.all([
    known(
      peers,
      caller,
      'lists',
      KnownSubjectsDocument,
      subjectIds.map((id) => ({ __typename: 'Subject', id })),
    ),
    known(
      peers,
      caller,
      'lists',
      KnownListingsDocument,
      listingIds.map((id) => ({ __typename: 'Listing', id })),
    ),
    known(
      peers,
      caller,
      'measures',
      KnownMeasuresDocument,
      report.measureCodes.map((code) => ({ __typename: 'Measure', code })),
    ),
  ]);
  assertKnown('subjectIds', subjectIds, subjects, 'subjects');
  assertKnown('listingIds', listingIds, listings, 'list entries');
  assertKnown('measureCodes', report.measureCodes, measures, 'measures');
  // The names to mask, in full whatever the reporter may read: they are stored, never shown.
  const persons = await personsNamed(peers, caller, subjectIds);
  return { personNames: [...new Set(persons.map((p) => p.name))] };
}
