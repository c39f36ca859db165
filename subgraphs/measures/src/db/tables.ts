import {
  bigint,
  boolean,
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
    scenarios: text().array().$type<Scenario[]>().notNull(),
    matter: text().notNull(),
    means: text().notNull(),
    targetKinds: text().array().$type<SubjectKind[]>().notNull(),
    reachesResponsiblePersons: boolean().notNull(),
    implementingDepartmentCode: text().notNull(),
    basis: text().notNull(),
    memorandum: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    /** Set on the version a revision or retirement replaced. */
    supersededOn: date({ mode: 'string' }),
    retired: boolean().notNull().default(false),
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
    status: text().$type<'PENDING' | 'EXECUTED' | 'SUSPENDED' | 'LIFTED'>().notNull(),
    dispatchedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    liftedReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.listingId, t.measureCode, t.departmentCode),
    index().on(t.departmentCode, t.status),
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
    index().on(t.subjectId),
    index().on(t.dispatchId),
    uniqueIndex().on(t.departmentCode, t.idempotencyKey),
  ],
);

/** Events already applied, so a redelivered event changes nothing. */
export const inbox = measuresSchema.table(
  'inbox',
  {
    source: text().notNull(),
    eventId: bigint({ mode: 'number' }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.eventId] })],
);

export const schema = { measures, dispatches, executions, inbox };
