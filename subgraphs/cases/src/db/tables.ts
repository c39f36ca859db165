import { date, index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    withdrawnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.publishedOn), index().on(t.reportedBy)],
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

export const schema = { cases, caseSubjects, caseListings, caseMeasures };
