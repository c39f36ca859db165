import type { GraphQLResolveInfo } from 'graphql';
import { dateScalar } from '#common/scalars.ts';
import type { ListsContext } from '../context.ts';
import {
  allJurisdictions,
  type DepartmentRow,
  type JurisdictionRow,
  type ListingRow,
  type SubjectRow,
} from '../db/store.ts';
import { maskIdNumber, maskName } from '../domain/privacy.ts';
import { creditStatusOn, type ListingStatus, statusOn } from '../domain/status.ts';
import { subjectByIdentifier } from './subject-lookup.ts';

type Ref<K extends string> = Record<K, string>;

const operationOf = (info: GraphQLResolveInfo) => info.operation.name?.value;

async function visibleListingsOf(subject: SubjectRow, ctx: ListsContext) {
  const rows = await ctx.loaders.listingsOfSubject.load(subject.id);
  return rows.filter((row) => ctx.mayRead(row));
}

export const resolvers = {
  Date: dateScalar,
  Query: {
    subject: (_: unknown, args: { identifier: string }, ctx: ListsContext) =>
      subjectByIdentifier(args.identifier, ctx),
    jurisdictions: (_: unknown, __: unknown, ctx: ListsContext) => allJurisdictions(ctx.db),
  },
  Subject: {
    __resolveReference: (ref: Ref<'id'>, ctx: ListsContext) => ctx.loaders.subject.load(ref.id),
    name: async (s: SubjectRow, _: unknown, ctx: ListsContext, info: GraphQLResolveInfo) =>
      s.kind !== 'NATURAL_PERSON' || (await ctx.revealsPersonOf(s, operationOf(info)))
        ? s.name
        : maskName(s.name),
    idNumber: async (s: SubjectRow, _: unknown, ctx: ListsContext, info: GraphQLResolveInfo) => {
      if (s.idNumber === null) return null;
      return (await ctx.revealsPersonOf(s, operationOf(info))) ? s.idNumber : maskIdNumber(s.idNumber);
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
    answersFor: async (s: SubjectRow, _: unknown, ctx: ListsContext) => {
      const rows = await ctx.loaders.listingsAnsweredBy.load(s.id);
      return rows.map((row) => row.listing).filter((row) => ctx.mayRead(row));
    },
  },
  Listing: {
    __resolveReference: async (ref: Ref<'id'>, ctx: ListsContext) => {
      const row = await ctx.loaders.listing.load(ref.id);
      return row && ctx.mayRead(row) ? row : null;
    },
    subject: (l: ListingRow, _: unknown, ctx: ListsContext) => ctx.loaders.subject.load(l.subjectId),
    status: (l: ListingRow, _: unknown, ctx: ListsContext) => statusOn(l, ctx.today).status,
    exitReason: (l: ListingRow, _: unknown, ctx: ListsContext) => statusOn(l, ctx.today).exitReason,
    exitedOn: (l: ListingRow, _: unknown, ctx: ListsContext) =>
      statusOn(l, ctx.today).exitReason === 'EXPIRED' && !l.exitedOn ? l.validUntil : l.exitedOn,
    initiatingDepartment: (l: ListingRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.department.load(l.departmentCode),
    jurisdiction: async (l: ListingRow, _: unknown, ctx: ListsContext) => {
      const department = await ctx.loaders.department.load(l.departmentCode);
      return department && ctx.loaders.jurisdiction.load(department.jurisdictionCode);
    },
    responsiblePersons: async (l: ListingRow, _: unknown, ctx: ListsContext) =>
      (await ctx.loaders.responsiblePersonsOf.load(l.id)).map((row) => row.person),
  },
  Jurisdiction: {
    __resolveReference: (ref: Ref<'code'>, ctx: ListsContext) => ctx.loaders.jurisdiction.load(ref.code),
    policy: (j: JurisdictionRow) => j,
    departments: (j: JurisdictionRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.departmentsOf.load(j.code),
  },
  Department: {
    __resolveReference: (ref: Ref<'code'>, ctx: ListsContext) => ctx.loaders.department.load(ref.code),
    jurisdiction: (d: DepartmentRow, _: unknown, ctx: ListsContext) =>
      ctx.loaders.jurisdiction.load(d.jurisdictionCode),
  },
};
