import { addMonths, workingDaysAfter } from '#common/calendar.ts';
import type { Caller } from '#common/caller.ts';
import { badUserInput, conflict, forbidden } from '#common/errors.ts';
import { requiredText } from '#common/input.ts';
import type { FurtherRemedy, FurtherRemedyOutcome } from '../generated/resolvers.ts';
import type { ListingStatus, ListType, Severity } from '../generated/to-lists.ts';

/** The SDL's enums (Severity as lists declares it), as `npm run codegen` generates them. */
export type { FurtherRemedy, FurtherRemedyOutcome, Severity };

/** An entry as the lists subgraph describes it on a business date. */
export interface Entry {
  id: string;
  listType: ListType;
  status: ListingStatus;
  severity: Severity | null;
  decidedOn: string;
  validUntil: string;
  repairable: boolean;
  subject: { id: string; legalRepresentative?: { id: string } | null };
  /** Natural persons who answer for an organisation's entry (001 item 12). */
  responsiblePersons?: { id: string }[];
  initiatingDepartment: { code: string };
  jurisdiction: {
    code: string;
    policy: {
      objectionSuspendsMeasures: boolean;
      objectionWorkingDays: number;
      repairWorkingDays: number;
      minorRepairMonths: number;
      ordinaryRepairMonths: number;
      seriousRepairMonths: number;
    };
  };
}

function notInFuture(field: string, date: string, today: string) {
  if (date > today) throw badUserInput(field, `${field} ${date} is in the future.`);
}

function evidenceList(evidence: readonly string[] | null | undefined, required: boolean): string[] {
  const items = (evidence ?? []).map((e) => requiredText('evidence', e, 500));
  if (items.length > 50) throw badUserInput('evidence', 'At most 50 pieces of evidence; bundle the rest.');
  if (required && items.length === 0)
    throw badUserInput('evidence', 'Attach at least one piece of evidence.');
  return items;
}

/** The persons who answer for an organisation's entry: its legal representative and the responsible persons named. */
const answeringPersons = (entry: Entry) => [
  ...(entry.subject.legalRepresentative ? [entry.subject.legalRepresentative.id] : []),
  ...(entry.responsiblePersons ?? []).map((p) => p.id),
];

/**
 * Who may object (000 §4(三), 002 §8, 004 §(二十七)): the subject to its own entry; anyone
 * (any SUBJECT token) to an entry in publicity (公示); a person who answers for an organisation's
 * entry (001 item 12) while it is in publicity or in force; a department that finds the
 * information wrong; or the credit office on a complaint.
 */
export function filerOf(caller: Caller, entry: Entry): string {
  if (caller.role === 'SUBJECT') {
    const own = caller.subject === entry.subject.id;
    const answers = answeringPersons(entry).includes(caller.subject ?? '');
    const open = entry.status === 'PUBLICITY' || (answers && entry.status === 'EFFECTIVE');
    if (!own && !open)
      throw forbidden(
        'Anyone may object to an entry in publicity; after it, only its subject and the persons who answer for it.',
      );
    return `SUBJECT:${caller.subject}`;
  }
  if ((caller.role === 'DEPARTMENT' || caller.role === 'CREDIT_OFFICE') && caller.dept)
    return `${caller.role}:${caller.dept}`;
  throw forbidden('Only the subject of the entry, a department or the credit office may file an objection.');
}

/**
 * An objection is filed during publicity or while the entry is in force, and answered within
 * the jurisdiction's working days; where the jurisdiction says so, it pauses the measures of an
 * entry in force until decided (001 item 19, 004 §(二十七)), and during publicity it holds the
 * signature.
 */
export function objectionFiling(
  entry: Entry,
  input: { grounds: string; evidence?: string[] | null; filedOn: string },
  today: string,
) {
  notInFuture('filedOn', input.filedOn, today);
  if (entry.status !== 'PUBLICITY' && entry.status !== 'EFFECTIVE')
    throw conflict(
      `On ${input.filedOn} the entry was ${entry.status}; objections are filed during publicity or while it is in force.`,
      { currentStatus: entry.status },
    );
  const { policy } = entry.jurisdiction;
  return {
    grounds: requiredText('grounds', input.grounds),
    evidence: evidenceList(input.evidence, false),
    filedOn: input.filedOn,
    dueOn: workingDaysAfter(input.filedOn, policy.objectionWorkingDays),
    duringPublicity: entry.status === 'PUBLICITY',
    suspendsMeasures: entry.status === 'EFFECTIVE' && policy.objectionSuspendsMeasures,
  };
}

