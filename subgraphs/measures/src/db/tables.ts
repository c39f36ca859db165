import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { idempotencyTable } from '#common/idempotency.ts';
import { inboxTable, xid8 } from '#common/outbox.ts';
import type { CheckedMeasure } from '../domain/applicability.ts';
import type {
  Channel,
  Enforcement,
  ListType,
  MeasureKind,
  Scenario,
  SubjectKind,
} from '../domain/catalogue.ts';

export const measuresSchema = pgSchema('measures');

/** Every version of every catalogue entry; a revision adds a row and never changes an old one. */
export const measures = measuresSchema.table(
  'measures',
  {
    code: text().notNull(),
    version: integer().notNull(),
    jurisdictionCode: text().notNull(),
    name: text().notNull(),
    kind: text().$type<MeasureKind>().notNull(),
    enforcement: text().$type<Enforcement>().notNull(),
    channel: text().$type<Channel>(),
    listTypes: text().array().$type<ListType[]>().notNull(),
    /** The domains the measure is made for, or {ALL} (domain/catalogue.ts ALL_DOMAINS). */
    domains: text().array().notNull().default(sql`'{ALL}'::text[]`),
    scenarios: text().array().$type<Scenario[]>().notNull(),
    matter: text().notNull(),
    means: text().notNull(),
    targetKinds: text().array().$type<SubjectKind[]>().notNull(),
    reachesResponsiblePersons: boolean().notNull(),
    implementingDepartmentCode: text().notNull(),
    basis: text().notNull(),
    memorandum: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    /** The day the next version, or the retirement, took over: this version is in force before it. */
    supersededOn: date({ mode: 'string' }),
    retired: boolean().notNull().default(false),
    /** Why the credit office revised or retired it. */
    changeReason: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] }), index().on(t.jurisdictionCode)],
);

export const dispatches = measuresSchema.table(
  'dispatches',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid().notNull(),
    subjectId: uuid().notNull(),
    measureCode: text().notNull(),
    measureVersion: integer().notNull(),
    departmentCode: text().notNull(),
    /** The entry's list type, for statistics per list type. */
    listType: text().$type<ListType>().notNull(),
    status: text().$type<'PENDING' | 'EXECUTED' | 'SUSPENDED' | 'LIFTED'>().notNull(),
    dispatchedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    liftedReason: text(),
    /** The latest news about the entry for the department: an objection's decision, a repair. */
    notice: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.listingId, t.measureCode, t.departmentCode),
    index().on(t.departmentCode, t.status, t.dueOn),
    index().on(t.departmentCode, t.dispatchedOn),
    index().on(t.subjectId),
  ],
);

export const executions = measuresSchema.table(
  'executions',
  {
    id: uuid().primaryKey().defaultRandom(),
    dispatchId: uuid()
      .notNull()
      .references(() => dispatches.id),
    listingId: uuid().notNull(),
    subjectId: uuid().notNull(),
    measureCode: text().notNull(),
    measureVersion: integer().notNull(),
    departmentCode: text().notNull(),
    scenario: text().$type<Scenario>().notNull(),
    outcome: text().$type<'APPLIED' | 'NOT_APPLICABLE'>().notNull(),
    executedOn: date({ mode: 'string' }).notNull(),
    decisionRef: text(),
    reason: text(),
    note: text(),
    idempotencyKey: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.listingId),
    index().on(t.subjectId, t.executedOn),
    index().on(t.dispatchId),
    index().on(t.departmentCode, t.executedOn),
    uniqueIndex().on(t.departmentCode, t.idempotencyKey),
  ],
);

/** Who checked whom, when, for what, and what the platform answered then (001 item 15). */
export const creditChecks = measuresSchema.table(
  'credit_checks',
  {
    id: uuid().primaryKey().defaultRandom(),
    departmentCode: text().notNull(),
    subjectId: uuid().notNull(),
    scenario: text().$type<Scenario>().notNull(),
    checkedOn: date({ mode: 'string' }).notNull(),
    purpose: text().notNull(),
    reference: text(),
    /** The subject's status on `checkedOn`, as answered. */
    creditStatus: text().notNull(),
    /** The measures answered, with the catalogue version of each. */
    measures: jsonb().$type<CheckedMeasure[]>().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.departmentCode, t.checkedOn), index().on(t.subjectId, t.checkedOn)],
);

