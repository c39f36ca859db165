import {
  ALL_DOMAINS,
  type Enforcement,
  type ListType,
  type Scenario,
  type SubjectKind,
} from './catalogue.ts';

export interface ApplicableMeasureCandidate {
  code: string;
  enforcement: Enforcement;
  listTypes: readonly ListType[];
  domains: readonly string[];
  scenarios: readonly Scenario[];
  targetKinds: readonly SubjectKind[];
  reachesResponsiblePersons: boolean;
}

const ENFORCEMENT_ORDER: Record<Enforcement, number> = { MANDATORY: 0, RECOMMENDED: 1, PRUDENT_REFERENCE: 2 };

/** Mandatory measures first, then recommended, then prudent reference (001 item 15); by code within each. */
export const mandatoryFirst = (
  a: { enforcement: Enforcement; code: string },
  b: { enforcement: Enforcement; code: string },
) => ENFORCEMENT_ORDER[a.enforcement] - ENFORCEMENT_ORDER[b.enforcement] || a.code.localeCompare(b.code);

/** A measure made for the entry's domain, or explicitly for every domain (002 §21, 国办发〔2020〕49号). */
export const madeForDomain = (domains: readonly string[], domain: string) =>
  domains.includes(ALL_DOMAINS) || domains.includes(domain);

/**
 * A subject just out of a blacklist is monitored (004 §(二十)): it gets supervisory measures
 * (more frequent inspections) only, never the punishments of the entry it left.
 */
export const fitsListType = (measure: ApplicableMeasureCandidate, listType: ListType) =>
  measure.listTypes.includes(listType) &&
  (listType !== 'MONITORED' || measure.scenarios.every((s) => s === 'SUPERVISORY_INSPECTION'));

/**
 * The measures of a catalogue that apply to an entry: same list type, made for the entry's
 * domain, the subject's kind among the targets, the scenario (when asked) among the measure's,
 * mandatory first (001 item 15). A responsible person is reached only by measures that say so
 * (002 §20). A measure fits the dishonesty it punishes (002 §21): a tax blacklisting does not
 * draw the travel ban made for judgment defaulters.
 */
export function applicableMeasures<M extends ApplicableMeasureCandidate>(
  catalogue: readonly M[],
  entry: { listType: ListType; domain: string; subjectKind: SubjectKind; asResponsiblePerson?: boolean },
  scenario?: Scenario | null,
): M[] {
  return catalogue
    .filter(
      (m) =>
        fitsListType(m, entry.listType) &&
        madeForDomain(m.domains, entry.domain) &&
        (entry.asResponsiblePerson
          ? m.reachesResponsiblePersons
          : m.targetKinds.includes(entry.subjectKind)) &&
        (!scenario || m.scenarios.includes(scenario)),
    )
    .sort(mandatoryFirst);
}

/** An entry in force that bears on a subject: its own, or one against an organisation it answers for. */
export interface EntryInForce {
  id: string;
  listType: ListType;
  domain: string;
  jurisdictionCode: string;
  subjectId: string;
}

/** A measure as a credit check answered it, kept with the check. */
export interface CheckedMeasure {
  code: string;
  version: number;
  listingId: string;
  asResponsiblePerson: boolean;
  suspended: boolean;
}

/**
 * The measures that apply to a subject through the entries in force on it, mandatory first: its
 * own entries reach it by subject kind, an organisation's entries reach its responsible persons
 * through measures that say so (002 §20). A measure carried by several entries appears once,
 * suspended only if every entry carrying it is.
 */
export function measuresForSubject<M extends ApplicableMeasureCandidate & { jurisdictionCode: string }>(
  catalogue: readonly M[],
  subject: { id: string; kind: SubjectKind },
  entries: readonly EntryInForce[],
  suspendedListings: ReadonlySet<string>,
  scenario?: Scenario | null,
) {
  const byCode = new Map<
    string,
    { measure: M; listingId: string; asResponsiblePerson: boolean; suspended: boolean }
  >();
  for (const entry of entries) {
    const asResponsiblePerson = entry.subjectId !== subject.id;
    const suspended = suspendedListings.has(entry.id);
    const measures = applicableMeasures(
      catalogue.filter((m) => m.jurisdictionCode === entry.jurisdictionCode),
      { listType: entry.listType, domain: entry.domain, subjectKind: subject.kind, asResponsiblePerson },
      scenario,
    );
    for (const measure of measures) {
      const seen = byCode.get(measure.code);
      if (!seen || (seen.suspended && !suspended))
        byCode.set(measure.code, { measure, listingId: entry.id, asResponsiblePerson, suspended });
    }
  }
  return [...byCode.values()].sort((a, b) => mandatoryFirst(a.measure, b.measure));
}
