import { and, eq } from 'drizzle-orm';
import { assertMayActFor } from '#common/access.ts';
import type { Caller } from '#common/caller.ts';
import { conflict, notFound } from '#common/errors.ts';
import type { Claim } from '#common/idempotency.ts';
import { emitEvent } from '#common/outbox.ts';
import {
  decision,
  type Entry,
  furtherRemedyRecord,
  type objectionFiling,
  type repairApplication,
} from '../domain/remedies.ts';
import type { EntryCorrection } from '../peers/lists.ts';
import type { ObjectionRow, ObjectionsDb, RepairRow } from './store.ts';
import { objections, outbox, outboxCursors, repairs, type schema } from './tables.ts';

const events = { outbox, outboxCursors };

export async function fileObjection(
  db: ObjectionsDb,
  entry: Entry,
  filedBy: string,
  filing: ReturnType<typeof objectionFiling>,
  claim: Claim<typeof schema>,
): Promise<ObjectionRow> {
  const openObjection = () =>
    db
      .select({ id: objections.id, dueOn: objections.dueOn })
      .from(objections)
      .where(
        and(
          eq(objections.listingId, entry.id),
          eq(objections.filedBy, filedBy),
          eq(objections.status, 'UNDER_REVIEW'),
        ),
      );
  const refuse = async (): Promise<never> => {
    const [open] = await openObjection();
    throw conflict(
      `Your objection ${open?.id} to this entry is under review, to be answered by ${open?.dueOn}.`,
      { objectionId: open?.id },
    );
  };
  if ((await openObjection()).length > 0) return refuse();
  const filed = await db.transaction(async (tx) => {
    // The partial unique index decides between requests that race past the check above.
    const [row] = await tx
      .insert(objections)
      .values({
        ...filing,
        listingId: entry.id,
        subjectId: entry.subject.id,
        departmentCode: entry.initiatingDepartment.code,
        filedByRole: filedBy.split(':')[0] as string,
        filedBy,
        status: 'UNDER_REVIEW',
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    const objection = row as ObjectionRow;
    await claim(tx, objection.id);
    await emitEvent(tx, events, 'objection.filed', {
      objectionId: objection.id,
      listingId: objection.listingId,
      subjectId: objection.subjectId,
      departmentCode: objection.departmentCode,
      filedOn: objection.filedOn,
      duringPublicity: objection.duringPublicity,
      suspendsMeasures: objection.suspendsMeasures,
    });
    return objection;
  });
  return filed ?? refuse();
}

/**
 * Decides an objection. An upheld one corrects the entry first, through `correct`, while the
 * objection's row is locked: if the entry left meanwhile, the decision is not taken (CONFLICT).
 */
export async function decideObjection(
  db: ObjectionsDb,
  caller: Caller,
  objectionId: string,
  input: { decision: 'UPHELD' | 'REJECTED'; reason: string; decidedOn: string },
  today: string,
  correct: (correction: EntryCorrection) => Promise<void>,
): Promise<ObjectionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(objections).where(eq(objections.id, objectionId)).for('update');
    if (!row) throw notFound(`No objection ${objectionId}.`);
    assertMayActFor(caller, row.departmentCode, 'which initiated the entry', 'decide this');
    const decided = decision(row, input, today);
    if (input.decision === 'UPHELD')
      await correct({
        listingId: row.listingId,
        objectionId: row.id,
        decidedOn: decided.decidedOn,
        reason: decided.decisionReason,
      });
    const [updated] = await tx
      .update(objections)
      .set({ ...decided, status: input.decision })
      .where(eq(objections.id, row.id))
      .returning();
    await emitEvent(tx, events, 'objection.decided', {
      objectionId: row.id,
      listingId: row.listingId,
      departmentCode: row.departmentCode,
      decision: input.decision,
      decidedOn: decided.decidedOn,
      reason: decided.decisionReason,
      suspendsMeasures: row.suspendsMeasures,
    });
    return updated as ObjectionRow;
  });
}