/** Entries whose measures pause while an objection is reviewed, where the jurisdiction says so. */
export const suspensions = measuresSchema.table(
  'suspensions',
  {
    listingId: uuid().notNull(),
    objectionId: uuid().notNull(),
    suspendedOn: date({ mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.objectionId] })],
);

/**
 * Entries known to have left their list (exit or withdrawal), so an effective event that arrives
 * after the exit, from a redelivery or another path, creates no dispatch.
 */
export const endedListings = measuresSchema.table('ended_listings', {
  listingId: uuid().primaryKey(),
  endedOn: date({ mode: 'string' }),
  reason: text().notNull(),
});

export const inbox = inboxTable(measuresSchema);

export type ChangeKind =
  | 'LISTING_EFFECTIVE'
  | 'LISTING_EXITED'
  | 'LISTING_WITHDRAWN'
  | 'LISTING_CORRECTED'
  | 'DISPATCH_CREATED'
  | 'DISPATCH_SUSPENDED'
  | 'DISPATCH_RESUMED'
  | 'DISPATCH_LIFTED'
  | 'EXECUTION_RECORDED'
  | 'OBJECTION_FILED'
  | 'OBJECTION_DECIDED'
  | 'REPAIR_FILED'
  | 'REPAIR_DECIDED'
  | 'CASE_PUBLISHED'
  | 'CATALOGUE_REVISED';

/**
 * The change feed: every change a department system or data team may follow, written in the
 * transaction that makes it here (this subgraph's own) or applies the event announcing it (the
 * other subgraphs'), and read in commit order by (transaction, id).
 */
export const changes = measuresSchema.table(
  'changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    txid: xid8().notNull().default(sql`pg_current_xact_id()`),
    kind: text().$type<ChangeKind>().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    businessDate: date({ mode: 'string' }),
    listingId: uuid(),
    subjectId: uuid(),
    dispatchId: uuid(),
    executionId: uuid(),
    objectionId: uuid(),
    repairId: uuid(),
    caseId: uuid(),
    measureCode: text(),
    /** The department whose own record this is (a dispatch's, an entry's initiator's); null when every government caller sees it. */
    departmentCode: text(),
    /** Shown to the public: a public entry's change, a published case, the catalogue. */
    public: boolean().notNull().default(false),
  },
  (t) => [
    index().on(t.txid, t.id),
    // The catalogue's latest revision, asked on every request that reads the catalogue.
    index('changes_catalogue_revisions').on(t.id).where(sql`${t.kind} = 'CATALOGUE_REVISED'`),
  ],
);
export const idempotencyKeys = idempotencyTable(measuresSchema);

/** A department system's endpoint for signed pushes of the changes it may follow. */
export const webhooks = measuresSchema.table(
  'webhooks',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Whose changes it receives, as the feed shows them to this caller. */
    role: text().$type<'DEPARTMENT' | 'CREDIT_OFFICE'>().notNull(),
    departmentCode: text().notNull(),
    url: text().notNull(),
    kinds: jsonb().$type<ChangeKind[]>().notNull(),
    /** The HMAC key the receiver verifies signatures with; never shown again. */
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    /** The last change delivered (or parked), by transaction and id. */
    cursorTxid: xid8().notNull(),
    cursorId: bigint({ mode: 'number' }).notNull(),
    /** Failed attempts at the change after the cursor, and when to try it again. */
    failures: integer().notNull().default(0),
    firstFailedAt: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** One replica delivers for a webhook at a time. */
    leasedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.departmentCode)],
);

/** Every attempt to push a change to a webhook, and its outcome. */
export const webhookDeliveries = measuresSchema.table(
  'webhook_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    changeId: text().notNull(),
    attempt: integer().notNull(),
    outcome: text().$type<'DELIVERED' | 'FAILED' | 'PARKED'>().notNull(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.webhookId, t.id)],
);

export const schema = {
  measures,
  dispatches,
  executions,
  creditChecks,
  suspensions,
  endedListings,
  inbox,
  idempotencyKeys,
  changes,
  webhooks,
  webhookDeliveries,
};
