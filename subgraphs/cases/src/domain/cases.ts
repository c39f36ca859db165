import { badUserInput, conflict } from '#common/errors.ts';
import { requiredText } from '#common/input.ts';
import { maskPersonalDataIn } from '#common/privacy.ts';
import type { CaseKind, CaseStatus } from '../generated/resolvers.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { CaseKind, CaseStatus };

export interface CaseReport {
  title: string;
  kind: CaseKind;
  domain: string;
  summary: string;
  subjectIds: string[];
  listingIds?: string[] | null;
  measureCodes?: string[] | null;
}

const DOMAIN = /^[A-Z][A-Z0-9_]{1,39}$/;

function domainOf(value: string): string {
  const domain = value.trim().toUpperCase();
  if (!DOMAIN.test(domain))
    throw badUserInput('domain', `"${value}" is not a domain code; codes look like FOOD_DRUG or TAX.`);
  return domain;
}

function distinct(field: string, values: readonly string[], max: number): string[] {
  const unique = [...new Set(values.map((v) => v.trim()))];
  if (unique.length > max) throw badUserInput(field, `At most ${max} ${field} per case.`);
  return unique;
}

/** A typical case names what happened, to whom, under which entries and measures (000 §5(二)). */
export function validateReport(input: CaseReport) {
  const subjectIds = distinct('subjectIds', input.subjectIds, 50);
  if (subjectIds.length === 0)
    throw badUserInput('subjectIds', 'Name at least one subject the case is about.');
  return {
    title: requiredText('title', input.title, 200),
    kind: input.kind,
    domain: domainOf(input.domain),
    summary: requiredText('summary', input.summary, 20_000),
    subjectIds,
    listingIds: distinct('listingIds', input.listingIds ?? [], 50),
    measureCodes: distinct('measureCodes', input.measureCodes ?? [], 50).map((c) => c.toUpperCase()),
  };
}

function onOrAfter(field: string, date: string, earliest: string, what: string, today: string) {
  if (date > today) throw badUserInput(field, `${field} ${date} is in the future.`);
  if (date < earliest) throw badUserInput(field, `${field} is before ${what} on ${earliest}.`);
}

export function publication(
  c: { status: CaseStatus; reportedOn: string },
  publishedOn: string,
  today: string,
) {
  if (c.status !== 'SUBMITTED')
    throw conflict(`The case is ${c.status}; only SUBMITTED cases are published.`, {
      currentStatus: c.status,
    });
  onOrAfter('publishedOn', publishedOn, c.reportedOn, 'the report', today);
  return { status: 'PUBLISHED' as const, publishedOn };
}

export function withdrawal(
  c: { status: CaseStatus; reportedOn: string },
  input: { withdrawnOn: string; reason: string },
  today: string,
) {
  if (c.status === 'WITHDRAWN') throw conflict('The case is already withdrawn.', { currentStatus: c.status });
  onOrAfter('withdrawnOn', input.withdrawnOn, c.reportedOn, 'the report', today);
  return {
    status: 'WITHDRAWN' as const,
    withdrawnOn: input.withdrawnOn,
    withdrawnReason: requiredText('reason', input.reason, 2_000),
  };
}

/** A published case is corrected, never silently rewritten: the earlier text is kept. */
export function correction(
  c: { status: CaseStatus; title: string; domain: string; summary: string; publishedOn: string | null },
  input: {
    title?: string | null;
    domain?: string | null;
    summary?: string | null;
    correctedOn: string;
    reason: string;
  },
  today: string,
) {
  if (c.status !== 'PUBLISHED')
    throw conflict(`The case is ${c.status}; only PUBLISHED cases are corrected.`, {
      currentStatus: c.status,
    });
  onOrAfter('correctedOn', input.correctedOn, c.publishedOn ?? input.correctedOn, 'the publication', today);
  const next = {
    title: input.title ? requiredText('title', input.title, 200) : c.title,
    domain: input.domain ? domainOf(input.domain) : c.domain,
    summary: input.summary ? requiredText('summary', input.summary, 20_000) : c.summary,
  };
  if (next.title === c.title && next.domain === c.domain && next.summary === c.summary)
    throw badUserInput(
      'summary',
      'The correction changes nothing; give the corrected title, domain or summary.',
    );
  return { next, reason: requiredText('reason', input.reason, 2_000) };
}

/** Search terms: the text split on spaces; each must appear in the title or the summary. */
export function searchTerms(text: string): string[] {
  const terms = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (terms.length > 5) throw badUserInput('text', 'Search with at most 5 terms.');
  if (terms.some((t) => t.length > 50)) throw badUserInput('text', 'A search term is at most 50 characters.');
  return terms;
}

/** A case's text as callers without a right to personal data read it (`maskPersonalDataIn`). */
export function publicText(c: { title: string; summary: string; personNames: readonly string[] }) {
  return {
    publicTitle: maskPersonalDataIn(c.title, c.personNames),
    publicSummary: maskPersonalDataIn(c.summary, c.personNames),
  };
}
