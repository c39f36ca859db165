import { dateScalar, dateTimeScalar } from '#common/scalars.ts';
import type { MeasuresContext } from '../context.ts';
import type { ExecutionRow, MeasureRow } from '../db/store.ts';
import { mayReadExecutionsOf } from '../domain/access.ts';
import { applicableMeasures, mandatoryFirst } from '../domain/applicability.ts';
import type { Enforcement, ListType, MeasureKind, Scenario, SubjectKind } from '../domain/catalogue.ts';

interface ListingRepresentation {
  id: string;
  listType: ListType;
  jurisdiction: { code: string };
  subject: { id: string; kind: SubjectKind };
}

interface MeasureFilter {
  kind?: MeasureKind | null;
  listType?: ListType | null;
  scenario?: Scenario | null;
  enforcement?: Enforcement | null;
  jurisdictionCode?: string | null;
}

function matches(m: MeasureRow, filter: MeasureFilter): boolean {
  return (
    (!filter.kind || m.kind === filter.kind) &&
    (!filter.listType || m.listTypes.includes(filter.listType)) &&
    (!filter.scenario || m.scenarios.includes(filter.scenario)) &&
    (!filter.enforcement || m.enforcement === filter.enforcement) &&
    (!filter.jurisdictionCode || m.jurisdictionCode === filter.jurisdictionCode)
  );
}

export const resolvers = {
  Date: dateScalar,
  DateTime: dateTimeScalar,
  Query: {
    measures: async (_: unknown, args: { filter?: MeasureFilter | null }, ctx: MeasuresContext) => {
      const { current } = await ctx.catalogue();
      return current.filter((m) => matches(m, args.filter ?? {})).sort(mandatoryFirst);
    },
    measure: async (_: unknown, args: { code: string }, ctx: MeasuresContext) =>
      (await ctx.catalogue()).currentByCode.get(args.code.trim()) ?? null,
  },
  Measure: {
    __resolveReference: async (ref: { code: string }, ctx: MeasuresContext) =>
      (await ctx.catalogue()).currentByCode.get(ref.code) ?? null,
    implementingDepartment: (m: MeasureRow) => ({ code: m.implementingDepartmentCode }),
    jurisdiction: (m: MeasureRow) => ({ code: m.jurisdictionCode }),
  },
  Listing: {
    __resolveReference: (ref: ListingRepresentation) => ref,
    applicableMeasures: async (
      listing: ListingRepresentation,
      args: { scenario?: Scenario | null },
      ctx: MeasuresContext,
    ) => {
      const [{ current }, dispatches] = await Promise.all([
        ctx.catalogue(),
        ctx.loaders.dispatchesOfListing.load(listing.id),
      ]);
      const catalogue = current.filter((m) => m.jurisdictionCode === listing.jurisdiction.code);
      const suspended = new Set(dispatches.filter((d) => d.status === 'SUSPENDED').map((d) => d.measureCode));
      return applicableMeasures(
        catalogue,
        { listType: listing.listType, subjectKind: listing.subject.kind },
        args.scenario,
      ).map((measure) => ({
        measure,
        implementingDepartment: { code: measure.implementingDepartmentCode },
        suspended: suspended.has(measure.code),
      }));
    },
    executions: async (listing: ListingRepresentation, _: unknown, ctx: MeasuresContext) =>
      mayReadExecutionsOf(ctx.caller, listing.subject.id)
        ? ctx.loaders.executionsOfListing.load(listing.id)
        : [],
  },
  Execution: {
    measure: async (e: ExecutionRow, _: unknown, ctx: MeasuresContext) =>
      (await ctx.catalogue()).version(e.measureCode, e.measureVersion),
    department: (e: ExecutionRow) => ({ code: e.departmentCode }),
  },
};
