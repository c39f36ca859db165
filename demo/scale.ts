import { addDays, workingDaysAfter } from '#common/calendar.ts';
import { applicableMeasures } from '../subgraphs/measures/src/domain/applicability.ts';
import type { ListType, Scenario } from '../subgraphs/measures/src/domain/catalogue.ts';
import {
  AGENCY_OF_DOMAIN,
  buildDemoDataset,
  COMPANY_WORDS,
  DEMO_TODAY,
  type DemoCase,
  type DemoDispatch,
  type DemoExecution,
  type DemoListing,
  type DemoMeasure,
  type DemoObjection,
  type DemoRepair,
  type DemoSubject,
  dateIn,
  dispatchRow,
  executionRow,
  GIVEN,
  INDUSTRIES,
  listingRow,
  random,
  residentId,
  SURNAMES,
  shortName,
  uscc,
} from './dataset.ts';
import { departmentCode, JURISDICTIONS } from './directory.ts';

/**
 * A deterministic synthetic register at national scale, built subject by subject from its index
 * alone, so any range of indexes can be generated (and loaded) without the ones before it.
 * About 70% organisations and 30% people; 8% of subjects listed; three dispatches and two
 * executions per entry in force; a credit check per ten subjects, objections and repairs on a
 * tenth and a twentieth of the entries in force, a typical case per twenty subjects.
 */
export interface ScaleChunk {
  subjects: DemoSubject[];
  listings: DemoListing[];
  dispatches: DemoDispatch[];
  executions: DemoExecution[];
  checks: ScaleCheck[];
  objections: DemoObjection[];
  repairs: DemoRepair[];
  cases: DemoCase[];
}

export interface ScaleCheck {
  id: string;
  departmentCode: string;
  subjectId: string;
  scenario: Scenario;
  checkedOn: string;
  purpose: string;
  creditStatus: string;
  measures: never[];
}

/** Far above the demo's and the tests' serials, so scale identifiers never collide with them. */
const USCC_SERIAL_BASE = 100_000_000;
const STATUSES = [
  'EFFECTIVE',
  'EFFECTIVE',
  'EFFECTIVE',
  'EFFECTIVE',
  'EFFECTIVE',
  'EXITED',
  'PUBLICITY',
  'NOTICE',
  'DRAFT',
  'WITHDRAWN',
] as const;
const TYPES: ListType[] = ['BLACK', 'BLACK', 'BLACK', 'WATCH', 'RED', 'RED', 'MONITORED'];
const DOMAINS = Object.keys(AGENCY_OF_DOMAIN) as (keyof typeof AGENCY_OF_DOMAIN)[];
const CASE_PHRASES = [
  '生产销售不符合食品安全标准的食品',
  '偷排含重金属废水',
  '虚开增值税专用发票',
  '拖欠农民工工资',
  '发生较大生产安全事故',
  '建设工程质量不合格',
  '合同欺诈骗取货款',
  '拒不履行生效判决',
  '连续五年纳税信用A级',
  '积极参与抗洪救灾捐赠',
];
const MEASURE_PHRASES = [
  '限制参加政府采购',
  '限制高消费',
  '提高抽查比例',
  '取消评优资格',
  '纳入重点监管',
  '享受绿色通道',
];

const catalogues = new Map<string, DemoMeasure[]>();
function catalogueOf(jurisdictionCode: string): DemoMeasure[] {
  let catalogue = catalogues.get(jurisdictionCode);
  if (!catalogue) {
    catalogue = buildDemoDataset().measures.filter((m) => m.jurisdictionCode === jurisdictionCode);
    catalogues.set(jurisdictionCode, catalogue);
  }
  return catalogue;
}

/**
 * The random stream of subject `i`. The generator's states step by a constant, so the streams of
 * nearby seeds overlap, and past about 7,000,000 subjects two of them drew the same id. Every id
 * drawn here ends in the subject's number and the draw's (the main stream from 0, the heavy
 * record's from 64), which no other draw shares.
 */
function subjectRandom(seed: number, i: number, firstDraw: number) {
  const rng = random(seed + i);
  let draw = firstDraw;
  const uuid = () => `${rng.uuid().slice(0, 24)}${(i * 128 + draw++).toString(16).padStart(12, '0')}`;
  return { ...rng, uuid };
}