/** A decision is taken once, on a date between the filing and today, with its reason. */
export function decision(
  record: { status: string; filedOn: string; decidedOn: string | null },
  input: { reason: string; decidedOn: string },
  today: string,
) {
  if (record.status !== 'UNDER_REVIEW')
    throw conflict(`This was already decided (${record.status}) on ${record.decidedOn}.`, {
      currentStatus: record.status,
    });
  notInFuture('decidedOn', input.decidedOn, today);
  if (input.decidedOn < record.filedOn)
    throw badUserInput('decidedOn', `decidedOn is before the filing of ${record.filedOn}.`);
  return { decidedOn: input.decidedOn, decisionReason: requiredText('reason', input.reason, 2_000) };
}

/**
 * The severity that sets an entry's repair period: as stated; a blacklisting without one (from
 * before severity was required) is the list of serious dishonesty, so SERIOUS; a watch entry
 * without one, ORDINARY.
 */
export const severityOf = (entry: Pick<Entry, 'severity' | 'listType'>): Severity =>
  entry.severity ?? (entry.listType === 'BLACK' ? 'SERIOUS' : 'ORDINARY');

/**
 * The first day a repair may be applied for: the minimum period of the entry's severity from
 * its decision date (NDRC credit-repair rules, as the jurisdiction's policy sets them).
 */
export function repairAcceptedFrom(entry: Entry): string {
  const { policy } = entry.jurisdiction;
  const months = {
    MINOR: policy.minorRepairMonths,
    ORDINARY: policy.ordinaryRepairMonths,
    SERIOUS: policy.seriousRepairMonths,
  }[severityOf(entry)];
  return addMonths(entry.decidedOn, months);
}

/** Who applies for repair: the subject itself, or the credit office registering its application. */
export function assertMayApplyForRepair(caller: Caller, entry: Entry): void {
  if (caller.role === 'CREDIT_OFFICE') return;
  if (caller.role === 'SUBJECT' && caller.subject === entry.subject.id) return;
  throw forbidden('Only the subject of the entry, or the credit office on its behalf, may apply for repair.');
}

/**
 * A repair application (000 §4(四), 004 §(二十六)): for a blacklisting or watch listing marked
 * repairable, in force, past the minimum period of its severity, with evidence and a public
 * credit commitment; decided within the jurisdiction's working days.
 */
export function repairApplication(
  entry: Entry,
  input: { method: string; evidence: string[]; commitment: string; appliedOn: string },
  today: string,
) {
  notInFuture('appliedOn', input.appliedOn, today);
  if (entry.listType !== 'BLACK' && entry.listType !== 'WATCH')
    throw conflict(`A ${entry.listType} entry is not repaired; only BLACK and WATCH entries are.`, {
      acceptedFrom: null,
    });
  if (!entry.repairable)
    throw conflict(
      `This entry is marked not repairable; it leaves only at expiry after ${entry.validUntil}.`,
      { acceptedFrom: null },
    );
  if (entry.status !== 'EFFECTIVE')
    throw conflict(
      `On ${input.appliedOn} the entry was ${entry.status}; only entries in force are repaired.`,
      {
        currentStatus: entry.status,
        acceptedFrom: null,
      },
    );
  const acceptedFrom = repairAcceptedFrom(entry);
  if (input.appliedOn < acceptedFrom)
    throw conflict(
      `A ${severityOf(entry)} entry decided on ${entry.decidedOn} may be repaired from ${acceptedFrom}.`,
      { acceptedFrom },
    );
  return {
    method: input.method,
    evidence: evidenceList(input.evidence, true),
    commitment: requiredText('commitment', input.commitment, 5_000),
    appliedOn: input.appliedOn,
    dueOn: workingDaysAfter(input.appliedOn, entry.jurisdiction.policy.repairWorkingDays),
  };
}

/**
 * The outcome of the reconsideration or litigation a subject sought after a rejection, recorded
 * once. A revoked rejection means the objection stands: the entry is corrected as if upheld.
 */
export function furtherRemedyRecord(
  record: { status: string; decidedOn: string | null; furtherRemedyOutcome: string | null },
  input: { remedy: FurtherRemedy; outcome: FurtherRemedyOutcome; decidedOn: string; reference: string },
  today: string,
) {
  if (record.status !== 'REJECTED')
    throw conflict(
      `Only a rejected objection goes to reconsideration or litigation; this one is ${record.status}.`,
      {
        currentStatus: record.status,
      },
    );
  if (record.furtherRemedyOutcome)
    throw conflict(`The outcome (${record.furtherRemedyOutcome}) is already recorded.`, {
      currentStatus: record.status,
    });
  notInFuture('decidedOn', input.decidedOn, today);
  if (record.decidedOn && input.decidedOn < record.decidedOn)
    throw badUserInput('decidedOn', `decidedOn is before the rejection of ${record.decidedOn}.`);
  return {
    furtherRemedy: input.remedy,
    furtherRemedyOutcome: input.outcome,
    furtherRemedyDecidedOn: input.decidedOn,
    furtherRemedyReference: requiredText('reference', input.reference, 100),
  };
}
