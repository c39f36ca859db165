import { and, between, eq, inArray, lt, ne, notExists, or } from 'drizzle-orm';
import { actingDepartment, assertMayActFor } from '#common/access.ts';
import { addDays } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import { isUniqueViolation } from '#common/db.ts';
import { badUserInput, conflict, notFound } from '#common/errors.ts';
import type { Claim } from '#common/idempotency.ts';
import { idInput } from '#common/input.ts';
import { blockingRedListing, redEntriesEndedBy } from '../domain/cross-checks.ts';
import {
  correct,
  EXPIRY_REPORT_DAYS,
  expiryReportDue,
  type ListingState,
  monitoringAfter,
  type Policy,
  type Proposal,
  priorNotice,
  type Transition,
} from '../domain/lifecycle.ts';
import type { Registration } from '../domain/registration.ts';
import { emitListingEvent, type ListingTopic } from './outbox.ts';
import type { ListingRow, ListsDb, ListsTx, SubjectRow } from './store.ts';
import {
  departments,
  expiryNotices,
  jurisdictions,
  listingHistory,
  listings,
  objectionHolds,
  responsiblePersons,
  type schema,
  subjects,
} from './tables.ts';

const actorOf = (caller: Caller) => caller.dept ?? caller.role;

async function findDuplicate(tx: ListsTx, reg: Registration): Promise<SubjectRow | undefined> {
  const conditions = [];
  if (reg.uscc) conditions.push(eq(subjects.uscc, reg.uscc));
  if (reg.lei) conditions.push(eq(subjects.lei, reg.lei));
  if (reg.idType && reg.idNumber) {
    conditions.push(and(eq(subjects.idType, reg.idType), eq(subjects.idNumber, reg.idNumber)));
  }
  const [existing] = await tx
    .select()
    .from(subjects)
    .where(or(...conditions))
    .limit(1);
  return existing;
}

async function insertSubject(
  tx: ListsTx,
  reg: Registration,
  legalRepresentativeId: string | null,
): Promise<SubjectRow> {
  const [row] = await tx
    .insert(subjects)
    .values({
      kind: reg.kind,
      name: reg.name,
      uscc: reg.uscc,
      lei: reg.lei,
      idType: reg.idType,
      idNumber: reg.idNumber,
      legalRepresentativeId,
    })
    .returning();
  return row as SubjectRow;
}

/** Registers a subject (and its legal representative if new), or says which subject already has the identifier. */
export async function registerSubject(db: ListsDb, reg: Registration): Promise<SubjectRow> {
  try {
    return await db.transaction(async (tx) => {
      const duplicate = await findDuplicate(tx, reg);
      if (duplicate) {
        throw conflict(`This subject is already registered as "${duplicate.name}" (${duplicate.id}).`, {
          existingSubjectId: duplicate.id,
        });
      }
      let representativeId: string | null = null;
      if (reg.legalRepresentative) {
        const representative =
          (await findDuplicate(tx, reg.legalRepresentative)) ??
          (await insertSubject(tx, reg.legalRepresentative, null));
        if (representative.kind !== 'NATURAL_PERSON') {
          throw badUserInput('legalRepresentative', 'The legal representative must be a natural person.');
        }
        representativeId = representative.id;
      }
      return insertSubject(tx, reg, representativeId);
    });
  } catch (error) {
    // Two clerks registering the same subject at once: the unique index decides, the loser is told.
    if (isUniqueViolation(error)) {
      const existing = await db.transaction((tx) => findDuplicate(tx, reg));
      throw conflict('This subject was registered a moment ago by someone else.', {
        existingSubjectId: existing?.id,
      });
    }
    throw error;
  }
}

async function policyOfDepartment(tx: ListsTx, departmentCode: string): Promise<Policy> {
  const [row] = await tx
    .select({
      publicityWorkingDays: jurisdictions.publicityWorkingDays,
      monitoringMonths: jurisdictions.monitoringMonths,
    })
    .from(departments)
    .innerJoin(jurisdictions, eq(jurisdictions.code, departments.jurisdictionCode))
    .where(eq(departments.code, departmentCode));
  if (!row) throw badUserInput('dept', `Department ${departmentCode} is not in the directory.`);
  return row;
}