export function scaleChunk(from: number, count: number): ScaleChunk {
  const chunk: ScaleChunk = {
    subjects: [],
    listings: [],
    dispatches: [],
    executions: [],
    checks: [],
    objections: [],
    repairs: [],
    cases: [],
  };
  for (let i = from; i < from + count; i++) {
    const rng = subjectRandom(0x5ca1e000, i, 0);
    const jurisdiction = JURISDICTIONS[i % JURISDICTIONS.length] as (typeof JURISDICTIONS)[number];
    const person = i % 10 >= 7;
    const subject: DemoSubject = person
      ? {
          id: rng.uuid(),
          kind: 'NATURAL_PERSON',
          name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
          uscc: null,
          idType: 'RESIDENT_ID',
          // One birth day per thousand people, a sequence number each: unique at any scale.
          idNumber: residentId(jurisdiction.code, addDays('1930-01-01', Math.floor(i / 1000)), i % 1000),
          legalRepresentativeId: null,
          jurisdiction,
        }
      : {
          id: rng.uuid(),
          kind: i % 20 === 3 ? 'OTHER_ORGANIZATION' : 'LEGAL_PERSON',
          name: `${shortName(jurisdiction)}${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_WORDS)}${rng.pick(INDUSTRIES)}有限公司`,
          uscc: uscc(jurisdiction.code, USCC_SERIAL_BASE + i),
          idType: null,
          idNumber: null,
          legalRepresentativeId: null,
          jurisdiction,
        };
    chunk.subjects.push(subject);

    let listing: DemoListing | null = null;
    if (rng.next() < 0.08) {
      const domain = rng.pick(DOMAINS);
      const status = rng.pick(STATUSES);
      const decidedOn = dateIn(rng, 2023, 4);
      listing = listingRow(rng.uuid(), subject, AGENCY_OF_DOMAIN[domain], {
        listType: rng.pick(TYPES),
        status,
        domain,
        decidedOn: decidedOn > DEMO_TODAY ? '2026-06-01' : decidedOn,
        ...(status === 'NOTICE' ? { disclosure: 'NON_PUBLIC' as const } : {}),
      });
      if (listing.signedOn && listing.signedOn > DEMO_TODAY)
        listing = { ...listing, status: 'PUBLICITY', signedOn: null, validFrom: null };
      if (listing.status === 'EXITED' && listing.signedOn)
        Object.assign(listing, {
          exitReason: 'STANDARD_CHANGED',
          exitedOn: listing.signedOn < '2026-06-01' ? '2026-06-01' : DEMO_TODAY,
        });
      chunk.listings.push(listing);
      if (listing.validFrom) addMeasures(chunk, rng, listing, listing.validFrom, subject);
    }

    if (i % HEAVY_EVERY === 1) addHeavyRecord(chunk, i, subject);

    if (i % 10 === 5) {
      const checkedOn = dateIn(rng, 2026, 1);
      chunk.checks.push({
        id: rng.uuid(),
        departmentCode: departmentCode(
          jurisdiction.code,
          rng.pick(['SAMR', 'TAX', 'FIN', 'HOUSING'] as const),
        ),
        subjectId: subject.id,
        scenario: 'GOVERNMENT_PROCUREMENT',
        checkedOn: checkedOn > DEMO_TODAY ? DEMO_TODAY : checkedOn,
        purpose: '政府采购供应商资格审查',
        creditStatus: listing?.status === 'EFFECTIVE' ? listing.listType : 'CLEAR',
        measures: [],
      });
    }

    if (i % 20 === 10) {
      const phrase = rng.pick(CASE_PHRASES);
      const measure = rng.pick(MEASURE_PHRASES);
      const punishment = !phrase.includes('A级') && !phrase.includes('捐赠');
      const id = rng.uuid();
      const domain = listing?.domain ?? rng.pick(DOMAINS);
      const published = rng.next() < 0.8;
      chunk.cases.push({
        id,
        title: `${subject.name}${phrase}${punishment ? '被联合惩戒' : '获联合激励'}`,
        kind: punishment ? 'PUNISHMENT' : 'INCENTIVE',
        domain,
        summary: `经查，${subject.name}${phrase}。相关部门依据合作备忘录实施${measure}等措施，${punishment ? '形成有力震慑' : '发挥示范作用'}。`,
        status: published ? 'PUBLISHED' : 'SUBMITTED',
        reportedBy: departmentCode(jurisdiction.code, 'SAMR'),
        reportedOn: '2026-03-02',
        publishedOn: published ? '2026-03-16' : null,
        subjectIds: [subject.id],
        listingIds: listing ? [listing.id] : [],
        measureCodes: [],
        personNames: person ? [subject.name] : [],
      });
    }
  }
  return chunk;
}

