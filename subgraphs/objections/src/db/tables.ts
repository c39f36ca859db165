import { sql } from 'drizzle-orm';
import { boolean, date, index, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idempotencyTable } from '#common/idempotency.ts';
import { outboxTables } from '#common/outbox.ts';

export const objectionsSchema = pgSchema('objections');

export const objections = objectionsSchema.table(
  'objections',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid().notNull(),
    subjectId: uuid().notNull(),
    /** The entry's initiating department, which decides (谁认定谁负责). */
    departmentCode: text().notNull(),
    filedByRole: text().notNull().default('SUBJECT'),
    filedBy: text(),
    grounds: text().notNull(),
    evidence: text().array().notNull().default([]),
    filedOn: date({ mode: 'string' }).notNull(),
    /** The last working day to answer, by the jurisdiction's policy. */
    dueOn: date({ mode: 'string' }).notNull(),
    /** Filed while the entry was in publicity: it holds the signature until decided. */
    duringPublicity: boolean().notNull().default(false),
    /** The jurisdiction pauses the entry's measures while this objection is reviewed. */
    suspendsMeasures: boolean().notNull().default(false),
    status: text().$type<'UNDER_REVIEW' | 'UPHELD' | 'REJECTED'>().notNull(),
    decidedOn: date({ mode: 'string' }),
    decisionReason: text(),
    /** After a rejection: the reconsideration or litigation the subject sought, and its outcome. */
    furtherRemedy: text().$type<'ADMINISTRATIVE_RECONSIDERATION' | 'ADMINISTRATIVE_LITIGATION'>(),
    furtherRemedyOutcome: text().$type<'REJECTION_UPHELD' | 'REJECTION_REVOKED'>(),
    furtherRemedyDecidedOn: date({ mode: 'string' }),
    furtherRemedyReference: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.listingId),
    index().on(t.subjectId),
    index().on(t.departmentCode, t.status, t.dueOn),
    // One open objection per filer and entry, however many requests race to file it.
    uniqueIndex('objections_one_open_per_filer')
      .on(t.listingId, t.filedBy)
      .where(sql`status = 'UNDER_REVIEW'`),
  ],
);

export const repairs = objectionsSchema.table(
  'repairs',
  {
    id: uuid().primaryKey().defaultRandom(),
    listingId: uuid().notNull(),
    subjectId: uuid().notNull(),
    departmentCode: text().notNull(),
    method: text()
      .$type<'OBLIGATION_PERFORMED' | 'PUBLIC_SERVICE' | 'VOLUNTEER_SERVICE' | 'CHARITY' | 'OTHER'>()
      .notNull(),
    evidence: text().array().notNull(),
    commitment: text().notNull(),
    appliedOn: date({ mode: 'string' }).notNull(),
    /** The last working day to decide, by the jurisdiction's policy. */
    dueOn: date({ mode: 'string' }).notNull(),
    status: text().$type<'UNDER_REVIEW' | 'APPROVED' | 'REJECTED'>().notNull(),
    decidedOn: date({ mode: 'string' }),
    decisionReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.listingId),
    index().on(t.subjectId),
    index().on(t.departmentCode, t.status, t.dueOn),
    // One open repair application per entry: two could otherwise both be approved.
    uniqueIndex('repairs_one_open_per_entry').on(t.listingId).where(sql`status = 'UNDER_REVIEW'`),
  ],
);

export const { outbox, outboxCursors } = outboxTables(objectionsSchema);

export const idempotencyKeys = idempotencyTable(objectionsSchema);

export const schema = { objections, repairs, outbox, outboxCursors, idempotencyKeys };
