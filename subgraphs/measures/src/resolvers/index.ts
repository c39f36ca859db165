import { actingDepartment, jurisdictionOf } from '#common/access.ts';
import { notFound } from '#common/errors.ts';
import { freeTextResolvers } from '#common/free-text.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput, validatePeriod } from '#common/input.ts';
import { connectionOf, pageOf, pageSizeOf } from '#common/pagination.ts';
import { dateScalar, dateTimeScalar } from '#common/scalars.ts';
import type { MeasuresContext } from '../context.ts';
import { type ChangeRow, changesPage, encodeCursor } from '../db/changes.ts';
import {
  addMeasure,
  recordCreditCheck,
  recordExecution,
  retireMeasure,
  reviseMeasure,
} from '../db/commands.ts';
import {
  creditChecksPage,
  type DepartmentMonthRow,
  departmentStatistics,
  dispatchesPage,
  executionsOfSubjectPage,
  measureStatistics,
} from '../db/queries.ts';
import { type DispatchRow, type ExecutionRow, type MeasureRow, suspendedAmong } from '../db/store.ts';
import { type ChangeKind, creditChecks, idempotencyKeys } from '../db/tables.ts';
import {
  deleteWebhook,
  deliveriesPage,
  setWebhookActive,
  subscribeWebhook,
  type WebhookRow,
  webhooksOf,
} from '../db/webhooks.ts';
import {
  assertMayKeepCatalogueOf,
  departmentInScope,
  mayReadDispatches,
  mayReadExecutionsOf,
} from '../domain/access.ts';
import {
  type CheckedMeasure,
  madeForDomain,
  mandatoryFirst,
  measuresForSubject,
} from '../domain/applicability.ts';
import type { Enforcement, ListType, MeasureKind, Scenario, SubjectKind } from '../domain/catalogue.ts';
import { type CreditCheckInput, validateCheck } from '../domain/checks.ts';
import { type DispatchStatus, type ExecutionInput, isOverdue } from '../domain/executions.ts';
import { entriesOf, type ListingInForce, standingOf } from '../peers/standing.ts';

interface ListingRepresentation {
  id: string;
  listType: ListType;
  domain: string;
  jurisdiction: { code: string };
  subject: { id: string; kind: SubjectKind };
}

interface SubjectRepresentation {
  id: string;
  kind: SubjectKind;
  listingsInForce: ListingInForce[];
}

interface MeasureFilter {
  kind?: MeasureKind | null;
  listType?: ListType | null;
  scenario?: Scenario | null;
  enforcement?: Enforcement | null;
  domain?: string | null;
  jurisdictionCode?: string | null;
}

type CreditCheckRow = typeof creditChecks.$inferSelect;
type DispatchNode = DispatchRow & { overdueAsOf?: string };

function matches(m: MeasureRow, filter: MeasureFilter): boolean {
  return (
    (!filter.kind || m.kind === filter.kind) &&
    (!filter.listType || m.listTypes.includes(filter.listType)) &&
    (!filter.scenario || m.scenarios.includes(filter.scenario)) &&
    (!filter.enforcement || m.enforcement === filter.enforcement) &&
    (!filter.domain || madeForDomain(m.domains, filter.domain.trim().toUpperCase())) &&
    (!filter.jurisdictionCode || m.jurisdictionCode === filter.jurisdictionCode)
  );
}

/** A measure by code: the version in force today, else its last version (retired, or not yet in force). */
async function measureByCode(code: string, ctx: MeasuresContext) {
  const catalogue = await ctx.catalogue();
  return catalogue.currentByCode.get(code) ?? catalogue.versionsOf(code).at(-1) ?? null;
}

const applicableMeasureOf = (found: {
  measure: MeasureRow;
  listingId: string;
  asResponsiblePerson: boolean;
  suspended: boolean;
}) => ({
  measure: found.measure,
  implementingDepartment: { code: found.measure.implementingDepartmentCode },
  suspended: found.suspended,
  listing: { id: found.listingId },
  asResponsiblePerson: found.asResponsiblePerson,
});

async function measuresThrough(
  subject: { id: string; kind: SubjectKind },
  listings: readonly ListingInForce[],
  scenario: Scenario | null | undefined,
  ctx: MeasuresContext,
  catalogue: readonly MeasureRow[],
) {
  const entries = entriesOf(listings);
  const suspended = await suspendedAmong(
    ctx.loaders,
    entries.map((e) => e.id),
  );
  return measuresForSubject(catalogue, subject, entries, suspended, scenario);
}

