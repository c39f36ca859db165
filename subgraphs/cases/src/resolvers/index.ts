import { actingDepartment } from '#common/access.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput, validatePeriod } from '#common/input.ts';
import { connectionOf, pageOf } from '#common/pagination.ts';
import { dateScalar } from '#common/scalars.ts';
import type { CasesContext } from '../context.ts';
import { correctCase, publishCase, reportCase, withdrawCase } from '../db/commands.ts';
import { caseDigest, casesPage } from '../db/queries.ts';
import type { CaseRow } from '../db/store.ts';
import { cases, idempotencyKeys } from '../db/tables.ts';
import { assertMayReadDigest, mayReadCase } from '../domain/access.ts';
import { searchTerms, validateReport } from '../domain/cases.ts';
import type { CompleteResolvers } from '../generated/resolvers.ts';
import { checkReferences } from '../peers/references.ts';

const visible = (ctx: CasesContext, c: CaseRow | null) => (c && mayReadCase(ctx.caller, c) ? c : null);
const readable = (ctx: CasesContext, rows: { case: CaseRow }[]) =>
  rows.map((row) => row.case).filter((c) => mayReadCase(ctx.caller, c));

/** Case text as the caller may read it, masked with the names the case was reported with. */
const shown = (ctx: CasesContext, text: string, c: CaseRow) =>
  ctx.shown({
    text,
    names: c.personNames,
    subjectIds: async () => (await ctx.loaders.subjectsOfCase.load(c.id)).map((row) => row.subjectId),
  });

export const resolvers: CompleteResolvers = {
  Date: dateScalar,
  Query: {
    case: async (_, args, ctx) => visible(ctx, await ctx.loaders.case.load(idInput('id', args.id))),
    cases: async (_, args, ctx) => {
      const page = pageOf(args);
      const filter = args.filter ?? {};
      const period = { from: filter.from ?? null, to: filter.to ?? null };
      if (period.from && period.to) validatePeriod({ from: period.from, to: period.to });
      const { rows, total } = await casesPage(
        ctx.db,
        ctx.caller,
        {
          kind: filter.kind ?? null,
          domain: filter.domain?.trim().toUpperCase() || null,
          status: filter.status ?? null,
          departmentCode: filter.departmentCode?.trim() || null,
          subjectId: filter.subjectId ? idInput('subjectId', filter.subjectId) : null,
          ...period,
          terms: searchTerms(filter.text ?? ''),
        },
        page,
      );
      return connectionOf(rows, page, total, (row) => ({ score: row.score }));
    },
    caseDigest: async (_, args, ctx) => {
      assertMayReadDigest(ctx.caller);
      validatePeriod(args);
      return caseDigest(ctx.db, args.from, args.to);
    },
  },
  Mutation: {
    reportCase: async (_, args, ctx) => {
      const request = idempotentRequest(ctx.caller, 'reportCase', args.input);
      const reported = await once(ctx.db, idempotencyKeys, request, cases, async (claim) => {
        // Departments report the cases of their own work (000 §5(二)).
        const reportedBy = actingDepartment(ctx.caller, 'report a typical case');
        const report = validateReport(args.input);
        const { personNames } = await checkReferences(ctx.peers, ctx.caller, report);
        return reportCase(ctx.db, { ...report, personNames, reportedBy, reportedOn: ctx.today }, claim);
      });
      return { case: reported };
    },
    publishCase: async (_, args, ctx) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await publishCase(ctx.db, ctx.caller, id, args.input.publishedOn, ctx.today) };
    },
    withdrawCase: async (_, args, ctx) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await withdrawCase(ctx.db, ctx.caller, id, args.input, ctx.today) };
    },
    correctCase: async (_, args, ctx) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await correctCase(ctx.db, ctx.caller, id, args.input, ctx.today) };
    },
  },
  Case: {
    __resolveReference: async (ref, ctx) => visible(ctx, await ctx.loaders.case.load(ref.id)),
    title: (c, _, ctx) => shown(ctx, c.title, c),
    summary: (c, _, ctx) => shown(ctx, c.summary, c),
    withdrawnReason: (c, _, ctx) => c.withdrawnReason && shown(ctx, c.withdrawnReason, c),
    reportingDepartment: (c) => ({ code: c.reportedBy }),
    history: async (c, _, ctx) =>
      Promise.all(
        (await ctx.loaders.revisionsOfCase.load(c.id)).map(async (r) => ({
          ...r,
          title: await shown(ctx, r.title, c),
          summary: await shown(ctx, r.summary, c),
          reason: await shown(ctx, r.reason, c),
        })),
      ),
    subjects: async (c, _, ctx) =>
      (await ctx.loaders.subjectsOfCase.load(c.id)).map((row) => ({ id: row.subjectId })),
    listings: async (c, _, ctx) =>
      (await ctx.loaders.listingsOfCase.load(c.id)).map((row) => ({ id: row.listingId })),
    measures: async (c, _, ctx) =>
      (await ctx.loaders.measuresOfCase.load(c.id)).map((row) => ({ code: row.measureCode })),
  },
  CaseDigestRow: {
    department: (row) => ({ code: row.departmentCode }),
  },
  Subject: {
    __resolveReference: (ref) => ref,
    cases: async (subject, _, ctx) => readable(ctx, await ctx.loaders.casesOfSubject.load(subject.id)),
  },
  Listing: {
    __resolveReference: (ref) => ref,
    cases: async (listing, _, ctx) => readable(ctx, await ctx.loaders.casesOfListing.load(listing.id)),
  },
  Measure: {
    __resolveReference: (ref) => ref,
    cases: async (measure, _, ctx) => readable(ctx, await ctx.loaders.casesOfMeasure.load(measure.code)),
  },
};
