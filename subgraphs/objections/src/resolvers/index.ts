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
import { correctEntry, entryOn } from '../peers/entry.ts';

interface ListingRepresentation {
  id: string;
  subject: { id: string };
}

interface QueueArgs {
  filter?: {
    departmentCode?: string | null;
    subjectId?: string | null;
    listingId?: string | null;
    statuses?: string[] | null;
    overdueOn?: string | null;
  } | null;
  first?: number;
  after?: string;
}

function queueQuery(args: QueueArgs, ctx: ObjectionsContext): QueueQuery {
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

export const resolvers = {
  Date: dateScalar,
  Query: {
    objections: async (_: unknown, args: QueueArgs, ctx: ObjectionsContext) => {
      const page = pageOf(args);
      const { rows, total } = await objectionsPage(ctx.db, queueQuery(args, ctx), page);
      return connectionOf(rows, page, total);
    },
    repairs: async (_: unknown, args: QueueArgs, ctx: ObjectionsContext) => {
      const page = pageOf(args);
      const { rows, total } = await repairsPage(ctx.db, queueQuery(args, ctx), page);
      return connectionOf(rows, page, total);
    },
  },
  Mutation: {
    fileObjection: async (
      _: unknown,
      args: {
        input: {
          listingId: string;
          grounds: string;
          evidence?: string[] | null;
          filedOn: string;
          idempotencyKey?: string | null;
        };
      },
      ctx: ObjectionsContext,
    ) => {
      const request = idempotentRequest(ctx.caller, 'fileObjection', args.input);
      const objection = await once(ctx.db, idempotencyKeys, request, objections, async (claim) => {
        const listingId = idInput('listingId', args.input.listingId);
        const entry = await entryOn(ctx.peers, ctx.caller, listingId, args.input.filedOn);
        const filedBy = filerOf(ctx.caller, entry);
        return fileObjection(ctx.db, entry, filedBy, objectionFiling(entry, args.input, ctx.today), claim);
      });
      return { objection };
    },
    decideObjection: async (
      _: unknown,
      args: {
        input: { objectionId: string; decision: 'UPHELD' | 'REJECTED'; reason: string; decidedOn: string };
      },
      ctx: ObjectionsContext,
    ) => ({
      objection: await decideObjection(
        ctx.db,
        ctx.caller,
        idInput('objectionId', args.input.objectionId),
        args.input,
        ctx.today,
        (correction) => correctEntry(ctx.peers, ctx.caller, correction),
      ),
    }),
    recordFurtherRemedy: async (
      _: unknown,
      args: { input: Parameters<typeof recordFurtherRemedy>[3] & { objectionId: string } },
      ctx: ObjectionsContext,
    ) => ({
      objection: await recordFurtherRemedy(
        ctx.db,
        ctx.caller,
        idInput('objectionId', args.input.objectionId),
        args.input,
        ctx.today,
        (correction) => correctEntry(ctx.peers, ctx.caller, correction),
      ),
    }),
    applyForRepair: async (
      _: unknown,
      args: {
        input: {
          listingId: string;
          method: string;
          evidence: string[];
          commitment: string;
          appliedOn: string;
          idempotencyKey?: string | null;
        };
      },
      ctx: ObjectionsContext,
    ) => {
      const request = idempotentRequest(ctx.caller, 'applyForRepair', args.input);
      const repair = await once(ctx.db, idempotencyKeys, request, repairs, async (claim) => {
        const listingId = idInput('listingId', args.input.listingId);
        const entry = await entryOn(ctx.peers, ctx.caller, listingId, args.input.appliedOn);
        assertMayApplyForRepair(ctx.caller, entry);
        return applyForRepair(ctx.db, entry, repairApplication(entry, args.input, ctx.today), claim);
      });
      return { repair };
    },
    decideRepair: async (
      _: unknown,
      args: {
        input: { repairId: string; decision: 'APPROVED' | 'REJECTED'; reason: string; decidedOn: string };
      },
      ctx: ObjectionsContext,
    ) => ({
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
    __resolveReference: (ref: ListingRepresentation) => ref,
    objections: (listing: ListingRepresentation, _: unknown, ctx: ObjectionsContext) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id)
        ? ctx.loaders.objectionsOfListing.load(listing.id)
        : [],
    repairs: (listing: ListingRepresentation, _: unknown, ctx: ObjectionsContext) =>
      mayReadRemediesOf(ctx.caller, listing.subject.id) ? ctx.loaders.repairsOfListing.load(listing.id) : [],
  },
  Subject: {
    __resolveReference: (ref: { id: string }) => ref,
    objections: (subject: { id: string }, _: unknown, ctx: ObjectionsContext) =>
      mayReadRemediesOf(ctx.caller, subject.id) ? ctx.loaders.objectionsOfSubject.load(subject.id) : [],
  },
  Objection: {
    ...freeTextResolvers<ObjectionRow>(['grounds', 'evidence', 'decisionReason', 'furtherRemedyReference']),
    listing: (o: ObjectionRow) => ({ id: o.listingId }),
    department: (o: ObjectionRow) => ({ code: o.departmentCode }),
    overdue,
    furtherRemedies: (o: ObjectionRow) =>
      o.status === 'REJECTED' ? ['ADMINISTRATIVE_RECONSIDERATION', 'ADMINISTRATIVE_LITIGATION'] : [],
  },
  Repair: {
    ...freeTextResolvers<RepairRow>(['evidence', 'commitment', 'decisionReason']),
    listing: (r: RepairRow) => ({ id: r.listingId }),
    department: (r: RepairRow) => ({ code: r.departmentCode }),
    overdue,
  },
};
