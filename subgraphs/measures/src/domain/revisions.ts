import { badUserInput, conflict } from '#common/errors.ts';
import { requiredText } from '#common/input.ts';
import {
  ALL_DOMAINS,
  type Channel,
  type Enforcement,
  type ListType,
  type MeasureKind,
  type Scenario,
  type SubjectKind,
} from './catalogue.ts';

/** The content of one catalogue version (004 §(十九)). */
export interface MeasureContent {
  name: string;
  kind: MeasureKind;
  enforcement: Enforcement;
  channel: Channel | null;
  listTypes: ListType[];
  domains: string[];
  scenarios: Scenario[];
  matter: string;
  means: string;
  targetKinds: SubjectKind[];
  reachesResponsiblePersons: boolean;
  implementingDepartmentCode: string;
  basis: string;
  memorandum: string;
}

/** Content as a clerk sends it: an incentive may leave its channel out. */
export type MeasureContentInput = Omit<MeasureContent, 'channel'> & { channel?: Channel | null };

export interface MeasureVersion extends MeasureContent {
  code: string;
  version: number;
  jurisdictionCode: string;
  validFrom: string;
  supersededOn: string | null;
  retired: boolean;
  changeReason: string | null;
}

const CODE = /^(\d{6})-([A-Z0-9]{1,12})$/;

/** Validates a measure's content as a whole, so a revision cannot leave an inconsistent version. */
function validContent(jurisdictionCode: string, input: MeasureContentInput): MeasureContent {
  if (input.kind === 'PUNISHMENT' && !input.channel)
    throw badUserInput(
      'channel',
      'A punishment needs its channel: ADMINISTRATIVE, MARKET, INDUSTRY or SOCIAL.',
    );
  if (input.kind === 'INCENTIVE' && input.channel)
    throw badUserInput('channel', 'Channels describe punishments; leave channel empty for an incentive.');
  if (input.listTypes.length === 0) throw badUserInput('listTypes', 'Name at least one list type.');
  const wrongList = input.listTypes.find((t) => (input.kind === 'INCENTIVE') !== (t === 'RED'));
  if (wrongList)
    throw badUserInput(
      'listTypes',
      input.kind === 'INCENTIVE'
        ? `An incentive applies to RED entries only, not ${wrongList}.`
        : 'A punishment applies to BLACK, WATCH or MONITORED entries, not RED.',
    );
  const domains = [...new Set(input.domains.map((d) => d.trim().toUpperCase()))];
  if (domains.length === 0 || domains.some((d) => !/^[A-Z][A-Z_]{1,39}$/.test(d)))
    throw badUserInput(
      'domains',
      `Name the domains the measure is made for (e.g. TAX, JUDGMENT_DEFAULTER), or ${ALL_DOMAINS} for every domain (002 §21).`,
    );
  if (domains.includes(ALL_DOMAINS) && domains.length > 1)
    throw badUserInput('domains', `${ALL_DOMAINS} already covers every domain; name it alone.`);
  if (input.scenarios.length === 0) throw badUserInput('scenarios', 'Name at least one scenario.');
  if (input.targetKinds.length === 0)
    throw badUserInput('targetKinds', 'Name at least one target subject kind.');
  const department = input.implementingDepartmentCode.trim().toUpperCase();
  if (!department.startsWith(`${jurisdictionCode}-`) || !/^\d{6}-[A-Z_]{2,20}$/.test(department))
    throw badUserInput(
      'implementingDepartmentCode',
      `"${input.implementingDepartmentCode}" is not a department of ${jurisdictionCode}; codes look like ${jurisdictionCode}-SAMR.`,
    );
  return {
    ...input,
    channel: input.channel ?? null,
    name: requiredText('name', input.name, 200),
    listTypes: [...new Set(input.listTypes)],
    domains,
    scenarios: [...new Set(input.scenarios)],
    targetKinds: [...new Set(input.targetKinds)],
    matter: requiredText('matter', input.matter, 2_000),
    means: requiredText('means', input.means, 2_000),
    implementingDepartmentCode: department,
    basis: requiredText('basis', input.basis, 2_000),
    memorandum: requiredText('memorandum', input.memorandum, 500),
  };
}

export function newMeasure(
  input: MeasureContentInput & { code: string; jurisdictionCode: string; validFrom: string },
): MeasureVersion {
  const code = input.code.trim().toUpperCase();
  const match = CODE.exec(code);
  if (!match)
    throw badUserInput('code', `"${input.code}" is not a measure code; codes look like 370100-P30.`);
  if (match[1] !== input.jurisdictionCode)
    throw badUserInput(
      'code',
      `A measure of ${input.jurisdictionCode} has a code starting ${input.jurisdictionCode}-.`,
    );
  const { code: _, jurisdictionCode, validFrom, ...content } = input;
  return {
    ...validContent(jurisdictionCode, content),
    code,
    version: 1,
    jurisdictionCode,
    validFrom,
    supersededOn: null,
    retired: false,
    changeReason: null,
  };
}

function assertRevisable(latest: MeasureVersion, from: string, field: string) {
  if (latest.retired)
    throw conflict(`${latest.code} was retired on ${latest.supersededOn}; add a new measure instead.`, {
      retiredOn: latest.supersededOn,
    });
  if (from <= latest.validFrom)
    throw badUserInput(
      field,
      `${field} must be after ${latest.validFrom}, when version ${latest.version} of ${latest.code} took effect.`,
    );
}

const CONTENT_FIELDS = [
  'name',
  'enforcement',
  'channel',
  'listTypes',
  'domains',
  'scenarios',
  'matter',
  'means',
  'targetKinds',
  'reachesResponsiblePersons',
  'implementingDepartmentCode',
  'basis',
  'memorandum',
] as const;

/** A revision: the latest version ends the day the next one starts; fields not given carry over. */
export function revision(
  latest: MeasureVersion,
  input: Partial<Record<(typeof CONTENT_FIELDS)[number], unknown>> & { validFrom: string; reason: string },
): MeasureVersion {
  assertRevisable(latest, input.validFrom, 'validFrom');
  const merged = { ...latest } as MeasureVersion;
  for (const field of CONTENT_FIELDS) {
    const value = input[field];
    if (value !== undefined && value !== null) Object.assign(merged, { [field]: value });
  }
  const content = validContent(latest.jurisdictionCode, merged);
  if (CONTENT_FIELDS.every((f) => JSON.stringify(content[f]) === JSON.stringify(latest[f])))
    throw badUserInput(
      'code',
      `The revision changes nothing in ${latest.code}; give the fields that change.`,
    );
  return {
    ...latest,
    ...content,
    version: latest.version + 1,
    validFrom: input.validFrom,
    supersededOn: null,
    retired: false,
    changeReason: requiredText('reason', input.reason, 2_000),
  };
}

/** Retirement ends the latest version on `retiredOn`; nothing replaces it. */
export function retirement(latest: MeasureVersion, input: { retiredOn: string; reason: string }) {
  assertRevisable(latest, input.retiredOn, 'retiredOn');
  return {
    supersededOn: input.retiredOn,
    retired: true,
    changeReason: requiredText('reason', input.reason, 2_000),
  };
}