async function record(tx: ListsTx, listingId: string, history: Transition['history'], by: string) {
  await tx.insert(listingHistory).values({ listingId, ...history, by });
}

export async function proposeListing(
  db: ListsDb,
  caller: Caller,
  input: Proposal & { subjectId: string; responsiblePersonIds?: string[] | null },
  today: string,
  claim: Claim<typeof schema>,
): Promise<ListingRow> {
  const departmentCode = actingDepartment(caller, 'propose a list entry');
  const subjectId = idInput('subjectId', input.subjectId);
  const personIds = [
    ...new Set((input.responsiblePersonIds ?? []).map((id) => idInput('responsiblePersonIds', id))),
  ];
  return db.transaction(async (tx) => {
    await policyOfDepartment(tx, departmentCode);
    const [subject] = await tx.select().from(subjects).where(eq(subjects.id, subjectId)).for('update');
    if (!subject)
      throw badUserInput('subjectId', `No subject has the id ${input.subjectId}; register it first.`);

    if (personIds.length > 0) {
      if (subject.kind === 'NATURAL_PERSON') {
        throw badUserInput(
          'responsiblePersonIds',
          'Responsible persons answer for an organisation, not for a natural person.',
        );
      }
      const persons = await tx.select().from(subjects).where(inArray(subjects.id, personIds));
      const naturalPersons = new Set(persons.filter((p) => p.kind === 'NATURAL_PERSON').map((p) => p.id));
      const wrong = personIds.find((id) => !naturalPersons.has(id));
      if (wrong) throw badUserInput('responsiblePersonIds', `${wrong} is not a registered natural person.`);
    }

    if (input.listType === 'RED') {
      const current = await tx.select().from(listings).where(eq(listings.subjectId, subject.id));
      assertMayBeRedListed(current, today);
    }
    if (input.listType === 'BLACK' && subject.kind === 'NATURAL_PERSON') priorNotice(input);

    const [listing] = await tx
      .insert(listings)
      .values({
        subjectId: subject.id,
        listType: input.listType,
        status: 'DRAFT',
        domain: input.domain,
        category: input.category ?? null,
        severity: input.severity ?? null,
        priorNoticeOn: input.priorNoticeOn ?? null,
        remedy: input.remedy ?? null,
        facts: input.facts,
        basis: input.basis,
        decidedOn: input.decidedOn,
        validUntil: input.validUntil,
        repairable: input.repairable,
        departmentCode,
      })
      .returning();
    const created = listing as ListingRow;
    if (personIds.length > 0) {
      await tx.insert(responsiblePersons).values(
        personIds.map((personId) => ({
          listingId: created.id,
          personId,
          role:
            personId === subject.legalRepresentativeId
              ? ('LEGAL_REPRESENTATIVE' as const)
              : ('DIRECTLY_RESPONSIBLE' as const),
        })),
      );
    }
    await record(tx, created.id, { status: 'DRAFT', on: input.decidedOn, reason: null }, actorOf(caller));
    await claim(tx, created.id);
    return created;
  });
}

const stateOf = (row: ListingRow, objectionsUnderReview = 0): ListingState => ({
  ...row,
  objectionsUnderReview,
});

const TOPIC_OF: Partial<Record<ListingRow['status'], ListingTopic>> = {
  EFFECTIVE: 'listing.effective',
  EXITED: 'listing.exited',
  WITHDRAWN: 'listing.withdrawn',
};

/**
 * Moves an entry through its lifecycle: locks the row, checks who may act, applies the rule's
 * transition and its consequences, and records the history, all in one transaction.
 */
