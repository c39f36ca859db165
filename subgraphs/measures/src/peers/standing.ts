import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import type { EntryInForce } from '../domain/applicability.ts';
import type { SubjectKind } from '../domain/catalogue.ts';

/** The lists subgraph's view of an entry in force, as `Subject.listingsInForce` gives it. */
export interface ListingInForce {
  id: string;
  listType: EntryInForce['listType'];
  domain: string;
  jurisdiction: { code: string };
  subject: { id: string };
}

export const entriesOf = (listings: readonly ListingInForce[]): EntryInForce[] =>
  listings.map((l) => ({
    id: l.id,
    listType: l.listType,
    domain: l.domain,
    jurisdictionCode: l.jurisdiction.code,
    subjectId: l.subject.id,
  }));

const STANDING = /* GraphQL */ `
  query Standing($identifier: String!, $on: Date!) {
    subject(identifier: $identifier) {
      id
      kind
      creditStatus(asOf: $on)
      listingsInForce(on: $on) { id listType domain jurisdiction { code } subject { id } }
    }
  }
`;

export interface Standing {
  id: string;
  kind: SubjectKind;
  creditStatus: string;
  listingsInForce: ListingInForce[];
}

/**
 * A subject's standing on a date, asked of the lists subgraph as the caller, at the moment of a
 * credit check: a check must see an entry that took effect a second ago.
 */
export async function standingOf(peers: Peers, caller: Caller, identifier: string, on: string) {
  const data = await peers.query<{ subject: Standing | null }>('lists', STANDING, { identifier, on }, caller);
  return data.subject;
}
