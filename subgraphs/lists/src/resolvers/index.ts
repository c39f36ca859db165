import { statisticsScope } from '#common/access.ts';
import { badUserInput, forbidden, referenced } from '#common/errors.ts';
import { idempotentRequest, once } from '#common/idempotency.ts';
import { idInput, isUuid, validatePeriod } from '#common/input.ts';
import { connectionOf, pageOf } from '#common/pagination.ts';
import { maskIdNumber, maskName, maySeePersonalData } from '#common/privacy.ts';
import { dateScalar, dateTimeScalar } from '#common/scalars.ts';
import type { ListsContext } from '../context.ts';
import { correctListing, proposeListing, registerSubject, transitionListing } from '../db/commands.ts';
import { listingsPage, personalDataReadsPage, personsNamed, searchSubjects } from '../db/queries.ts';
import { listingStatistics } from '../db/statistics.ts';
import { allJurisdictions, type DepartmentRow, type ListingRow, type SubjectRow } from '../db/store.ts';
import { idempotencyKeys, listings } from '../db/tables.ts';
import { normalizeIdentifier } from '../domain/identifiers.ts';
import { approve, deadlinesOf, exit, review, validateProposal, withdraw } from '../domain/lifecycle.ts';
import { exitAnnouncement, readsAsPublic } from '../domain/privacy.ts';
import { validateRegistration } from '../domain/registration.ts';
import { creditStatusOn, isEffectiveOn, statusAsOf, statusOn } from '../domain/status.ts';
import type { CompleteResolvers } from '../generated/resolvers.ts';
import { personCheck } from './person-check.ts';
import { screenSubjects } from './screening.ts';
import { subjectByIdentifier } from './subject-lookup.ts';

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

const departmentRowOf = async (l: ListingRow, ctx: ListsContext) =>
  referenced(await ctx.loaders.department.load(l.departmentCode), `department ${l.departmentCode}`);

const jurisdictionRowOf = async (d: DepartmentRow, ctx: ListsContext) =>
  referenced(await ctx.loaders.jurisdiction.load(d.jurisdictionCode), `jurisdiction ${d.jurisdictionCode}`);

