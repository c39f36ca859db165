import { addDays, addMonths, daysAfter, lastOfWorkingDays, workingDaysAfter } from '#common/calendar.ts';
import { badUserInput, conflict } from '#common/errors.ts';
import { optionalText, requiredText } from '#common/input.ts';
import type { DeadlineKind } from '../generated/resolvers.ts';
import {
  type Disclosure,
  type ExitReason,
  isEffectiveOn,
  type ListingDates,
  type ListingStatus,
  type ListType,
  statusOn,
} from './status.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { DeadlineKind };

export interface Policy {
  publicityWorkingDays: number;
  monitoringMonths: number;
}

export interface ListingState extends ListingDates {
  departmentCode: string;
  decidedOn: string;
  publicityStartsOn: string | null;
  publicityEndsOn: string | null;
  /** Objections filed during publicity and not yet decided (known when the entry is locked to change). */
  objectionsUnderReview?: number;
}

/** What a transition changes: the columns to set and the history line to add. */
export interface Transition {
  set: Partial<{
    status: ListingStatus;
    disclosure: Disclosure;
    publicFacts: string | null;
    publicityStartsOn: string;
    publicityEndsOn: string | null;
    signedOn: string;
    validFrom: string;
    exitReason: ExitReason;
    exitedOn: string;
    exitNote: string | null;
    withdrawnOn: string;
    correctedByObjectionId: string;
  }>;
  history: { status: ListingStatus; on: string; reason: string | null };
}

const EXIT_REASONS: Record<ListType, readonly ExitReason[]> = {
  RED: ['OBJECTION_UPHELD', 'LISTED_ELSEWHERE', 'INCENTIVE_ABUSED', 'STANDARD_CHANGED'],
  BLACK: ['OBJECTION_UPHELD', 'CREDIT_REPAIRED', 'STANDARD_CHANGED'],
  WATCH: ['OBJECTION_UPHELD', 'CREDIT_REPAIRED', 'STANDARD_CHANGED'],
  MONITORED: ['OBJECTION_UPHELD', 'STANDARD_CHANGED'],
};

export interface Proposal {
  listType: ListType;
  domain: string;
  category?: number | null;
  severity?: 'MINOR' | 'ORDINARY' | 'SERIOUS' | null;
  /** The day a natural person was told of the intended listing (事前告知, 002 §8). */
  priorNoticeOn?: string | null;
  /** The remedies open to the subject (救济途径, 002 §8). */
  remedy?: string | null;
  facts: string;
  basis: string;
  decidedOn: string;
  validUntil: string;
  repairable: boolean;
}

/** Checks a proposal and returns it normalised; every fault names its field. */
export function validateProposal(input: Proposal, today: string): Proposal {
  if (input.listType === 'MONITORED') {
    throw badUserInput(
      'listType',
      'MONITORED entries are opened by the platform when a BLACK entry exits; propose RED, BLACK or WATCH.',
    );
  }
  const domain = input.domain.normalize('NFKC').trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(domain)) {
    throw badUserInput(
      'domain',
      'domain must be a code of capital letters and underscores, e.g. FOOD_DRUG or TAX.',
    );
  }
  if (input.listType === 'BLACK') {
    if (
      input.category == null ||
      !Number.isInteger(input.category) ||
      input.category < 1 ||
      input.category > 6
    ) {
      throw badUserInput(
        'category',
        'A BLACK entry needs the serious-dishonesty category, a whole number from 1 to 6 (domain.md §3).',
      );
    }
    if (!input.severity)
      throw badUserInput(
        'severity',
        'A BLACK entry states its severity (MINOR, ORDINARY or SERIOUS): it bounds publication and repair.',
      );
  } else if (input.category != null) {
    throw badUserInput('category', 'Only BLACK entries have a serious-dishonesty category.');
  }
  const remedy = optionalText('remedy', input.remedy, 2_000);
  if (!remedy && (input.listType === 'BLACK' || input.listType === 'WATCH'))
    throw badUserInput(
      'remedy',
      'A BLACK or WATCH proposal states the remedies open to the subject (救济途径, 002 §8): objection, reconsideration, litigation.',
    );
  if (input.decidedOn > today)
    throw badUserInput('decidedOn', `decidedOn ${input.decidedOn} is after today (${today}).`);
  if (input.validUntil <= input.decidedOn) {
    throw badUserInput(
      'validUntil',
      `validUntil ${input.validUntil} must be after decidedOn ${input.decidedOn}.`,
    );
  }
  return {
    ...input,
    domain,
    category: input.category ?? null,
    severity: input.severity ?? null,
    remedy,
    facts: requiredText('facts', input.facts),
    basis: requiredText('basis', input.basis, 2_000),
  };
}

