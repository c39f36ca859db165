import { dateScalar } from '#common/scalars.ts';
import type { ObjectionsContext } from '../context.ts';
import type { ObjectionRow, RepairRow } from '../db/store.ts';
import { mayReadRemediesOf } from '../domain/access.ts';

interface ListingRepresentation {
  id: string;
  subject: { id: string };
}

export const resolvers = {
  Date: dateScalar,
  Listing: {
    __resolveReference: (ref: ListingRepresentation) => ref,
    objections: (listing: ListingRepresentation, _: unknown, ctx: ObjectionsContext) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id)
        ? ctx.loaders.objectionsOfListing.load(listing.id)
        : [],
    repairs: (listing: ListingRepresentation, _: unknown, ctx: ObjectionsContext) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id) ? ctx.loaders.repairsOfListing.load(listing.id) : [],
  },
  Objection: {
    listing: (o: ObjectionRow) => ({ id: o.listingId }),
  },
  Repair: {
    listing: (r: RepairRow) => ({ id: r.listingId }),
  },
};
