import { statisticsScope } from '#common/access.ts';
import { badUserInput, forbidden } from '#common/errors.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput, isUuid, validatePeriod } from '#common/input.ts';
import { connectionOf, pageOf } from '#common/pagination.ts';
import { maskIdNumber, maskName, maySeePersonalData } from '#common/privacy.ts';
import { dateScalar, dateTimeScalar } from '#common/scalars.ts';
import type { ListsContext } from '../context.ts';
import { correctListing, proposeListing, registerSubject, transitionListing } from '../db/commands.ts';
import {
  type ListingFilter,
  listingsPage,
  personalDataReadsPage,
  personsNamed,
  searchSubjects,
} from '../db/queries.ts';
import { listingStatistics, type StatisticsDimension } from '../db/statistics.ts';
import {
  allJurisdictions,
  type DepartmentRow,
  type JurisdictionRow,
  type ListingRow,
  type SubjectRow,
} from '../db/store.ts';
import { idempotencyKeys, listings } from '../db/tables.ts';
import { normalizeIdentifier } from '../domain/identifiers.ts';
import {
  approve,
  deadlinesOf,
  exit,
  type Proposal,
  review,
  validateProposal,
  withdraw,
} from '../domain/lifecycle.ts';
import { exitAnnouncement, readsAsPublic } from '../domain/privacy.ts';
import { type RegistrationInput, validateRegistration } from '../domain/registration.ts';
import type { Disclosure, ExitReason } from '../domain/status.ts';
import { creditStatusOn, isEffectiveOn, type ListingStatus, statusAsOf, statusOn } from '../domain/status.ts';
import { personCheck } from './person-check.ts';
import { screenSubjects } from './screening.ts';
import { subjectByIdentifier } from './subject-lookup.ts';

type Ref<K extends string> = Record<K, string>;

/** The day an entry left its list; an expiry the job has not recorded yet is its last day in force. */
const exitDateOf = (l: ListingRow, today: string) =>
  statusOn(l, today).exitReason === 'EXPIRED' && !l.exitedOn ? l.validUntil : l.exitedOn;

async function readable(rows: ListingRow[], ctx: ListsContext) {
  const allowed = await Promise.all(rows.map((row) => ctx.mayRead(row)));
  return rows.filter((_, i) => allowed[i]);
}

const readableOrNull = async (row: ListingRow | null | undefined, ctx: ListsContext) =>
  row && (await ctx.mayRead(row)) ? row : null;

const visibleListingsOf = async (subject: SubjectRow, ctx: ListsContext) =>
  readable(await ctx.loaders.listingsOfSubject.load(subject.id), ctx);

const answeredFor = async (person: SubjectRow, ctx: ListsContext) =>
  readable(
    (await ctx.loaders.listingsAnsweredBy.load(person.id)).map((row) => row.listing),
    ctx,
  );

