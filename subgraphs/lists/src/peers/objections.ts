import type { Peers } from '#common/peers.ts';
import { ObjectionsUnderReviewDocument } from '../generated/to-objections.ts';

/**
 * How many objections to an entry are under review, asked of the objections subgraph itself at
 * signing. Its events reach this subgraph within moments, and in those moments an entry with a
 * fresh objection could otherwise be signed (002 §8). Asked as the platform operator, who reads
 * every jurisdiction's objections, so the count does not depend on the signer's view.
 */
export async function objectionsUnderReview(peers: Peers, listingId: string): Promise<number> {
  const data = await peers.query(
    'objections',
    ObjectionsUnderReviewDocument,
    { listingId },
    { role: 'CREDIT_OFFICE' },
  );
  return data.objections.totalCount;
}
