import { actingDepartment, jurisdictionOf } from '#common/access.ts';
import { notFound, referenced } from '#common/errors.ts';
import { freeTextResolvers } from '#common/free-text.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput, validatePeriod } from '#common/input.ts';
import { connectionOf, pageOf, pageSizeOf } from '#common/pagination.ts';
import { dateScalar, dateTimeScalar } from '#common/scalars.ts';
import type { MeasuresContext } from '../context.ts';
import { changesPage, encodeCursor } from '../db/changes.ts';
import {
  addMeasure,
  recordCreditCheck,
  recordExecution,
  retireMeasure,
  reviseMeasure,
} from '../db/commands.ts';
import {
  creditChecksPage,
  departmentStatistics,
  dispatchesPage,
  executionsOfSubjectPage,
  measureStatistics,
} from '../db/queries.ts';
import { type CreditCheckRow, type ExecutionRow, type MeasureRow, suspendedAmong } from '../db/store.ts';
import { creditChecks, idempotencyKeys } from '../db/tables.ts';
import {
  deleteWebhook,
  deliveriesPage,
  setWebhookActive,
  subscribeWebhook,
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
import type { Scenario, SubjectKind } from '../domain/catalogue.ts';
import { validateCheck } from '../domain/checks.ts';
import { isOverdue } from '../domain/executions.ts';
import type { CompleteResolvers, MeasureFilter, StatisticsFilter } from '../generated/resolvers.ts';
import { entriesOf, type ListingInForce, provided, standingOf } from '../peers/lists.ts';

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

export const resolvers: CompleteResolvers = {
  Date: dateScalar,
  DateTime: dateTimeScalar,
  Query: {
    measures: async (_, args, ctx) => {
      const { current } = await ctx.catalogue();
      return current.filter((m) => matches(m, args.filter ?? {})).sort(mandatoryFirst);
    },
    measure: (_, args, ctx) => measureByCode(args.code.trim().toUpperCase(), ctx),
    webhooks: (_, __, ctx) => webhooksOf(ctx.db, ctx.caller),
    changes: async (_, args, ctx) => {
      const first = pageSizeOf(args.first);
      const { rows, hasNextPage } = await changesPage(ctx.db, ctx.caller, { ...args, first });
      const edges = rows.map((node) => ({ node, cursor: encodeCursor(node) }));
      return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? args.after ?? null } };
    },
    dispatches: async (_, args, ctx) => {
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
    creditChecks: async (_, args, ctx) => {
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
    departmentStatistics: async (_, args, ctx) =>
      departmentStatistics(ctx.db, statisticsQuery(args.filter, ctx, 'statistics')),
    measureStatistics: async (_, args, ctx) =>
      measureStatistics(ctx.db, statisticsQuery(args.filter, ctx, 'statistics')),
  },
  Mutation: {
    subscribeWebhook: async (_, args, ctx) => ({
      webhook: await subscribeWebhook(ctx.db, ctx.caller, args.input),
    }),
    setWebhookActive: async (_, args, ctx) => ({
      webhook: await setWebhookActive(ctx.db, ctx.caller, idInput('id', args.id), args.active),
    }),
    deleteWebhook: async (_, args, ctx) => ({
      id: await deleteWebhook(ctx.db, ctx.caller, idInput('id', args.id)),
    }),
    addMeasure: async (_, args, ctx) => {
      assertMayKeepCatalogueOf(ctx.caller, args.input.jurisdictionCode, 'add measures to the catalogue');
      return { measure: await addMeasure(ctx.db, args.input) };
    },
    reviseMeasure: async (_, args, ctx) => {
      assertMayKeepCatalogueOf(ctx.caller, jurisdictionOf(args.input.code.trim()), 'revise the catalogue');
      return { measure: await reviseMeasure(ctx.db, args.input) };
    },
    retireMeasure: async (_, args, ctx) => {
      assertMayKeepCatalogueOf(ctx.caller, jurisdictionOf(args.input.code.trim()), 'retire measures');
      return { measure: await retireMeasure(ctx.db, args.input) };
    },
    performCreditCheck: async (_, args, ctx) => {
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
    recordExecution: async (_, args, ctx) => ({
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
    __resolveReference: (ref, ctx) => measureByCode(ref.code, ctx),
    id: (m) => `${m.code}@${m.version}`,
    implementingDepartment: (m) => ({ code: m.implementingDepartmentCode }),
    jurisdiction: (m) => ({ code: m.jurisdictionCode }),
    versions: async (m, _, ctx) => (await ctx.catalogue()).versionsOf(m.code),
  },
  CreditCheck: {
    ...freeTextResolvers<CreditCheckRow>(['purpose', 'reference']),
    department: (c) => ({ code: c.departmentCode }),
    subject: (c) => ({ id: c.subjectId }),
    measures: async (c, _, ctx) => {
      const catalogue = await ctx.catalogue();
      return c.measures.flatMap((m) => {
        const measure = catalogue.version(m.code, m.version);
        return measure ? [applicableMeasureOf({ ...m, measure })] : [];
      });
    },
  },
  Webhook: {
    deliveries: async (w, args, ctx) => {
      const page = pageOf(args);
      const rows = await deliveriesPage(ctx.db, w.id, page);
      return connectionOf(rows, page, 0);
    },
  },
  Change: {
    id: (c) => encodeCursor(c),
    subject: (c) => (c.subjectId ? { id: c.subjectId } : null),
    listing: (c) => (c.listingId ? { id: c.listingId } : null),
    dispatch: (c, _, ctx) =>
      c.dispatchId && mayReadDispatches(ctx.caller) ? ctx.loaders.dispatch.load(c.dispatchId) : null,
    execution: (c, _, ctx) =>
      c.executionId && c.subjectId && mayReadExecutionsOf(ctx.caller, c.subjectId)
        ? ctx.loaders.execution.load(c.executionId)
        : null,
    case: (c) => (c.caseId ? { id: c.caseId } : null),
    measure: (c, _, ctx) => (c.measureCode ? measureByCode(c.measureCode, ctx) : null),
  },
  Dispatch: {
    listing: (d) => ({ id: d.listingId }),
    measure: async (d, _, ctx) =>
      referenced(
        (await ctx.catalogue()).version(d.measureCode, d.measureVersion),
        `measure ${d.measureCode}`,
      ),
    department: (d) => ({ code: d.departmentCode }),
    overdue: (d, _, ctx) => isOverdue(d, d.overdueAsOf ?? ctx.today),
    executions: (d, _, ctx) => ctx.loaders.executionsOfDispatch.load(d.id),
  },
  Listing: {
    __resolveReference: (ref) => ref,
    applicableMeasures: async (listing, args, ctx) => {
      const entry = provided(listing, 'listType', 'domain', 'jurisdiction', 'subject');
      const subject = provided(entry.subject, 'kind');
      const found = await measuresThrough(
        subject,
        [{ ...entry, subject }],
        args.scenario,
        ctx,
        (await ctx.catalogue()).current,
      );
      return found.map(applicableMeasureOf);
    },
    executions: async (listing, _, ctx) =>
      mayReadExecutionsOf(ctx.caller, provided(listing, 'subject').subject.id)
        ? ctx.loaders.executionsOfListing.load(listing.id)
        : [],
    dispatches: (listing, _, ctx) =>
      mayReadDispatches(ctx.caller) ? ctx.loaders.dispatchesOfListing.load(listing.id) : [],
  },
  Subject: {
    __resolveReference: (ref) => ref,
    applicableMeasures: async (reference, args, ctx) => {
      const subject = provided(reference, 'kind', 'listingsInForce');
      const found = await measuresThrough(
        subject,
        subject.listingsInForce,
        args.scenario,
        ctx,
        (await ctx.catalogue()).current,
      );
      return found.map(applicableMeasureOf);
    },
    executions: async (subject, args, ctx) => {
      const page = pageOf(args);
      if (!mayReadExecutionsOf(ctx.caller, subject.id)) return emptyConnection;
      const { rows, total } = await executionsOfSubjectPage(ctx.db, subject.id, page);
      return connectionOf(rows, page, total);
    },
  },
  Execution: {
    ...freeTextResolvers<ExecutionRow>(['decisionRef', 'reason', 'note']),
    dispatch: async (e, _, ctx) =>
      referenced(await ctx.loaders.dispatch.load(e.dispatchId), `dispatch ${e.dispatchId}`),
    listing: (e) => ({ id: e.listingId }),
    measure: async (e, _, ctx) =>
      referenced(
        (await ctx.catalogue()).version(e.measureCode, e.measureVersion),
        `measure ${e.measureCode}`,
      ),
    department: (e) => ({ code: e.departmentCode }),
  },
  DepartmentMonth: {
    department: (r) => ({ code: r.departmentCode }),
  },
  MeasureUse: {
    measure: async (r, _, ctx) =>
      referenced(await measureByCode(r.measureCode, ctx), `measure ${r.measureCode}`),
  },
};

function statisticsQuery(filter: StatisticsFilter, ctx: MeasuresContext, what: string) {
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
