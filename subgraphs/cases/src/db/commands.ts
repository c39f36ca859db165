import { eq, isNull } from 'drizzle-orm';
import type { Caller } from '#common/caller.ts';
import { notFound } from '#common/errors.ts';
import type { Claim } from '#common/idempotency.ts';
import { emitEvent } from '#common/outbox.ts';
import { assertMayPublish } from '../domain/access.ts';
import { correction, publication, publicText, type validateReport, withdrawal } from '../domain/cases.ts';
import type { CaseRow, CasesDb, CasesTx } from './store.ts';
import {
  caseListings,
  caseMeasures,
  caseRevisions,
  caseSubjects,
  cases,
  outbox,
  outboxCursors,
  type schema,
} from './tables.ts';

export async function reportCase(
  db: CasesDb,
  report: ReturnType<typeof validateReport> & {
    personNames: string[];
    reportedBy: string;
    reportedOn: string;
  },
  claim: Claim<typeof schema>,
): Promise<CaseRow> {
  const { subjectIds, listingIds, measureCodes, ...fields } = report;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cases)
      .values({ ...fields, ...publicText(fields), status: 'SUBMITTED' })
      .returning();
    const c = row as CaseRow;
    await tx.insert(caseSubjects).values(subjectIds.map((subjectId) => ({ caseId: c.id, subjectId })));
    if (listingIds.length > 0)
      await tx.insert(caseListings).values(listingIds.map((listingId) => ({ caseId: c.id, listingId })));
    if (measureCodes.length > 0)
      await tx
        .insert(caseMeasures)
        .values(measureCodes.map((measureCode) => ({ caseId: c.id, measureCode })));
    await claim(tx, c.id);
    return c;
  });
}

async function changeCase<T extends Partial<CaseRow>>(
  db: CasesDb,
  caller: Caller,
  caseId: string,
  action: string,
  change: (c: CaseRow, tx: CasesTx) => Promise<T> | T,
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row) throw notFound(`No typical case ${caseId}.`);
    assertMayPublish(caller, row.reportedBy, action);
    const [updated] = await tx
      .update(cases)
      .set(await change(row, tx))
      .where(eq(cases.id, row.id))
      .returning();
    return updated as CaseRow;
  });
}

export const publishCase = (
  db: CasesDb,
  caller: Caller,
  caseId: string,
  publishedOn: string,
  today: string,
) =>
  changeCase(db, caller, caseId, 'publish it', async (c, tx) => {
    const published = publication(c, publishedOn, today);
    await emitEvent(tx, { outbox, outboxCursors }, 'case.published', {
      caseId: c.id,
      publishedOn: published.publishedOn,
    });
    return published;
  });

export const withdrawCase = (
  db: CasesDb,
  caller: Caller,
  caseId: string,
  input: { withdrawnOn: string; reason: string },
  today: string,
) => changeCase(db, caller, caseId, 'withdraw it', (c) => withdrawal(c, input, today));

export const correctCase = (
  db: CasesDb,
  caller: Caller,
  caseId: string,
  input: Parameters<typeof correction>[1],
  today: string,
) =>
  changeCase(db, caller, caseId, 'correct it', async (c, tx) => {
    const { next, reason } = correction(c, input, today);
    await tx.insert(caseRevisions).values({
      caseId: c.id,
      revision: c.revision,
      title: c.title,
      domain: c.domain,
      summary: c.summary,
      correctedOn: input.correctedOn,
      reason,
      correctedBy: caller.dept ?? 'CREDIT_OFFICE',
    });
    return { ...next, ...publicText({ ...next, personNames: c.personNames }), revision: c.revision + 1 };
  });

/** Writes the public text of cases stored before it was kept (migration 0003), a thousand at a time. */
export async function fillPublicText(db: CasesDb): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.select().from(cases).where(isNull(cases.publicTitle)).limit(1_000);
    if (rows.length === 0) return filled;
    for (const row of rows) await db.update(cases).set(publicText(row)).where(eq(cases.id, row.id));
    filled += rows.length;
  }
}
