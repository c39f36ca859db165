import { dateScalar } from '#common/scalars.ts';
import type { CasesContext } from '../context.ts';
import type { CaseRow } from '../db/store.ts';
import { mayReadCase } from '../domain/access.ts';

const visible = (ctx: CasesContext, c: CaseRow | null) => (c && mayReadCase(ctx.caller, c) ? c : null);

export const resolvers = {
  Date: dateScalar,
  Query: {
    case: async (_: unknown, args: { id: string }, ctx: CasesContext) =>
      visible(ctx, await ctx.loaders.case.load(args.id)),
  },
  Case: {
    __resolveReference: async (ref: { id: string }, ctx: CasesContext) =>
      visible(ctx, await ctx.loaders.case.load(ref.id)),
    reportingDepartment: (c: CaseRow) => ({ code: c.reportedBy }),
    subjects: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.subjectsOfCase.load(c.id)).map((row) => ({ id: row.subjectId })),
    listings: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.listingsOfCase.load(c.id)).map((row) => ({ id: row.listingId })),
    measures: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.measuresOfCase.load(c.id)).map((row) => ({ code: row.measureCode })),
  },
  Subject: {
    __resolveReference: (ref: { id: string }) => ref,
    cases: async (subject: { id: string }, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.casesOfSubject.load(subject.id))
        .map((row) => row.case)
        .filter((c) => mayReadCase(ctx.caller, c)),
  },
};
