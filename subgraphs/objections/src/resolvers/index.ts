import { freeTextResolvers } from '#common/free-text.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput } from '#common/input.ts';
import { connectionOf, pageOf } from '#common/pagination.ts';
import { dateScalar } from '#common/scalars.ts';
import type { ObjectionsContext } from '../context.ts';
import {
  applyForRepair,
  decideObjection,
  decideRepair,
  fileObjection,
  recordFurtherRemedy,
} from '../db/commands.ts';
import { objectionsPage, type QueueQuery, repairsPage } from '../db/queries.ts';
import type { ObjectionRow, RepairRow } from '../db/store.ts';
import { idempotencyKeys, objections, repairs } from '../db/tables.ts';
import { mayReadRemediesOf, queueScope } from '../domain/access.ts';
import { assertMayApplyForRepair, filerOf, objectionFiling, repairApplication } from '../domain/remedies.ts';
import type { CompleteResolvers, Maybe, ObjectionFilter, RepairFilter } from '../generated/resolvers.ts';
import { correctEntry, entryOn } from '../peers/lists.ts';

function queueQuery(
  args: { filter?: Maybe<ObjectionFilter | RepairFilter> },
  ctx: ObjectionsContext,
): QueueQuery {
  const filter = args.filter ?? {};
  const scope = queueScope(ctx.caller, {
    departmentCode: filter.departmentCode?.trim(),
    subjectId: filter.subjectId ? idInput('subjectId', filter.subjectId) : null,
  });
  return {
    ...scope,
    listingId: filter.listingId ? idInput('listingId', filter.listingId) : null,
    statuses: filter.statuses ?? null,
    overdueOn: filter.overdueOn ?? null,
  };
}

const overdue = (r: { status: string; dueOn: string }, _: unknown, ctx: ObjectionsContext) =>
  r.status === 'UNDER_REVIEW' && r.dueOn < ctx.today;

export const resolvers: CompleteResolvers = {
  Date: dateScalar,
  Query: {
    objections: async (_, args, ctx) => {
      const page = pageOf(args);
      const { rows, total } = await objectionsPage(ctx.db, queueQuery(args, ctx), page);
      return connectionOf(rows, page, total);
    },
    repairs: async (_, args, ctx) => {
      const page = pageOf(args);
      const { rows, total } = await repairsPage(ctx.db, queueQuery(args, ctx), page);
      return connectionOf(rows, page, total);
    },
  },
  Mutation: {
    fileObjection: async (_, args, ctx) => {
      const request = idempotentRequest(ctx.caller, 'fileObjection', args.input);
      const objection = await once(ctx.db, idempotencyKeys, request, objections, async (claim) => {
        const listingId = idInput('listingId', args.input.listingId);
        const entry = await entryOn(ctx.peers, ctx.caller, listingId, args.input.filedOn);
        const filedBy = filerOf(ctx.caller, entry);
        return fileObjection(ctx.db, entry, filedBy, objectionFiling(entry, args.input, ctx.today), claim);
      });
      return { objection };
    },
    decideObjection: async (_, args, ctx) => ({
      objection: await decideObjection(
        ctx.db,
        ctx.caller,
        idInput('objectionId', args.input.objectionId),
        args.input,
        ctx.today,
        (correction) => correctEntry(ctx.peers, ctx.caller, correction),
      ),
    }),
    recordFurtherRemedy: async (_, args, ctx) => ({
      objection: await recordFurtherRemedy(
        ctx.db,
        ctx.caller,
        idInput('objectionId', args.input.objectionId),
        args.input,
        ctx.today,
        (correction) => correctEntry(ctx.peers, ctx.caller, correction),
      ),
    }),
    applyForRepair: async (_, args, ctx) => {
      const request = idempotentRequest(ctx.caller, 'applyForRepair', args.input);
      const repair = await once(ctx.db, idempotencyKeys, request, repairs, async (claim) => {
        const listingId = idInput('listingId', args.input.listingId);
        const entry = await entryOn(ctx.peers, ctx.caller, listingId, args.input.appliedOn);
        assertMayApplyForRepair(ctx.caller, entry);
        return applyForRepair(ctx.db, entry, repairApplication(entry, args.input, ctx.today), claim);
      });
      return { repair };
    },
    decideRepair: async (_, args, ctx) => ({
      repair: await decideRepair(
        ctx.db,
        ctx.caller,
        idInput('repairId', args.input.repairId),
        args.input,
        ctx.today,
      ),
    }),
  },
  Listing: {
    __resolveReference: (ref) => ref,
    objections: (listing, _, ctx) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id)
        ? ctx.loaders.objectionsOfListing.load(listing.id)
        : [],
    repairs: (listing, _, ctx) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id) ? ctx.loaders.repairsOfListing.load(listing.id) : [],
  },
  Subject: {
    __resolveReference: (ref) => ref,
    objections: (subject, _, ctx) =>
      mayReadRemediesOf(ctx.caller, subject.id) ? ctx.loaders.objectionsOfSubject.load(subject.id) : [],
  },
  Objection: {
    ...freeTextResolvers<ObjectionRow>(['grounds', 'evidence', 'decisionReason', 'furtherRemedyReference']),
    listing: (o) => ({ id: o.listingId, subject: { id: o.subjectId } }),
    department: (o) => ({ code: o.departmentCode }),
    overdue,
    furtherRemedies: (o) =>
      o.status === 'REJECTED' ? ['ADMINISTRATIVE_RECONSIDERATION', 'ADMINISTRATIVE_LITIGATION'] : [],
  },
  Repair: {
    ...freeTextResolvers<RepairRow>(['evidence', 'commitment', 'decisionReason']),
    listing: (r) => ({ id: r.listingId, subject: { id: r.subjectId } }),
    department: (r) => ({ code: r.departmentCode }),
    overdue,
  },
};