export async function transitionListing(
  db: ListsDb,
  caller: Caller,
  listingId: string,
  decide: (state: ListingState, policy: Policy) => Transition,
): Promise<ListingRow> {
  const id = idInput('listingId', listingId);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(listings).where(eq(listings.id, id)).for('update');
    if (!row) throw notFound(`No list entry has the id ${listingId}.`);
    assertMayActFor(caller, row.departmentCode, 'which initiated this entry', 'change it');
    const policy = await policyOfDepartment(tx, row.departmentCode);
    const holds = await tx.$count(objectionHolds, eq(objectionHolds.listingId, row.id));
    const transition = decide(stateOf(row, holds), policy);
    const [updated] = await tx
      .update(listings)
      .set({ ...transition.set, updatedAt: new Date() })
      .where(eq(listings.id, row.id))
      .returning();
    await record(tx, row.id, transition.history, actorOf(caller));
    const after = updated as ListingRow;
    const topic = TOPIC_OF[after.status];
    if (topic) await emitListingEvent(tx, topic, after.id);

    if (transition.set.status === 'EFFECTIVE') {
      const entries = await tx
        .select()
        .from(listings)
        .where(and(eq(listings.subjectId, row.subjectId), ne(listings.id, row.id)))
        .for('update');
      if (row.listType === 'RED') assertMayBeRedListed(entries, after.validFrom as string);
      else if (row.listType === 'BLACK' || row.listType === 'WATCH')
        await endRedEntriesOf(tx, actorOf(caller), after, entries);
    }
    if (transition.set.status === 'EXITED' && transition.set.exitReason && transition.set.exitedOn) {
      const monitoring = monitoringAfter(
        stateOf(row),
        transition.set.exitedOn,
        transition.set.exitReason,
        policy,
      );
      if (monitoring) await openMonitoring(tx, actorOf(caller), after, monitoring);
    }
    return after;
  });
}

/**
 * Corrects an entry for an upheld objection, once: asked again for the same objection (a retry
 * after a lost answer), it returns the corrected entry.
 */
export async function correctListing(
  db: ListsDb,
  caller: Caller,
  input: { listingId: string; objectionId: string; decidedOn: string; reason: string },
): Promise<ListingRow> {
  const listingId = idInput('listingId', input.listingId);
  const objectionId = idInput('objectionId', input.objectionId);
  const [corrected] = await db
    .select()
    .from(listings)
    .where(and(eq(listings.id, listingId), eq(listings.correctedByObjectionId, objectionId)));
  if (corrected) return corrected;
  return transitionListing(db, caller, listingId, (state) => correct(state, { ...input, objectionId }));
}

/** No red entry beside a BLACK or WATCH entry in force or in publicity (002 §8): CONFLICT naming it. */
function assertMayBeRedListed(entries: ListingRow[], on: string) {
  const blocking = blockingRedListing(entries, on);
  if (blocking)
    throw conflict(
      `The subject has a ${blocking.listType} entry (${blocking.id}) in force or in publicity and cannot be red-listed (002 §8).`,
      { blockingListingId: blocking.id },
    );
}

/**
 * A red-listed subject that becomes blacklisted or watch-listed loses its red listing
 * (002 §12(一)2): red entries in force exit on the signing date (or on their own start if that
 * came later), and red entries not yet in force are withdrawn.
 */
async function endRedEntriesOf(tx: ListsTx, by: string, listing: ListingRow, entries: ListingRow[]) {
  const signedOn = listing.validFrom as string;
  const ended = redEntriesEndedBy(entries, signedOn);
  const note = `${listing.listType} entry ${listing.id}`;
  for (const red of ended.exit) {
    const exitedOn = red.validFrom && red.validFrom > signedOn ? red.validFrom : signedOn;
    await tx
      .update(listings)
      .set({
        status: 'EXITED',
        exitReason: 'LISTED_ELSEWHERE',
        exitedOn,
        exitNote: note,
        updatedAt: new Date(),
      })
      .where(eq(listings.id, red.id));
    await record(tx, red.id, { status: 'EXITED', on: exitedOn, reason: 'LISTED_ELSEWHERE' }, by);
    await emitListingEvent(tx, 'listing.exited', red.id);
  }
  for (const red of ended.withdraw) {
    await tx
      .update(listings)
      .set({ status: 'WITHDRAWN', withdrawnOn: signedOn, exitNote: note, updatedAt: new Date() })
      .where(eq(listings.id, red.id));
    await record(tx, red.id, { status: 'WITHDRAWN', on: signedOn, reason: `listed elsewhere: ${note}` }, by);
    await emitListingEvent(tx, 'listing.withdrawn', red.id);
  }
}