/** One organisation in this many carries the heavy record a profile must answer at its largest. */
export const HEAVY_EVERY = 10_000;

/**
 * Six blacklistings in force in six domains, each with its dispatches and executions: the
 * record of a repeat offender, whose profile is the heaviest answer a department reads.
 */
function addHeavyRecord(chunk: ScaleChunk, i: number, subject: DemoSubject) {
  const rng = subjectRandom(0x4ea7e000, i, 64);
  for (const domain of DOMAINS.slice(0, 6)) {
    const listing = listingRow(rng.uuid(), subject, AGENCY_OF_DOMAIN[domain], {
      listType: 'BLACK',
      status: 'EFFECTIVE',
      domain,
      decidedOn: dateIn(rng, 2025, 1),
    });
    chunk.listings.push(listing);
    if (listing.validFrom) addMeasures(chunk, rng, listing, listing.validFrom, subject);
  }
}

function addMeasures(
  chunk: ScaleChunk,
  rng: ReturnType<typeof random>,
  listing: DemoListing,
  validFrom: string,
  subject: DemoSubject,
) {
  const applicable = applicableMeasures(catalogueOf(subject.jurisdiction.code), {
    listType: listing.listType,
    domain: listing.domain,
    subjectKind: subject.kind,
  });
  const lifted = listing.status === 'EXITED' || listing.validUntil < DEMO_TODAY;
  const picked = new Set<number>();
  while (picked.size < Math.min(3, applicable.length)) picked.add(rng.int(applicable.length));
  for (const index of picked) {
    const m = applicable[index] as (typeof applicable)[number];
    const dispatch = dispatchRow(rng.uuid(), listing, validFrom, m);
    if (lifted) dispatch.status = 'LIFTED';
    if (rng.next() < 0.67) {
      if (!lifted) dispatch.status = 'EXECUTED';
      const executedOn = workingDaysAfter(validFrom, 1 + rng.int(3));
      chunk.executions.push(executionRow(rng.uuid(), dispatch, m, executedOn, chunk.executions.length + 1));
    }
    chunk.dispatches.push(dispatch);
  }
  if (listing.status !== 'EFFECTIVE' || listing.listType === 'RED') return;
  if (rng.next() < 0.1) {
    const filedOn = addDays(validFrom, 30);
    chunk.objections.push({
      id: rng.uuid(),
      listingId: listing.id,
      subjectId: listing.subjectId,
      departmentCode: listing.departmentCode,
      grounds: '认定事实有误，申请更正。',
      filedOn,
      dueOn: workingDaysAfter(filedOn, 10),
      suspendsMeasures: false,
      status: 'REJECTED',
      decidedOn: workingDaysAfter(filedOn, 5),
      decisionReason: '经核查，认定事实清楚。',
    });
  }
  if (rng.next() < 0.05) {
    const appliedOn = addDays(validFrom, 120);
    if (appliedOn > DEMO_TODAY) return;
    chunk.repairs.push({
      id: rng.uuid(),
      listingId: listing.id,
      subjectId: listing.subjectId,
      departmentCode: listing.departmentCode,
      method: 'OBLIGATION_PERFORMED',
      evidence: ['履行完毕证明'],
      commitment: '本单位承诺依法诚信经营。',
      appliedOn,
      dueOn: workingDaysAfter(appliedOn, 10),
      status: 'UNDER_REVIEW',
      decidedOn: null,
      decisionReason: null,
    });
  }
}