const emptyConnection = { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

export const resolvers = {
  Date: dateScalar,
  DateTime: dateTimeScalar,
  Query: {
    measures: async (_: unknown, args: { filter?: MeasureFilter | null }, ctx: MeasuresContext) => {
      const { current } = await ctx.catalogue();
      return current.filter((m) => matches(m, args.filter ?? {})).sort(mandatoryFirst);
    },
    measure: (_: unknown, args: { code: string }, ctx: MeasuresContext) =>
      measureByCode(args.code.trim().toUpperCase(), ctx),
    webhooks: (_: unknown, __: unknown, ctx: MeasuresContext) => webhooksOf(ctx.db, ctx.caller),
    changes: async (
      _: unknown,
      args: { after?: string | null; first?: number | null; kinds?: ChangeKind[] | null },
      ctx: MeasuresContext,
    ) => {
      const first = pageSizeOf(args.first);
      const { rows, hasNextPage } = await changesPage(ctx.db, ctx.caller, { ...args, first });
      const edges = rows.map((node) => ({ node, cursor: encodeCursor(node) }));
      return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? args.after ?? null } };
    },
    dispatches: async (
      _: unknown,
      args: {
        filter?: {
          departmentCode?: string | null;
          listingId?: string | null;
          statuses?: DispatchStatus[] | null;
          overdueOn?: string | null;
        } | null;
        first?: number;
        after?: string;
      },
      ctx: MeasuresContext,
    ) => {
      const filter = args.filter ?? {};
      const departmentCode = departmentInScope(ctx.caller, filter.departmentCode?.trim(), 'dispatches');
      const page = pageOf(args);
      const { rows, total } = await dispatchesPage(
        ctx.db,
        {
          departmentCode,
          listingId: filter.listingId ? idInput('listingId', filter.listingId) : null,
          statuses: filter.statuses ?? null,
          overdueOn: filter.overdueOn ?? null,
        },
        page,
      );
      const overdueAsOf = filter.overdueOn ?? ctx.today;
      return connectionOf(
        rows.map((row) => ({ ...row, overdueAsOf })),
        page,
        total,
      );
    },
    creditChecks: async (
      _: unknown,
      args: {
        filter?: {
          departmentCode?: string | null;
          subjectId?: string | null;
          scenario?: Scenario | null;
          from?: string | null;
          to?: string | null;
        } | null;
        first?: number;
        after?: string;
      },
      ctx: MeasuresContext,
    ) => {
      const filter = args.filter ?? {};
      const departmentCode = departmentInScope(ctx.caller, filter.departmentCode?.trim(), 'credit checks');
      const page = pageOf(args);
      const { rows, total } = await creditChecksPage(
        ctx.db,
        {
          departmentCode,
          subjectId: filter.subjectId ? idInput('subjectId', filter.subjectId) : null,
          scenario: filter.scenario ?? null,
          from: filter.from ?? null,
          to: filter.to ?? null,
        },
        page,
      );
      return connectionOf(rows, page, total);
    },
    departmentStatistics: async (_: unknown, args: { filter: StatisticsArgs }, ctx: MeasuresContext) =>
      departmentStatistics(ctx.db, statisticsQuery(args.filter, ctx, 'statistics')),
    measureStatistics: async (_: unknown, args: { filter: StatisticsArgs }, ctx: MeasuresContext) =>
      measureStatistics(ctx.db, statisticsQuery(args.filter, ctx, 'statistics')),
  },
  Mutation: {
    subscribeWebhook: async (
      _: unknown,
      args: { input: { url: string; kinds: ChangeKind[]; secret: string } },
      ctx: MeasuresContext,
    ) => ({ webhook: await subscribeWebhook(ctx.db, ctx.caller, args.input) }),
    setWebhookActive: async (_: unknown, args: { id: string; active: boolean }, ctx: MeasuresContext) => ({
      webhook: await setWebhookActive(ctx.db, ctx.caller, idInput('id', args.id), args.active),
    }),
    deleteWebhook: async (_: unknown, args: { id: string }, ctx: MeasuresContext) => ({
      id: await deleteWebhook(ctx.db, ctx.caller, idInput('id', args.id)),
    }),
    addMeasure: async (
      _: unknown,
      args: { input: Parameters<typeof addMeasure>[1] },
      ctx: MeasuresContext,
    ) => {
      assertMayKeepCatalogueOf(ctx.caller, args.input.jurisdictionCode, 'add measures to the catalogue');
      return { measure: await addMeasure(ctx.db, args.input) };
    },
    reviseMeasure: async (
      _: unknown,
      args: { input: Parameters<typeof reviseMeasure>[1] },
      ctx: MeasuresContext,
    ) => {
      assertMayKeepCatalogueOf(ctx.caller, jurisdictionOf(args.input.code.trim()), 'revise the catalogue');
      return { measure: await reviseMeasure(ctx.db, args.input) };
    },
    retireMeasure: async (
      _: unknown,
      args: { input: Parameters<typeof retireMeasure>[1] },
      ctx: MeasuresContext,
    ) => {
      assertMayKeepCatalogueOf(ctx.caller, jurisdictionOf(args.input.code.trim()), 'retire measures');
      return { measure: await retireMeasure(ctx.db, args.input) };
    },
    performCreditCheck: async (
      _: unknown,
      args: { input: CreditCheckInput & { idempotencyKey?: string | null } },
      ctx: MeasuresContext,
    ) => {
      const request = idempotentRequest(ctx.caller, 'performCreditCheck', args.input);
      const recorded = await once(ctx.db, idempotencyKeys, request, creditChecks, async (claim) => {
        // A credit check is recorded against the department that makes it.
        const departmentCode = actingDepartment(ctx.caller, 'perform a credit check');
        const check = validateCheck(args.input, ctx.today);
        const subject = await standingOf(ctx.peers, ctx.caller, args.input.identifier, check.checkedOn);
        if (!subject)
          throw notFound(
            `No subject is registered under "${args.input.identifier.trim()}"; check the identifier or register the subject first.`,
          );
        const catalogue = (await ctx.catalogue()).inForceOn(check.checkedOn);
        const found = await measuresThrough(subject, subject.listingsInForce, check.scenario, ctx, catalogue);
        return recordCreditCheck(
          ctx.db,
          {
            ...check,
            departmentCode,
            subjectId: subject.id,
            creditStatus: subject.creditStatus,
            measures: found.map(
              (f): CheckedMeasure => ({
                code: f.measure.code,
                version: f.measure.version,
                listingId: f.listingId,
                asResponsiblePerson: f.asResponsiblePerson,
                suspended: f.suspended,
              }),
            ),
          },
          claim,
        );
      });
      return { check: recorded };
    },
    recordExecution: async (
      _: unknown,
      args: { input: ExecutionInput & { dispatchId: string } },
      ctx: MeasuresContext,
    ) => ({
      execution: await recordExecution(
        ctx.db,
        ctx.caller,
        idInput('dispatchId', args.input.dispatchId),
        args.input,
        ctx.today,
      ),
    }),
  },
  Measure: {
    __resolveReference: (ref: { code: string }, ctx: MeasuresContext) => measureByCode(ref.code, ctx),
    id: (m: MeasureRow) => `${m.code}@${m.version}`,
    implementingDepartment: (m: MeasureRow) => ({ code: m.implementingDepartmentCode }),
    jurisdiction: (m: MeasureRow) => ({ code: m.jurisdictionCode }),
    versions: async (m: MeasureRow, _: unknown, ctx: MeasuresContext) =>
      (await ctx.catalogue()).versionsOf(m.code),
  },
  CreditCheck: {
    ...freeTextResolvers<CreditCheckRow>(['purpose', 'reference']),
    department: (c: CreditCheckRow) => ({ code: c.departmentCode }),
    subject: (c: CreditCheckRow) => ({ id: c.subjectId }),
    measures: async (c: CreditCheckRow, _: unknown, ctx: MeasuresContext) => {
      const catalogue = await ctx.catalogue();
      return c.measures.flatMap((m) => {
        const measure = catalogue.version(m.code, m.version);
        return measure ? [applicableMeasureOf({ ...m, measure })] : [];
      });
    },
  },
  Webhook: {
    deliveries: async (w: WebhookRow, args: { first?: number; after?: string }, ctx: MeasuresContext) => {
      const page = pageOf(args);
      const rows = await deliveriesPage(ctx.db, w.id, page);
      return connectionOf(rows, page, 0);
    },
  },
  Change: {
    id: (c: ChangeRow) => encodeCursor(c),
    listing: (c: ChangeRow) => (c.listingId ? { id: c.listingId } : null),
    dispatch: (c: ChangeRow, _: unknown, ctx: MeasuresContext) =>
      c.dispatchId && mayReadDispatches(ctx.caller) ? ctx.loaders.dispatch.load(c.dispatchId) : null,
    execution: (c: ChangeRow, _: unknown, ctx: MeasuresContext) =>
      c.executionId && c.subjectId && mayReadExecutionsOf(ctx.caller, c.subjectId)
        ? ctx.loaders.execution.load(c.executionId)
        : null,
    case: (c: ChangeRow) => (c.caseId ? { id: c.caseId } : null),
    measure: (c: ChangeRow, _: unknown, ctx: MeasuresContext) =>
      c.measureCode ? measureByCode(c.measureCode, ctx) : null,
  },
  Dispatch: {
    listing: (d: DispatchRow) => ({ id: d.listingId }),
    measure: async (d: DispatchRow, _: unknown, ctx: MeasuresContext) =>
      (await ctx.catalogue()).version(d.measureCode, d.measureVersion),
    department: (d: DispatchRow) => ({ code: d.departmentCode }),
    overdue: (d: DispatchNode, _: unknown, ctx: MeasuresContext) => isOverdue(d, d.overdueAsOf ?? ctx.today),
    executions: (d: DispatchRow, _: unknown, ctx: MeasuresContext) =>
      ctx.loaders.executionsOfDispatch.load(d.id),
  },
  Listing: {
    __resolveReference: (ref: ListingRepresentation) => ref,
    applicableMeasures: async (
      listing: ListingRepresentation,
      args: { scenario?: Scenario | null },
      ctx: MeasuresContext,
    ) => {
      const found = await measuresThrough(
        listing.subject,
        [listing],
        args.scenario,
        ctx,
        (await ctx.catalogue()).current,
      );
      return found.map(applicableMeasureOf);
    },
    executions: async (listing: ListingRepresentation, _: unknown, ctx: MeasuresContext) =>
      mayReadExecutionsOf(ctx.caller, listing.subject.id)
        ? ctx.loaders.executionsOfListing.load(listing.id)
        : [],
    dispatches: (listing: ListingRepresentation, _: unknown, ctx: MeasuresContext) =>
      mayReadDispatches(ctx.caller) ? ctx.loaders.dispatchesOfListing.load(listing.id) : [],
  },
  Subject: {
    __resolveReference: (ref: SubjectRepresentation) => ref,
    applicableMeasures: async (
      subject: SubjectRepresentation,
      args: { scenario?: Scenario | null },
      ctx: MeasuresContext,
    ) => {
      const found = await measuresThrough(
        subject,
        subject.listingsInForce,
        args.scenario,
        ctx,
        (await ctx.catalogue()).current,
      );
      return found.map(applicableMeasureOf);
    },
    executions: async (
      subject: SubjectRepresentation,
      args: { first?: number; after?: string },
      ctx: MeasuresContext,
    ) => {
      const page = pageOf(args);
      if (!mayReadExecutionsOf(ctx.caller, subject.id)) return emptyConnection;
      const { rows, total } = await executionsOfSubjectPage(ctx.db, subject.id, page);
      return connectionOf(rows, page, total);
    },
  },
  Execution: {
    ...freeTextResolvers<ExecutionRow>(['decisionRef', 'reason', 'note']),
    dispatch: (e: ExecutionRow, _: unknown, ctx: MeasuresContext) => ctx.loaders.dispatch.load(e.dispatchId),
    listing: (e: ExecutionRow) => ({ id: e.listingId }),
    measure: async (e: ExecutionRow, _: unknown, ctx: MeasuresContext) =>
      (await ctx.catalogue()).version(e.measureCode, e.measureVersion),
    department: (e: ExecutionRow) => ({ code: e.departmentCode }),
  },
  DepartmentMonth: {
    department: (r: DepartmentMonthRow) => ({ code: r.departmentCode }),
  },
  MeasureUse: {
    measure: (r: { measureCode: string }, _: unknown, ctx: MeasuresContext) =>
      measureByCode(r.measureCode, ctx),
  },
};

interface StatisticsArgs {
  from: string;
  to: string;
  asOf?: string | null;
  departmentCode?: string | null;
  jurisdictionCode?: string | null;
}

function statisticsQuery(filter: StatisticsArgs, ctx: MeasuresContext, what: string) {
  const departmentCode = departmentInScope(ctx.caller, filter.departmentCode?.trim(), what);
  validatePeriod(filter);
  return {
    from: filter.from,
    to: filter.to,
    asOf: filter.asOf ?? ctx.today,
    departmentCode,
    jurisdictionCode: filter.jurisdictionCode?.trim() || null,
  };
}