export const resolvers: CompleteResolvers = {
  Date: dateScalar,
  DateTime: dateTimeScalar,
  Query: {
    subject: (_, args, ctx) => subjectByIdentifier(args.identifier, ctx),
    listing: async (_, args, ctx) =>
      readableOrNull(await ctx.loaders.listing.load(idInput('id', args.id)), ctx),
    jurisdictions: (_, __, ctx) => allJurisdictions(ctx.db),
    listingStatistics: (_, args, ctx) => {
      const scope = statisticsScope(ctx.caller);
      validatePeriod(args);
      return listingStatistics(ctx.db, scope, args, args.groupBy, ctx.today);
    },
    subjects: async (_, args, ctx) => {
      const text = args.search.normalize('NFKC').trim();
      if (text.length === 0)
        throw badUserInput('search', 'Enter part of a name or an identifier to search for.');
      if (text.length > 100) throw badUserInput('search', 'search is longer than 100 characters.');
      const page = pageOf(args);
      const { rows, total } = await searchSubjects(ctx.db, ctx.caller, text, normalizeIdentifier(text), page);
      return connectionOf(rows, page, total, (row) => ({ node: row.subject, score: row.score }));
    },
    screenSubjects: (_, args, ctx) => screenSubjects(args.identifiers, ctx),
    personCheck: (_, args, ctx) => personCheck(args, ctx),
    personalDataReads: async (_, args, ctx) => {
      if (ctx.caller.role !== 'CREDIT_OFFICE')
        throw forbidden('Only the credit office may review the personal-data read register.');
      if (args.subjectId && !isUuid(args.subjectId))
        throw badUserInput('subjectId', 'subjectId must be a subject id.');
      const page = pageOf(args);
      const { rows, total } = await personalDataReadsPage(ctx.db, args.subjectId ?? null, page);
      return connectionOf(rows, page, total);
    },
    personsNamed: (_, args, ctx) =>
      personsNamed(
        ctx.db,
        args.subjectIds.map((id) => idInput('subjectIds', id)),
      ),
    listings: async (_, args, ctx) => {
      const page = pageOf(args);
      const { rows, total } = await listingsPage(ctx.db, ctx.caller, args.filter ?? {}, ctx.today, page);
      return connectionOf(rows, page, total);
    },
  },
  NamedPerson: {},
  PersonalDataRead: {
    subject: (r, _, ctx) => (r.subjectId ? ctx.loaders.subject.load(r.subjectId) : null),
  },
  Mutation: {
    registerPersonalDataReads: async (_, args, ctx) => {
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
    registerSubject: async (_, args, ctx) => {
      if (ctx.caller.role !== 'DEPARTMENT' && ctx.caller.role !== 'CREDIT_OFFICE') {
        throw forbidden('Only departments and the credit office register subjects.');
      }
      return { subject: await registerSubject(ctx.db, validateRegistration(args.input)) };
    },
    proposeListing: async (_, args, ctx) => {
      const request = idempotentRequest(ctx.caller, 'proposeListing', args.input);
      const listing = await once(ctx.db, idempotencyKeys, request, listings, (claim) => {
        const proposal = validateProposal(args.input, ctx.today);
        return proposeListing(ctx.db, ctx.caller, { ...args.input, ...proposal }, ctx.today, claim);
      });
      return { listing };
    },
    reviewListing: async (_, args, ctx) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state, policy) =>
        review(state, args.input, policy),
      ),
    }),
    approveListing: async (_, args, ctx) => {
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
    exitListing: async (_, args, ctx) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state) =>
        exit(state, args.input),
      ),
    }),
    correctListing: async (_, args, ctx) => ({
      listing: await correctListing(ctx.db, ctx.caller, args.input),
    }),
    withdrawListing: async (_, args, ctx) => ({
      listing: await transitionListing(ctx.db, ctx.caller, args.input.listingId, (state) =>
        withdraw(state, args.input),
      ),
    }),
  },
  Subject: {
    __resolveReference: (ref, ctx) => ctx.loaders.subject.load(ref.id),
    name: async (s, _, ctx) =>
      s.kind !== 'NATURAL_PERSON' || (await ctx.revealsPersonOf(s)) ? s.name : maskName(s.name),
    idNumber: async (s, _, ctx) => {
      if (s.idNumber === null) return null;
      return (await ctx.revealsPersonOf(s)) ? s.idNumber : maskIdNumber(s.idNumber);
    },
    legalRepresentative: (s, _, ctx) =>
      s.legalRepresentativeId ? ctx.loaders.subject.load(s.legalRepresentativeId) : null,
    creditStatus: async (s, args, ctx) =>
      creditStatusOn(await visibleListingsOf(s, ctx), args.asOf ?? ctx.today),
    listings: async (s, args, ctx) => {
      const rows = await visibleListingsOf(s, ctx);
      const statuses = args.statuses;
      if (!statuses || statuses.length === 0) return rows;
      return rows.filter((row) => statuses.includes(statusOn(row, ctx.today).status));
    },
    answersFor: (s, _, ctx) => answeredFor(s, ctx),
    listingsInForce: async (s, args, ctx) => {
      const on = args.on ?? ctx.today;
      const [own, answered] = await Promise.all([visibleListingsOf(s, ctx), answeredFor(s, ctx)]);
      return [...own, ...answered].filter((row) => isEffectiveOn(row, on));
    },
  },
  Listing: {
    __resolveReference: async (ref, ctx) => readableOrNull(await ctx.loaders.listing.load(ref.id), ctx),
    subject: async (l, _, ctx) =>
      referenced(await ctx.loaders.subject.load(l.subjectId), `subject ${l.subjectId}`),
    facts: (l, _, ctx) => {
      const state = statusOn(l, ctx.today);
      if (state.status === 'EXITED' && readsAsPublic(ctx.caller, l.subjectId))
        return exitAnnouncement({ exitReason: state.exitReason, exitedOn: exitDateOf(l, ctx.today) });
      return ctx.textOf(l, l.facts, l.publicFacts);
    },
    exitNote: (l, _, ctx) => l.exitNote && ctx.textOf(l, l.exitNote),
    status: async (l, args, ctx) =>
      args.asOf
        ? statusAsOf(l, await ctx.loaders.historyOf.load(l.id), args.asOf)
        : statusOn(l, ctx.today).status,
    exitReason: (l, _, ctx) => statusOn(l, ctx.today).exitReason,
    exitedOn: (l, _, ctx) => exitDateOf(l, ctx.today),
    initiatingDepartment: (l, _, ctx) => departmentRowOf(l, ctx),
    jurisdiction: async (l, _, ctx) => jurisdictionRowOf(await departmentRowOf(l, ctx), ctx),
    responsiblePersons: async (l, _, ctx) =>
      (await ctx.loaders.responsiblePersonsOf.load(l.id)).map((row) => row.person),
    history: async (l, _, ctx) =>
      (await ctx.loaders.historyOf.load(l.id)).map((change) => ({ ...change, listing: l })),
    deadlines: async (l, _, ctx) => {
      const jurisdiction = await jurisdictionRowOf(await departmentRowOf(l, ctx), ctx);
      return deadlinesOf(l, jurisdiction.deadlinesInWorkingDays);
    },
    expiryNotice: (l, _, ctx) => ctx.loaders.expiryNotice.load(l.id),
  },
  ListingChange: {
    reason: (change, _, ctx) => change.reason && ctx.textOf(change.listing, change.reason),
  },
  Jurisdiction: {
    __resolveReference: (ref, ctx) => ctx.loaders.jurisdiction.load(ref.code),
    id: (j) => j.code,
    policy: (j) => j,
    departments: (j, _, ctx) => ctx.loaders.departmentsOf.load(j.code),
  },
  Department: {
    __resolveReference: (ref, ctx) => ctx.loaders.department.load(ref.code),
    id: (d) => d.code,
    jurisdiction: (d, _, ctx) => jurisdictionRowOf(d, ctx),
  },
};
