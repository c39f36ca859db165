import type { Caller } from '#common/caller.ts';
import type { Peers } from '#common/peers.ts';
import type { EntryInForce } from '../domain/applicability.ts';
import type { SubjectKind } from '../domain/catalogue.ts';
import { StandingDocument, type StandingQuery } from '../generated/to-lists.ts';

/** A subject's standing on a date, as lists answers `Standing` (lists.graphql). */
export type Standing = NonNullable<StandingQuery['subject']>;

/** An entry in force as lists gives it: the selection of `Standing` and of this service's `@requires`. */
export type ListingInForce = Standing['listingsInForce'][number];

/** A Listing as this subgraph is handed it: by id, with the fields of its `@requires` when the gateway sent them. */
export interface ListingReference {
  id: string;
  listType?: EntryInForce['listType'];
  domain?: string;
  jurisdiction?: { code: string };
  subject?: { id: string; kind?: SubjectKind };
}

/** A Subject as this subgraph is handed it: by id, with the fields of its `@requires` when sent. */
export interface SubjectReference {
  id: string;
  kind?: SubjectKind;
  listingsInForce?: ListingInForce[];
}

/**
 * The fields a resolver's `@requires` names. The gateway's plan always sends them; their absence
 * is a fault of the plan, not of the caller, and fails the field rather than guessing.
 */
export function provided<T extends object, K extends keyof T>(
  reference: T,
  ...fields: K[]
): T & { [F in K]-?: NonNullable<T[F]> } {
  const missing = fields.filter((f) => reference[f] === undefined || reference[f] === null);
  if (missing.length > 0) throw new Error(`The gateway did not send ${missing.join(', ')} (@requires).`);
  return reference as T & { [F in K]-?: NonNullable<T[F]> };
}

export const entriesOf = (listings: readonly ListingInForce[]): EntryInForce[] =>
  listings.map((l) => ({
    id: l.id,
    listType: l.listType,
    domain: l.domain,
    jurisdictionCode: l.jurisdiction.code,
    subjectId: l.subject.id,
  }));

/**
 * A subject's standing on a date, asked of the lists subgraph as the caller, at the moment of a
 * credit check: a check must see an entry that took effect a second ago.
 */
export async function standingOf(peers: Peers, caller: Caller, identifier: string, on: string) {
  const data = await peers.query('lists', StandingDocument, { identifier, on }, caller);
  return data.subject;
}
