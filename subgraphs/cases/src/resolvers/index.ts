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
import {
  type CaseKind,
  type CaseReport,
  type CaseStatus,
  searchTerms,
  validateReport,
} from '../domain/cases.ts';
import { checkReferences } from '../peers/references.ts';

interface CasesArgs {
  filter?: {
    kind?: CaseKind | null;
    domain?: string | null;
    text?: string | null;
    status?: CaseStatus | null;
    departmentCode?: string | null;
    subjectId?: string | null;
    from?: string | null;
    to?: string | null;
  } | null;
  first?: number;
  after?: string;
}

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

export const resolvers = {
  Date: dateScalar,
  Query: {
    case: async (_: unknown, args: { id: string }, ctx: CasesContext) =>
      visible(ctx, await ctx.loaders.case.load(idInput('id', args.id))),
    cases: async (_: unknown, args: CasesArgs, ctx: CasesContext) => {
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
    caseDigest: async (_: unknown, args: { from: string; to: string }, ctx: CasesContext) => {
      assertMayReadDigest(ctx.caller);
      validatePeriod(args);
      return caseDigest(ctx.db, args.from, args.to);
    },
  },
  Mutation: {
    reportCase: async (
      _: unknown,
      args: { input: CaseReport & { idempotencyKey?: string | null } },
      ctx: CasesContext,
    ) => {
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
    publishCase: async (
      _: unknown,
      args: { input: { caseId: string; publishedOn: string } },
      ctx: CasesContext,
    ) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await publishCase(ctx.db, ctx.caller, id, args.input.publishedOn, ctx.today) };
    },
    withdrawCase: async (
      _: unknown,
      args: { input: { caseId: string; reason: string; withdrawnOn: string } },
      ctx: CasesContext,
    ) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await withdrawCase(ctx.db, ctx.caller, id, args.input, ctx.today) };
    },
    correctCase: async (
      _: unknown,
      args: {
        input: {
          caseId: string;
          title?: string | null;
          domain?: string | null;
          summary?: string | null;
          reason: string;
          correctedOn: string;
        };
      },
      ctx: CasesContext,
    ) => {
      const id = idInput('caseId', args.input.caseId);
      return { case: await correctCase(ctx.db, ctx.caller, id, args.input, ctx.today) };
    },
  },
  Case: {
    __resolveReference: async (ref: { id: string }, ctx: CasesContext) =>
      visible(ctx, await ctx.loaders.case.load(ref.id)),
    title: (c: CaseRow, _: unknown, ctx: CasesContext) => shown(ctx, c.title, c),
    summary: (c: CaseRow, _: unknown, ctx: CasesContext) => shown(ctx, c.summary, c),
    withdrawnReason: (c: CaseRow, _: unknown, ctx: CasesContext) =>
      c.withdrawnReason && shown(ctx, c.withdrawnReason, c),
    reportingDepartment: (c: CaseRow) => ({ code: c.reportedBy }),
    history: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      Promise.all(
        (await ctx.loaders.revisionsOfCase.load(c.id)).map(async (r) => ({
          ...r,
          title: await shown(ctx, r.title, c),
          summary: await shown(ctx, r.summary, c),
          reason: await shown(ctx, r.reason, c),
        })),
      ),
    subjects: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.subjectsOfCase.load(c.id)).map((row) => ({ id: row.subjectId })),
    listings: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.listingsOfCase.load(c.id)).map((row) => ({ id: row.listingId })),
    measures: async (c: CaseRow, _: unknown, ctx: CasesContext) =>
      (await ctx.loaders.measuresOfCase.load(c.id)).map((row) => ({ code: row.measureCode })),
  },
  CaseDigestRow: {
    department: (row: { departmentCode: string }) => ({ code: row.departmentCode }),
  },
  Subject: {
    __resolveReference: (ref: { id: string }) => ref,
    cases: async (subject: { id: string }, _: unknown, ctx: CasesContext) =>
      readable(ctx, await ctx.loaders.casesOfSubject.load(subject.id)),
  },
  Listing: {
    __resolveReference: (ref: { id: string }) => ref,
    cases: async (listing: { id: string }, _: unknown, ctx: CasesContext) =>
      readable(ctx, await ctx.loaders.casesOfListing.load(listing.id)),
  },
  Measure: {
    __resolveReference: (ref: { code: string }) => ref,
    cases: async (measure: { code: string }, _: unknown, ctx: CasesContext) =>
      readable(ctx, await ctx.loaders.casesOfMeasure.load(measure.code)),
  },
};
