import type { Peers } from '#common/peers.ts';

const UNDER_REVIEW = /* GraphQL */ `
  query ObjectionsUnderReview($listingId: ID!) {
    objections(filter: { listingId: $listingId, statuses: [UNDER_REVIEW] }, first: 1) { totalCount }
  }
`;

/**
 * How many objections to an entry are under review, asked of the objections subgraph itself at
 * signing. Its events reach this subgraph within moments, and in those moments an entry with a
 * fresh objection could otherwise be signed (002 §8). Asked as the platform operator, who reads
 * every jurisdiction's objections, so the count does not depend on the signer's view.
 */
export async function objectionsUnderReview(peers: Peers, listingId: string): Promise<number> {
  const data = await peers.query<{ objections: { totalCount: number } }>(
    'objections',
    UNDER_REVIEW,
    { listingId },
    { role: 'CREDIT_OFFICE' },
  );
  return data.objections.totalCount;
}
