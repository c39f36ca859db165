import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idempotencyTable } from '#common/idempotency.ts';
import { inboxTable, outboxTables } from '#common/outbox.ts';
import type { ListingStatus, ListType, Severity } from '../generated/resolvers.ts';

export const lists = pgSchema('lists');

export const jurisdictions = lists.table('jurisdictions', {
  code: text().primaryKey(),
  name: text().notNull(),
  publicityWorkingDays: integer().notNull().default(20),
  feedbackWorkingDays: integer().notNull().default(2),
  objectionSuspendsMeasures: boolean().notNull(),
  monitoringMonths: integer().notNull().default(12),
  objectionWorkingDays: integer().notNull().default(10),
  repairWorkingDays: integer().notNull().default(10),
  minorRepairMonths: integer().notNull().default(0),
  ordinaryRepairMonths: integer().notNull().default(3),
  seriousRepairMonths: integer().notNull().default(12),
  /** Whether the jurisdiction's deadlines count working days (002 §26) or calendar days. */
  deadlinesInWorkingDays: boolean().notNull().default(true),
});

export const departments = lists.table(
  'departments',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    jurisdictionCode: text()
      .notNull()
      .references(() => jurisdictions.code),
    isCreditOffice: boolean().notNull().default(false),
  },
  (t) => [index().on(t.jurisdictionCode)],
);

export const subjects = lists.table(
  'subjects',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<'LEGAL_PERSON' | 'OTHER_ORGANIZATION' | 'NATURAL_PERSON'>().notNull(),
    name: text().notNull(),
    uscc: text(),
    lei: text(),
    idType: text().$type<'RESIDENT_ID' | 'HK_MACAO_TAIWAN' | 'FOREIGN_PERMANENT_RESIDENT' | 'PASSPORT'>(),
    idNumber: text(),
    legalRepresentativeId: uuid(),
    registeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.uscc),
    uniqueIndex().on(t.lei),
    uniqueIndex().on(t.idType, t.idNumber),
    // Lookups by a bare identifier do not know its type; without this they scan every subject.
    index().on(t.idNumber),
    index('subjects_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

export const listings = lists.table(
  'listings',
  {
    id: uuid().primaryKey().defaultRandom(),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    listType: text().$type<ListType>().notNull(),
    status: text().$type<ListingStatus>().notNull(),
    domain: text().notNull(),
    category: integer(),
    severity: text().$type<Severity>(),
    /** The day a natural person was told of the intended blacklisting (事前告知, 002 §8). */
    priorNoticeOn: date({ mode: 'string' }),
    /** The remedies open to the subject (救济途径, 002 §8). */
    remedy: text(),
    facts: text().notNull(),
    /** The published wording of the facts, set by the secrecy review (002 §9); masked as well when shown. */
    publicFacts: text(),
    basis: text().notNull(),
    decidedOn: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }).notNull(),
    repairable: boolean().notNull(),
    disclosure: text().$type<'PUBLIC' | 'NON_PUBLIC'>(),
    departmentCode: text()
      .notNull()
      .references(() => departments.code),
    publicityStartsOn: date({ mode: 'string' }),
    publicityEndsOn: date({ mode: 'string' }),
    signedOn: date({ mode: 'string' }),
    validFrom: date({ mode: 'string' }),
    exitReason: text().$type<
      | 'OBJECTION_UPHELD'
      | 'CREDIT_REPAIRED'
      | 'STANDARD_CHANGED'
      | 'EXPIRED'
      | 'LISTED_ELSEWHERE'
      | 'INCENTIVE_ABUSED'
    >(),
    exitedOn: date({ mode: 'string' }),
    exitNote: text(),
    withdrawnOn: date({ mode: 'string' }),
    /** The upheld objection that corrected the entry, so the correction is made once. */
    correctedByObjectionId: uuid(),
    /** For a MONITORED entry: the BLACK entry whose exit opened it. */
    originListingId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.subjectId),
    index().on(t.status, t.listType),
    index().on(t.departmentCode),
    // Severity bounds publication and repair (national repair rules); a blacklisting without it could be repaired too early.
    check('black_states_severity', sql`${t.listType} <> 'BLACK' or ${t.severity} is not null`),
  ],
);

export const responsiblePersons = lists.table(
  'responsible_persons',
  {
    listingId: uuid()
      .notNull()
      .references(() => listings.id),
    personId: uuid()
      .notNull()
      .references(() => subjects.id),
    role: text().$type<'LEGAL_REPRESENTATIVE' | 'DIRECTLY_RESPONSIBLE'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.personId] }), index().on(t.personId)],
);

/** Every change of an entry's state, written in the transaction that makes it. */
export const listingHistory = lists.table(
  'listing_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    listingId: uuid()
      .notNull()
      .references(() => listings.id),
    status: text().$type<'DRAFT' | 'PUBLICITY' | 'NOTICE' | 'EFFECTIVE' | 'EXITED' | 'WITHDRAWN'>().notNull(),
    on: date({ mode: 'string' }).notNull(),
    reason: text(),
    by: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.listingId)],
);

/**
 * The platform's report that an entry in force expires within 7 days (002 §12(一)4, (二)4), one per
 * entry, written by the expiry job in the transaction that announces it.
 */
export const expiryNotices = lists.table('expiry_notices', {
  listingId: uuid()
    .primaryKey()
    .references(() => listings.id),
  expiresOn: date({ mode: 'string' }).notNull(),
  dueOn: date({ mode: 'string' }).notNull(),
  noticedOn: date({ mode: 'string' }).notNull(),
  recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const { outbox, outboxCursors } = outboxTables(lists);
export const inbox = inboxTable(lists);
export const idempotencyKeys = idempotencyTable(lists);

/** Every objection filed to an entry, as the objections subgraph announced it: counted in the statistics. */
export const objectionFilings = lists.table(
  'objection_filings',
  {
    objectionId: uuid().primaryKey(),
    listingId: uuid()
      .notNull()
      .references(() => listings.id),
    filedOn: date({ mode: 'string' }).notNull(),
  },
  (t) => [index().on(t.filedOn)],
);

/** Objections filed during publicity and not yet decided: the entry cannot be signed meanwhile. */
export const objectionHolds = lists.table(
  'objection_holds',
  {
    listingId: uuid()
      .notNull()
      .references(() => listings.id),
    objectionId: uuid().notNull(),
    filedOn: date({ mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.objectionId] })],
);

/** Every read of a natural person's unmasked record (domain.md §8): who, when, whom, which operation. */
export const personalDataReads = lists.table(
  'personal_data_reads',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** The person read; null for a bulk export, which counts them in `persons`. */
    subjectId: uuid(),
    persons: integer(),
    readerRole: text().notNull(),
    readerDepartment: text(),
    readerSubject: text(),
    /** The operation name the client chose: a claim, not checked. */
    operation: text(),
    /** What ran: `trusted:<id>` of a trusted document, or `sha256:<hex>` of the document sent. */
    document: text(),
    /** The purpose the reader stated in X-Query-Purpose (004 §(二十七)). */
    purpose: text(),
    /** What was read: the record itself, or free text that names the person (a case, facts, …). */
    source: text().notNull().default('RECORD'),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.subjectId, t.readAt)],
);

export const schema = {
  jurisdictions,
  departments,
  subjects,
  listings,
  responsiblePersons,
  personalDataReads,
  outbox,
  outboxCursors,
  inbox,
  objectionHolds,
  objectionFilings,
  expiryNotices,
  idempotencyKeys,
};
