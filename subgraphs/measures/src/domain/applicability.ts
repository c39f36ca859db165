import type { Enforcement, ListType, Scenario, SubjectKind } from './catalogue.ts';

export interface ApplicableMeasureCandidate {
  code: string;
  enforcement: Enforcement;
  listTypes: readonly ListType[];
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

/**
 * The measures of a catalogue that apply to an entry: same list type, the subject's kind among
 * the targets, the scenario (when asked) among the measure's, mandatory first (001 item 15).
 * A responsible person is reached only by measures that say so (002 §20).
 */
export function applicableMeasures<M extends ApplicableMeasureCandidate>(
  catalogue: readonly M[],
  entry: { listType: ListType; subjectKind: SubjectKind; asResponsiblePerson?: boolean },
  scenario?: Scenario | null,
): M[] {
  return catalogue
    .filter(
      (m) =>
        m.listTypes.includes(entry.listType) &&
        (entry.asResponsiblePerson
          ? m.reachesResponsiblePersons
          : m.targetKinds.includes(entry.subjectKind)) &&
        (!scenario || m.scenarios.includes(scenario)),
    )
    .sort(mandatoryFirst);
}
