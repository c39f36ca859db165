import { badUserInput } from '#common/errors.ts';
import type { IdType, SubjectKind } from '../generated/resolvers.ts';
import { leiProblem, normalizeIdentifier, residentIdProblem, usccProblem } from './identifiers.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { IdType, SubjectKind };

export interface PersonInput {
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface RegistrationInput {
  kind: SubjectKind;
  name: string;
  uscc?: string | null;
  lei?: string | null;
  idType?: IdType | null;
  idNumber?: string | null;
  legalRepresentative?: PersonInput | null;
}

export interface Registration {
  kind: SubjectKind;
  name: string;
  uscc: string | null;
  lei: string | null;
  idType: IdType | null;
  idNumber: string | null;
  legalRepresentative: Registration | null;
}

/** Document numbers other than the resident ID have no check character; their shape is checked. */
const DOCUMENT_SHAPES: Record<Exclude<IdType, 'RESIDENT_ID'>, { pattern: RegExp; example: string }> = {
  HK_MACAO_TAIWAN: { pattern: /^([HM]\d{8,10}|\d{8}|8[123]0000\d{11}[0-9X])$/, example: 'H12345678' },
  FOREIGN_PERMANENT_RESIDENT: { pattern: /^([A-Z]{3}\d{12}|9\d{16}[0-9X])$/, example: 'USA110012345678' },
  PASSPORT: { pattern: /^[A-Z0-9]{5,17}$/, example: 'E12345678' },
};

function name(field: string, raw: string): string {
  const value = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (value.length === 0) throw badUserInput(field, `${field} must not be empty.`);
  if (value.length > 200)
    throw badUserInput(field, `${field} is ${value.length} characters; at most 200 are allowed.`);
  return value;
}

function documentNumber(field: string, idType: IdType, raw: string): string {
  const value = normalizeIdentifier(raw);
  if (idType === 'RESIDENT_ID') {
    const problem = residentIdProblem(value);
    if (problem) throw badUserInput(field, `${field} is not a valid resident ID number: ${problem}.`);
    return value;
  }
  const shape = DOCUMENT_SHAPES[idType];
  if (!shape.pattern.test(value)) {
    throw badUserInput(field, `${field} is not a valid ${idType} number (for example ${shape.example}).`);
  }
  return value;
}

function person(field: string, input: PersonInput): Registration {
  return {
    kind: 'NATURAL_PERSON',
    name: name(`${field}.name`, input.name),
    uscc: null,
    lei: null,
    idType: input.idType,
    idNumber: documentNumber(`${field}.idNumber`, input.idType, input.idNumber),
    legalRepresentative: null,
  };
}

/** Checks a registration and returns it normalised; every fault names its field. */
export function validateRegistration(input: RegistrationInput): Registration {
  if (input.kind === 'NATURAL_PERSON') {
    if (input.uscc) throw badUserInput('uscc', 'A natural person has no USCC; give idType and idNumber.');
    if (input.lei) throw badUserInput('lei', 'A natural person has no LEI.');
    if (input.legalRepresentative)
      throw badUserInput('legalRepresentative', 'A natural person has no legal representative.');
    if (!input.idType) throw badUserInput('idType', 'idType is required for a natural person.');
    if (!input.idNumber) throw badUserInput('idNumber', 'idNumber is required for a natural person.');
    return person('input', { name: input.name, idType: input.idType, idNumber: input.idNumber });
  }
  if (input.idType || input.idNumber) {
    throw badUserInput(
      'idNumber',
      'An organisation is identified by its USCC; idType and idNumber are for natural persons.',
    );
  }
  if (!input.uscc) throw badUserInput('uscc', `uscc is required for ${input.kind}.`);
  const uscc = normalizeIdentifier(input.uscc);
  const usccFault = usccProblem(uscc);
  if (usccFault) throw badUserInput('uscc', `uscc is not a valid unified social credit code: ${usccFault}.`);
  let lei: string | null = null;
  if (input.lei) {
    lei = normalizeIdentifier(input.lei);
    const leiFault = leiProblem(lei);
    if (leiFault) throw badUserInput('lei', `lei is not a valid legal entity identifier: ${leiFault}.`);
  }
  return {
    kind: input.kind,
    name: name('name', input.name),
    uscc,
    lei,
    idType: null,
    idNumber: null,
    legalRepresentative: input.legalRepresentative
      ? person('legalRepresentative', input.legalRepresentative)
      : null,
  };
}
