import type { Caller } from '#common/caller.ts';
import { notFound } from '#common/errors.ts';
import type { Peers } from '#common/peers.ts';
import type { Entry } from '../domain/remedies.ts';
import { CorrectDocument, EntryDocument } from '../generated/to-lists.ts';

/**
 * The entry an objection or repair concerns, asked of the lists subgraph as the caller: its
 * state on the business date, its subject, its initiating department and its jurisdiction's
 * policy, as they are at the moment of filing.
 */
export async function entryOn(peers: Peers, caller: Caller, listingId: string, on: string): Promise<Entry> {
  const data = await peers.query('lists', EntryDocument, { id: listingId, on }, caller);
  if (!data.listing) throw notFound(`No list entry ${listingId} that you may see.`);
  return data.listing;
}

export type EntryCorrection = { listingId: string; objectionId: string; decidedOn: string; reason: string };

/**
 * Has the lists subgraph correct the entry for an upheld objection, before the decision commits:
 * the entry's row decides between the correction and an exit racing it, and the loser is
 * CONFLICT. A retry after a lost answer finds the entry already corrected by this objection.
 */
export async function correctEntry(peers: Peers, caller: Caller, correction: EntryCorrection): Promise<void> {
  await peers.query('lists', CorrectDocument, { input: correction }, caller);
}