/**
 * A natural person put on a blacklist is told the intended facts, basis, measures and remedies
 * before the decision (事前告知, 002 §8, 国办发〔2020〕49号): the day is required, on or before
 * the decision.
 */
export function priorNotice(proposal: Pick<Proposal, 'priorNoticeOn' | 'decidedOn'>): string {
  if (!proposal.priorNoticeOn)
    throw badUserInput(
      'priorNoticeOn',
      'A natural person is told before being blacklisted (事前告知, 002 §8): give the day of the prior notice.',
    );
  if (proposal.priorNoticeOn > proposal.decidedOn)
    throw badUserInput(
      'priorNoticeOn',
      `The prior notice (${proposal.priorNoticeOn}) comes before the decision of ${proposal.decidedOn}.`,
    );
  return proposal.priorNoticeOn;
}

function wrongState(listing: ListingState, action: string, allowed: string): never {
  throw conflict(`The entry is ${listing.status}; only ${allowed} entries can be ${action}.`, {
    currentStatus: listing.status,
  });
}

export function review(
  listing: ListingState,
  input: { disclosure: Disclosure; publicityStartsOn: string; publicFacts?: string | null },
  policy: Policy,
): Transition {
  if (listing.status !== 'DRAFT') wrongState(listing, 'reviewed', 'DRAFT');
  const publicFacts = optionalText('publicFacts', input.publicFacts);
  if (input.publicityStartsOn < listing.decidedOn) {
    throw badUserInput(
      'publicityStartsOn',
      `publicityStartsOn must not be before the decision of ${listing.decidedOn}.`,
    );
  }
  if (input.disclosure === 'NON_PUBLIC') {
    return {
      set: {
        status: 'NOTICE',
        disclosure: 'NON_PUBLIC',
        publicFacts,
        publicityStartsOn: input.publicityStartsOn,
        publicityEndsOn: null,
      },
      history: { status: 'NOTICE', on: input.publicityStartsOn, reason: 'non-public after secrecy review' },
    };
  }
  return {
    set: {
      status: 'PUBLICITY',
      disclosure: 'PUBLIC',
      publicFacts,
      publicityStartsOn: input.publicityStartsOn,
      publicityEndsOn: lastOfWorkingDays(input.publicityStartsOn, policy.publicityWorkingDays),
    },
    history: { status: 'PUBLICITY', on: input.publicityStartsOn, reason: null },
  };
}

export function approve(listing: ListingState, signedOn: string, today: string): Transition {
  if (signedOn > today)
    throw badUserInput(
      'signedOn',
      `signedOn ${signedOn} is after today (${today}): enter a signature once it is given.`,
    );
  if (listing.status !== 'PUBLICITY' && listing.status !== 'NOTICE')
    wrongState(listing, 'approved', 'PUBLICITY or NOTICE');
  if (listing.status === 'PUBLICITY' && listing.publicityEndsOn && signedOn <= listing.publicityEndsOn) {
    throw conflict(
      `Publicity runs until ${listing.publicityEndsOn}; the entry can be signed from ${addDays(listing.publicityEndsOn, 1)}.`,
      { currentStatus: listing.status, publicityEndsOn: listing.publicityEndsOn },
    );
  }
  if (listing.status === 'PUBLICITY' && (listing.objectionsUnderReview ?? 0) > 0) {
    throw conflict(
      'An objection filed during publicity is under review; decide it before the entry is signed (002 §8).',
      { currentStatus: listing.status, objectionsUnderReview: listing.objectionsUnderReview },
    );
  }
  if (listing.publicityStartsOn && signedOn < listing.publicityStartsOn) {
    throw badUserInput('signedOn', `signedOn must not be before the review of ${listing.publicityStartsOn}.`);
  }
  if (signedOn >= listing.validUntil) {
    throw badUserInput('signedOn', `signedOn ${signedOn} must be before validUntil ${listing.validUntil}.`);
  }
  return {
    set: { status: 'EFFECTIVE', signedOn, validFrom: signedOn },
    history: { status: 'EFFECTIVE', on: signedOn, reason: null },
  };
}