export async function recordFurtherRemedy(
  db: ObjectionsDb,
  caller: Caller,
  objectionId: string,
  input: Parameters<typeof furtherRemedyRecord>[1],
  today: string,
  correct: (correction: EntryCorrection) => Promise<void>,
): Promise<ObjectionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(objections).where(eq(objections.id, objectionId)).for('update');
    if (!row) throw notFound(`No objection ${objectionId}.`);
    assertMayActFor(caller, row.departmentCode, 'which initiated the entry', 'decide this');
    const record = furtherRemedyRecord(row, input, today);
    const reason = `rejection revoked on ${input.remedy} (${input.reference})`;
    if (input.outcome === 'REJECTION_REVOKED')
      await correct({ listingId: row.listingId, objectionId: row.id, decidedOn: input.decidedOn, reason });
    const [updated] = await tx.update(objections).set(record).where(eq(objections.id, row.id)).returning();
    if (input.outcome === 'REJECTION_REVOKED')
      await emitEvent(tx, events, 'objection.decided', {
        objectionId: row.id,
        listingId: row.listingId,
        departmentCode: row.departmentCode,
        decision: 'UPHELD',
        decidedOn: input.decidedOn,
        reason,
        suspendsMeasures: row.suspendsMeasures,
      });
    return updated as ObjectionRow;
  });
}

export async function applyForRepair(
  db: ObjectionsDb,
  entry: Entry,
  application: ReturnType<typeof repairApplication>,
  claim: Claim<typeof schema>,
): Promise<RepairRow> {
  const openRepair = () =>
    db
      .select({ id: repairs.id, dueOn: repairs.dueOn })
      .from(repairs)
      .where(and(eq(repairs.listingId, entry.id), eq(repairs.status, 'UNDER_REVIEW')));
  const refuse = async (): Promise<never> => {
    const [open] = await openRepair();
    throw conflict(
      `Repair application ${open?.id} for this entry is under review, to be decided by ${open?.dueOn}; apply again after its decision.`,
      { repairId: open?.id, acceptedFrom: null },
    );
  };
  if ((await openRepair()).length > 0) return refuse();
  const applied = await db.transaction(async (tx) => {
    // The partial unique index decides between applications that race past the check above.
    const [row] = await tx
      .insert(repairs)
      .values({
        ...application,
        method: application.method as RepairRow['method'],
        listingId: entry.id,
        subjectId: entry.subject.id,
        departmentCode: entry.initiatingDepartment.code,
        status: 'UNDER_REVIEW',
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await claim(tx, row.id);
    await emitEvent(tx, events, 'repair.filed', {
      repairId: row.id,
      listingId: row.listingId,
      subjectId: row.subjectId,
      departmentCode: row.departmentCode,
      appliedOn: row.appliedOn,
    });
    return row as RepairRow;
  });
  return applied ?? refuse();
}

export async function decideRepair(
  db: ObjectionsDb,
  caller: Caller,
  repairId: string,
  input: { decision: 'APPROVED' | 'REJECTED'; reason: string; decidedOn: string },
  today: string,
): Promise<RepairRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(repairs).where(eq(repairs.id, repairId)).for('update');
    if (!row) throw notFound(`No repair application ${repairId}.`);
    assertMayActFor(caller, row.departmentCode, 'which initiated the entry', 'decide this');
    const decided = decision({ ...row, filedOn: row.appliedOn }, input, today);
    const [updated] = await tx
      .update(repairs)
      .set({ ...decided, status: input.decision })
      .where(eq(repairs.id, row.id))
      .returning();
    await emitEvent(tx, events, 'repair.decided', {
      repairId: row.id,
      listingId: row.listingId,
      departmentCode: row.departmentCode,
      decision: input.decision,
      decidedOn: decided.decidedOn,
      reason: decided.decisionReason,
    });
    return updated as RepairRow;
  });
}