export const resolvers = {
  Date: dateScalar,
  DateTime: dateTimeScalar,
  Query: {
    subject: (_: unknown, args: { identifier: string }, ctx: ListsContext) =>
      subjectByIdentifier(args.identifier, ctx),
    listing: async (_: unknown, args: { id: string }, ctx: ListsContext) =>
      readableOrNull(await ctx.loaders.listing.load(idInput('id', args.id)), ctx),
    jurisdictions: (_: unknown, __: unknown, ctx: ListsContext) => allJurisdictions(ctx.db),
    listingStatistics: (
      _: unknown,
      args: { from: string; to: string; groupBy: StatisticsDimension[] },
      ctx: ListsContext,
    ) => {
      const scope = statisticsScope(ctx.caller);
      validatePeriod(args);
      return listingStatistics(ctx.db, scope, args, args.groupBy, ctx.today);
    },
    subjects: async (
      _: unknown,
      args: { search: string; first?: number; after?: string },
      ctx: ListsContext,
    ) => {
      const text = args.search.normalize('NFKC').trim();
      if (text.length === 0)
        throw badUserInput('search', 'Enter part of a name or an identifier to search for.');
      if (text.length > 100) throw badUserInput('search', 'search is longer than 100 characters.');
      const page = pageOf(args);
      const { rows, total } = await searchSubjects(ctx.db, ctx.caller, text, normalizeIdentifier(text), page);
      return connectionOf(rows, page, total, (row) => ({ node: row.subject, score: row.score }));
    },
    screenSubjects: (_: unknown, args: { identifiers: string[] }, ctx: ListsContext) =>
      screenSubjects(args.identifiers, ctx),
    personCheck: (_: unknown, args: { name: string; idNumber: string }, ctx: ListsContext) =>
      personCheck(args, ctx),
    personalDataReads: async (
      _: unknown,
      args: { subjectId?: string | null; first?: number; after?: string },
      ctx: ListsContext,
    ) => {
      if (ctx.caller.role !== 'CREDIT_OFFICE')
        throw forbidden('Only the credit office may review the personal-data read register.');
      if (args.subjectId && !isUuid(args.subjectId))
        throw badUserInput('subjectId', 'subjectId must be a subject id.');
      const page = pageOf(args);
      const { rows, total } = await personalDataReadsPage(ctx.db, args.subjectId ?? null, page);
      return connectionOf(rows, page, total);
    },
    personsNamed: (_: unknown, args: { subjectIds: string[] }, ctx: ListsContext) =>
      personsNamed(
        ctx.db,
        args.subjectIds.map((id) => idInput('subjectIds', id)),
      ),
    listings: async (
      _: unknown,
      args: { filter?: ListingFilter | null; first?: number; after?: string },
      ctx: ListsContext,
    ) => {
      const page = pageOf(args);
      const { rows, total } = await listingsPage(ctx.db, ctx.caller, args.filter ?? {}, ctx.today, page);
      return connectionOf(rows, page, total);
    },
  },
  NamedPerson: {},
  PersonalDataRead: {
    subject: (r: { subjectId: string | null }, _: unknown, ctx: ListsContext) =>
      r.subjectId && ctx.loaders.subject.load(r.subjectId),
  },
  Mutation: {
    registerPersonalDataReads: async (_: unknown, args: { subjectIds: string[] }, ctx: ListsContext) => {
      const subjects = await ctx.loaders.subject.loadMany(
        args.subjectIds.map((id) => idInput('subjectIds', id)),
      );
      const persons = subjects.filter(
        (s): s is SubjectRow => !(s instanceof Error) && s?.kind === 'NATURAL_PERSON',
      );
      if (persons.some((p) => !maySeePersonalData(ctx.caller, p.id)))
        throw forbidden('Only a caller who may read these persons in full registers reading them.');
      await Promise.all(persons.map((p) => ctx.registerRead(p.id, 'FREE_TEXT')));
      return persons.length;
    },
    registerSubject: async (_: unknown, args: { input: RegistrationInput }, ctx: ListsContext) => {
      if (ctx.caller.role !== 'DEPARTMENT' && ctx.caller.role !== 'CREDIT_OFFICE') {
        throw forbidden('Only departments and the credit office register subjects.');
      }
      return { subject: await registerSubject(ctx.db, validateRegistration(args.input)) };
    },
    proposeListing: async (
      _: unknown,
      args: {
        input: Proposal & {
          subjectId: string;
          responsiblePersonIds?: string[] | null;
          idempotencyKey?: string | null;
        };
      },
      ctx: ListsContext,
    ) => {
      const request = idempotentRequest(ctx.caller, 'proposeListing', args.input);
      const listing = await once(ctx.db, idempotencyKeys, request, listings, (claim) => {
        const proposal = validateProposal(args.input, ctx.today);
        return proposeListing(ctx.db, ctx.caller, { ...args.input, ...proposal }, ctx.today, claim);
      });
      return { listing };
    },
    reviewListing: async (
      _: unknown,
      args: {
        input: {
          listingId: string;
          disclosure: Disclosure;
          publicityStartsOn: string;
          publicFacts?: string | null;
        };
      },
      ctx: ListsContext,
    ) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state, policy) =>
        review(state, args.input, policy),
      ),
    }),
    approveListing: async (
      _: unknown,
      args: { input: { listingId: string; signedOn: string } },
      ctx: ListsContext,
    ) => {
      const filed = await ctx.objectionsUnderReview(idInput('listingId', args.input.listingId));
      return {
        listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state) =>
          approve(
            { ...state, objectionsUnderReview: Math.max(state.objectionsUnderReview ?? 0, filed) },
            args.input.signedOn,
            ctx.today,
          ),
        ),
      };
    },
    exitListing: async (
      _: unknown,
      args: { input: { listingId: string; reason: ExitReason; exitedOn: string; note?: string | null } },
      ctx: ListsContext,
    ) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state) =>
        exit(state, args.input),
      ),
    }),
    correctListing: async (
      _: unknown,
      args: { input: { listingId: string; objectionId: string; decidedOn: string; reason: string } },
      ctx: ListsContext,
    ) => ({ listing: await correctListing(ctx.db, ctx.caller, args.input) }),
    withdrawListing: async (
      _: unknown,
      args: { input: { listingId: string; withdrawnOn: string; reason: string } },
      ctx: ListsContext,
    ) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state) =>
        withdraw(state, args.input),
      ),
    }),
  },
  Subject: {
    __resolveReference: (ref: Ref<'id'>, ctx: ListsContext) => ctx.loaders.subject.load(ref.id),
    name: async (s: SubjectRow, _: unknown, ctx: ListsContext) =>
      s.kind !== 'NATURAL_PERSON' || (await ctx.revealsPersonOf(s)) ? s.name : maskName(s.name),
    idNumber: async (s: SubjectRow, _: unknown, ctx: ListsContext) => {
      if (s.idNumber === null) return null;
      return (await ctx.revealsPersonOf(s)) ? s.idNumber : maskIdNumber(s.idNumber);
    },
    legalRepresentative: (s: SubjectRow, _: unknown, ctx: ListsContext) =>
      s.legalRepresentativeId ? ctx.loaders.subject.load(s.legalRepresentativeId) : null,
    creditStatus: async (s: SubjectRow, args: { asOf?: string | null }, ctx: ListsContext) =>
      creditStatusOn(await visibleListingsOf(s, ctx), args.asOf ?? ctx.today),
    listings: async (s: SubjectRow, args: { statuses?: ListingStatus[] | null }, ctx: ListsContext) => {
      const rows = await visibleListingsOf(s, ctx);
      const statuses = args.statuses;
      if (!statuses || statuses.length === 0) return rows;
      return rows.filter((row) => statuses.includes(statusOn(row, ctx.today).status));
    },
    answersFor: (s: SubjectRow, _: unknown, ctx: ListsContext) => answeredFor(s, ctx),
    listingsInForce: async (s: SubjectRow, args: { on?: string | null }, ctx: ListsContext) => {
      const on = args.on ?? ctx.today;
      const [own, answered] = await Promise.all([visibleListingsOf(s, ctx), answeredFor(s, ctx)]);
      return [...own, ...answered].filter((row) => isEffectiveOn(row, on));
    },
  },
  Listing: {
    __resolveReference: async (ref: Ref<'id'>, ctx: ListsContext) =>
      readableOrNull(await ctx.loaders.listing.load(ref.id), ctx),
    subject: (l: ListingRow, _: unknown, ctx: ListsContext) => ctx.loaders.subject.load(l.subjectId),
    facts: (l: ListingRow, _: unknown, ctx: ListsContext) => {
      const state = statusOn(l, ctx.today);
      if (state.status === 'EXITED' && readsAsPublic(ctx.caller, l.subjectId))
        return exitAnnouncement({ exitReason: state.exitReason, exitedOn: exitDateOf(l, ctx.today) });
      return ctx.textOf(l, l.facts, l.publicFacts);
    },
    exitNote: (l: ListingRow, _: unknown, ctx: ListsContext) => l.exitNote && ctx.textOf(l, l.exitNote),
    status: async (l: ListingRow, args: { asOf?: string | null }, ctx: ListsContext) =>
      args.asOf
        ? statusAsOf(l, await ctx.loaders.historyOf.load(l.id), args.asOf)
        : statusOn(l, ctx.today).status,
    exitReason: (l: ListingRow, _: unknown, ctx: ListsContext) => statusOn(l, ctx.today).exitReason,
    exitedOn: (l: ListingRow, _: unknown, ctx: ListsContext) => exitDateOf(l, ctx.today),
    initiatingDepartment: (l: ListingRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.department.load(l.departmentCode),
    jurisdiction: async (l: ListingRow, _: unknown, ctx: ListsContext) => {
      const department = await ctx.loaders.department.load(l.departmentCode);
      return department && ctx.loaders.jurisdiction.load(department.jurisdictionCode);
    },
    responsiblePersons: async (l: ListingRow, _: unknown, ctx: ListsContext) =>
      (await ctx.loaders.responsiblePersonsOf.load(l.id)).map((row) => row.person),
    history: async (l: ListingRow, _: unknown, ctx: ListsContext) =>
      (await ctx.loaders.historyOf.load(l.id)).map((change) => ({ ...change, listing: l })),
    deadlines: async (l: ListingRow, _: unknown, ctx: ListsContext) => {
      const department = await ctx.loaders.department.load(l.departmentCode);
      const jurisdiction = department && (await ctx.loaders.jurisdiction.load(department.jurisdictionCode));
      return deadlinesOf(l, jurisdiction?.deadlinesInWorkingDays ?? true);
    },
    expiryNotice: (l: ListingRow, _: unknown, ctx: ListsContext) => ctx.loaders.expiryNotice.load(l.id),
  },
  ListingChange: {
    reason: (change: { reason: string | null; listing: ListingRow }, _: unknown, ctx: ListsContext) =>
      change.reason && ctx.textOf(change.listing, change.reason),
  },
  Jurisdiction: {
    __resolveReference: (ref: Ref<'code'>, ctx: ListsContext) => ctx.loaders.jurisdiction.load(ref.code),
    id: (j: JurisdictionRow) => j.code,
    policy: (j: JurisdictionRow) => j,
    departments: (j: JurisdictionRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.departmentsOf.load(j.code),
  },
  Department: {
    __resolveReference: (ref: Ref<'code'>, ctx: ListsContext) => ctx.loaders.department.load(ref.code),
    id: (d: DepartmentRow) => d.code,
    jurisdiction: (d: DepartmentRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.jurisdiction.load(d.jurisdictionCode),
  },
};