export function exit(
  listing: ListingState,
  input: { reason: ExitReason; exitedOn: string; note?: string | null },
): Transition {
  if (input.reason === 'EXPIRED') {
    throw badUserInput(
      'reason',
      `Expiry needs no exit: the entry leaves on its own after validUntil (${listing.validUntil}).`,
    );
  }
  if (!EXIT_REASONS[listing.listType].includes(input.reason)) {
    throw badUserInput(
      'reason',
      `A ${listing.listType} entry cannot exit for ${input.reason}; allowed: ${EXIT_REASONS[listing.listType].join(', ')}.`,
    );
  }
  const state = statusOn(listing, input.exitedOn).status;
  if (listing.status !== 'EFFECTIVE' || state !== 'EFFECTIVE') {
    throw conflict(
      `The entry is not in force on ${input.exitedOn} (it is ${state}); only EFFECTIVE entries can exit.`,
      {
        currentStatus: state,
      },
    );
  }
  return {
    set: {
      status: 'EXITED',
      exitReason: input.reason,
      exitedOn: input.exitedOn,
      exitNote: input.note?.trim() || null,
    },
    history: { status: 'EXITED', on: input.exitedOn, reason: input.reason },
  };
}

export function withdraw(listing: ListingState, input: { withdrawnOn: string; reason: string }): Transition {
  if (!['DRAFT', 'PUBLICITY', 'NOTICE'].includes(listing.status)) {
    wrongState(listing, 'withdrawn', 'DRAFT, PUBLICITY or NOTICE');
  }
  if (input.withdrawnOn < listing.decidedOn) {
    throw badUserInput('withdrawnOn', `withdrawnOn must not be before the decision of ${listing.decidedOn}.`);
  }
  const reason = requiredText('reason', input.reason, 2_000);
  return {
    set: { status: 'WITHDRAWN', withdrawnOn: input.withdrawnOn, exitNote: reason },
    history: { status: 'WITHDRAWN', on: input.withdrawnOn, reason },
  };
}

/**
 * A BLACK entry that leaves by credit repair or expiry opens a MONITORED entry (004 §(二十)).
 * One corrected after an objection, or dropped by a changed standard, was never deserved: no
 * monitoring follows.
 */
export function monitoringAfter(listing: ListingState, exitedOn: string, reason: ExitReason, policy: Policy) {
  if (listing.listType !== 'BLACK' || (reason !== 'CREDIT_REPAIRED' && reason !== 'EXPIRED')) return null;
  return { validFrom: exitedOn, validUntil: addMonths(exitedOn, policy.monitoringMonths) };
}

/** Days before an entry's expiry by which it is reported (002 §12(一)4, (二)4). */
export const EXPIRY_REPORT_DAYS = 7;

const expiryReportDueOn = (validUntil: string, workingDays: boolean) =>
  daysAfter(validUntil, -EXPIRY_REPORT_DAYS, workingDays);

/**
 * The expiry report an entry needs on `today`: one in force whose validity ends within
 * EXPIRY_REPORT_DAYS (working days where the jurisdiction counts them, 002 §26). An entry signed
 * with less than that left is reported at once, late.
 */
export function expiryReportDue(listing: ListingDates, today: string, workingDays: boolean) {
  if (!isEffectiveOn(listing, today)) return null;
  const dueOn = expiryReportDueOn(listing.validUntil, workingDays);
  return today >= dueOn ? { expiresOn: listing.validUntil, dueOn } : null;
}

export function deadlinesOf(
  listing: ListingState & { signedOn: string | null; exitedOn: string | null },
  workingDays: boolean,
) {
  const deadlines: { kind: DeadlineKind; dueOn: string }[] = [];
  if (listing.signedOn)
    deadlines.push({ kind: 'PUSH_TO_PLATFORM', dueOn: daysAfter(listing.signedOn, 7, workingDays) });
  if (listing.disclosure === 'NON_PUBLIC' && listing.publicityStartsOn) {
    deadlines.push({ kind: 'NOTIFY_SUBJECT', dueOn: daysAfter(listing.publicityStartsOn, 7, workingDays) });
  }
  if (listing.signedOn && !listing.exitedOn) {
    deadlines.push({ kind: 'REPORT_EXPIRY', dueOn: expiryReportDueOn(listing.validUntil, workingDays) });
  }
  if (listing.exitedOn)
    deadlines.push({ kind: 'ANNOUNCE_EXIT', dueOn: workingDaysAfter(listing.exitedOn, 3) });
  return deadlines;
}

/**
 * An upheld objection corrects the entry (004 §(二十七)): an entry in force exits with
 * OBJECTION_UPHELD, one not yet in force is withdrawn; one that has already left is CONFLICT.
 */
export function correct(
  listing: ListingState,
  input: { objectionId: string; decidedOn: string; reason: string },
): Transition {
  const note = `Objection upheld: ${input.reason}`.trim();
  const transition =
    listing.status === 'EFFECTIVE'
      ? exit(listing, { reason: 'OBJECTION_UPHELD', exitedOn: input.decidedOn, note })
      : withdraw(listing, { withdrawnOn: input.decidedOn, reason: note });
  return { ...transition, set: { ...transition.set, correctedByObjectionId: input.objectionId } };
}