async function openMonitoring(
  tx: ListsTx,
  by: string,
  black: ListingRow,
  period: { validFrom: string; validUntil: string },
) {
  const [monitored] = await tx
    .insert(listings)
    .values({
      subjectId: black.subjectId,
      listType: 'MONITORED',
      status: 'EFFECTIVE',
      domain: black.domain,
      severity: black.severity,
      facts: `Left BLACK entry ${black.id}; monitored (004 §(二十)).`,
      basis: black.basis,
      decidedOn: period.validFrom,
      validUntil: period.validUntil,
      repairable: true,
      disclosure: black.disclosure,
      departmentCode: black.departmentCode,
      signedOn: period.validFrom,
      validFrom: period.validFrom,
      originListingId: black.id,
    })
    .returning();
  const reason = `after ${black.exitReason ?? 'exit'} of BLACK entry ${black.id}`;
  await record(tx, (monitored as ListingRow).id, { status: 'EFFECTIVE', on: period.validFrom, reason }, by);
  await emitListingEvent(tx, 'listing.effective', (monitored as ListingRow).id);
}

/**
 * Records the expiry of entries whose validity has ended. Their status already reads EXITED
 * (EXPIRED) from the dates; this writes it down, with the history line and, for BLACK, the
 * monitoring period. Safe to run any number of times, from any number of replicas.
 */
export async function recordExpiries(db: ListsDb, today: string): Promise<number> {
  let total = 0;
  // In batches, each its own transaction: a backlog (a register loaded in bulk, a long outage)
  // neither holds one transaction for minutes nor keeps the service from answering until it ends.
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(listings)
        .where(and(eq(listings.status, 'EFFECTIVE'), lt(listings.validUntil, today)))
        .limit(EXPIRY_BATCH)
        .for('update', { skipLocked: true });
      for (const row of due) {
        const exitedOn = addDays(row.validUntil, 1);
        const [updated] = await tx
          .update(listings)
          .set({ status: 'EXITED', exitReason: 'EXPIRED', exitedOn, updatedAt: new Date() })
          .where(eq(listings.id, row.id))
          .returning();
        await record(tx, row.id, { status: 'EXITED', on: exitedOn, reason: 'EXPIRED' }, 'PLATFORM');
        await emitListingEvent(tx, 'listing.exited', row.id);
        const monitoring = monitoringAfter(
          row,
          exitedOn,
          'EXPIRED',
          await policyOfDepartment(tx, row.departmentCode),
        );
        if (monitoring) await openMonitoring(tx, 'PLATFORM', updated as ListingRow, monitoring);
      }
      return due.length;
    });
    total += done;
    if (done < EXPIRY_BATCH) return total;
  }
}

const EXPIRY_BATCH = 500;

/**
 * Reports, once per entry, the entries in force that expire within 7 days (002 §12(一)4, (二)4):
 * a notice row the initiating department and the credit office read on the entry, and a
 * `listing.expiring` event that tells the implementing departments when to stop. Safe to run any
 * number of times, from any number of replicas.
 */
export async function recordExpiryNotices(db: ListsDb, today: string): Promise<number> {
  return db.transaction(async (tx) => {
    const reported = tx.select().from(expiryNotices).where(eq(expiryNotices.listingId, listings.id));
    // 7 working days can span a holiday week: the window is wide, and the rule decides.
    const candidates = await tx
      .select()
      .from(listings)
      .where(
        and(
          eq(listings.status, 'EFFECTIVE'),
          between(listings.validUntil, today, addDays(today, EXPIRY_REPORT_DAYS * 3)),
          notExists(reported),
        ),
      )
      .for('update', { skipLocked: true });
    const countsWorkingDays = new Map(
      (
        await tx
          .select({ code: departments.code, workingDays: jurisdictions.deadlinesInWorkingDays })
          .from(departments)
          .innerJoin(jurisdictions, eq(jurisdictions.code, departments.jurisdictionCode))
      ).map((d) => [d.code, d.workingDays]),
    );
    let recorded = 0;
    for (const listing of candidates) {
      const due = expiryReportDue(listing, today, countsWorkingDays.get(listing.departmentCode) ?? true);
      if (!due) continue;
      const inserted = await tx
        .insert(expiryNotices)
        .values({ listingId: listing.id, ...due, noticedOn: today })
        .onConflictDoNothing()
        .returning({ listingId: expiryNotices.listingId });
      if (inserted.length === 0) continue;
      await emitListingEvent(tx, 'listing.expiring', listing.id);
      recorded++;
    }
    return recorded;
  });
}
