import { date, index, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { idempotencyTable } from '#common/idempotency.ts';
import { outboxTables } from '#common/outbox.ts';

export const casesSchema = pgSchema('cases');

export const cases = casesSchema.table(
  'cases',
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    kind: text().$type<'INCENTIVE' | 'PUNISHMENT'>().notNull(),
    domain: text().notNull(),
    summary: text().notNull(),
    status: text().$type<'SUBMITTED' | 'PUBLISHED' | 'WITHDRAWN'>().notNull(),
    reportedBy: text().notNull(),
    reportedOn: date({ mode: 'string' }).notNull(),
    publishedOn: date({ mode: 'string' }),
    withdrawnOn: date({ mode: 'string' }),
    withdrawnReason: text(),
    /** Names of the natural persons the case is about, masked wherever the text names them. */
    personNames: text().array().notNull().default([]),
    /**
     * The title and summary as callers without a right to personal data read them: what their
     * search matches and ranks, so no answer depends on a masked character. Written with the text.
     */
    publicTitle: text(),
    publicSummary: text(),
    /** 1 when reported; each correction adds one and keeps the earlier text in `case_revisions`. */
    revision: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.publishedOn), index().on(t.reportedBy, t.reportedOn)],
);

/** The text of a case before each correction, with who corrected it, when and why. */
export const caseRevisions = casesSchema.table(
  'case_revisions',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    revision: integer().notNull(),
    title: text().notNull(),
    domain: text().notNull(),
    summary: text().notNull(),
    correctedOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    correctedBy: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.revision] })],
);

export const caseSubjects = casesSchema.table(
  'case_subjects',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    subjectId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.subjectId] }), index().on(t.subjectId)],
);

export const caseListings = casesSchema.table(
  'case_listings',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    listingId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.listingId] }), index().on(t.listingId)],
);

export const caseMeasures = casesSchema.table(
  'case_measures',
  {
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    measureCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.measureCode] }), index().on(t.measureCode)],
);

export const idempotencyKeys = idempotencyTable(casesSchema);
export const { outbox, outboxCursors } = outboxTables(casesSchema);

export const schema = {
  cases,
  caseRevisions,
  caseSubjects,
  caseListings,
  caseMeasures,
  idempotencyKeys,
  outbox,
  outboxCursors,
};
