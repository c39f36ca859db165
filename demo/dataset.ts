import { addMonths, lastOfWorkingDays, workingDaysAfter } from '#common/calendar.ts';
import { residentIdCheckDigit, usccCheckCharacter } from '../subgraphs/lists/src/domain/identifiers.ts';
import { applicableMeasures } from '../subgraphs/measures/src/domain/applicability.ts';
import type { ListType, Scenario, SubjectKind } from '../subgraphs/measures/src/domain/catalogue.ts';
import { type CatalogueMeasure, STARTING_CATALOGUE } from './catalogue.ts';
import { type DemoJurisdiction, departmentCode, departmentsOf, JURISDICTIONS } from './directory.ts';

/** The demo data describes the platform as it stood on this day. */
export const DEMO_TODAY = '2026-11-20';

type ListingStatus = 'DRAFT' | 'PUBLICITY' | 'NOTICE' | 'EFFECTIVE' | 'EXITED' | 'WITHDRAWN';

export interface DemoSubject {
  id: string;
  kind: SubjectKind;
  name: string;
  uscc: string | null;
  idType: 'RESIDENT_ID' | null;
  idNumber: string | null;
  legalRepresentativeId: string | null;
  jurisdiction: DemoJurisdiction;
}

export interface DemoListing {
  id: string;
  subjectId: string;
  listType: ListType;
  status: ListingStatus;
  domain: string;
  category: number | null;
  severity: 'MINOR' | 'ORDINARY' | 'SERIOUS' | null;
  facts: string;
  basis: string;
  decidedOn: string;
  validUntil: string;
  repairable: boolean;
  disclosure: 'PUBLIC' | 'NON_PUBLIC' | null;
  departmentCode: string;
  publicityStartsOn: string | null;
  publicityEndsOn: string | null;
  signedOn: string | null;
  validFrom: string | null;
  exitReason: 'CREDIT_REPAIRED' | 'EXPIRED' | 'STANDARD_CHANGED' | null;
  exitedOn: string | null;
  originListingId: string | null;
  responsible: { personId: string; role: 'LEGAL_REPRESENTATIVE' | 'DIRECTLY_RESPONSIBLE' }[];
}

export interface DemoMeasure extends CatalogueMeasure {
  code: string;
  jurisdictionCode: string;
  implementingDepartmentCode: string;
  version: number;
}

export interface DemoDispatch {
  id: string;
  listingId: string;
  subjectId: string;
  measureCode: string;
  measureVersion: number;
  departmentCode: string;
  listType: ListType;
  status: 'PENDING' | 'EXECUTED' | 'SUSPENDED' | 'LIFTED';
  dispatchedOn: string;
  dueOn: string;
}

export interface DemoExecution {
  id: string;
  dispatchId: string;
  listingId: string;
  subjectId: string;
  measureCode: string;
  measureVersion: number;
  departmentCode: string;
  scenario: Scenario;
  outcome: 'APPLIED';
  executedOn: string;
  decisionRef: string;
  reason: string | null;
  note: string | null;
}

export interface DemoObjection {
  id: string;
  listingId: string;
  subjectId: string;
  departmentCode: string;
  grounds: string;
  filedOn: string;
  dueOn: string;
  suspendsMeasures: boolean;
  status: 'UNDER_REVIEW' | 'UPHELD' | 'REJECTED';
  decidedOn: string | null;
  decisionReason: string | null;
}

export interface DemoRepair {
  id: string;
  listingId: string;
  subjectId: string;
  departmentCode: string;
  method: 'OBLIGATION_PERFORMED' | 'PUBLIC_SERVICE';
  evidence: string[];
  commitment: string;
  appliedOn: string;
  dueOn: string;
  status: 'UNDER_REVIEW' | 'APPROVED';
  decidedOn: string | null;
  decisionReason: string | null;
}

export interface DemoCase {
  id: string;
  title: string;
  kind: 'INCENTIVE' | 'PUNISHMENT';
  domain: string;
  summary: string;
  status: 'SUBMITTED' | 'PUBLISHED';
  reportedBy: string;
  reportedOn: string;
  publishedOn: string | null;
  subjectIds: string[];
  listingIds: string[];
  measureCodes: string[];
  personNames: string[];
}

export interface DemoDataset {
  jurisdictions: typeof JURISDICTIONS;
  departments: ReturnType<typeof departmentsOf>;
  subjects: DemoSubject[];
  listings: DemoListing[];
  measures: DemoMeasure[];
  dispatches: DemoDispatch[];
  executions: DemoExecution[];
  objections: DemoObjection[];
  repairs: DemoRepair[];
  cases: DemoCase[];
}

/** mulberry32: a small seeded generator, so every start loads the same data. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = ((int(4) + 8) as number).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

/** A random day (1st–28th) in one of `years` years from `fromYear`. */
export const dateIn = (rng: ReturnType<typeof random>, fromYear: number, years: number) =>
  `${fromYear + rng.int(years)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;

export const COMPANY_WORDS = [
  '恒通',
  '华信',
  '鑫源',
  '宏达',
  '金穗',
  '瑞丰',
  '诚泰',
  '海川',
  '远航',
  '天成',
  '嘉禾',
  '永盛',
  '中和',
  '新创',
  '明德',
];
export const INDUSTRIES = [
  '食品',
  '建筑工程',
  '环保科技',
  '物流',
  '医药',
  '商贸',
  '房地产开发',
  '电子科技',
  '餐饮管理',
  '运输',
];
export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '欧阳',
];
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '海燕',
  '建华',
  '志强',
];
export const DOMAINS = [
  'FOOD_DRUG',
  'ENVIRONMENT',
  'TAX',
  'LABOR',
  'PRODUCTION_SAFETY',
  'ENGINEERING_QUALITY',
  'CONTRACT_FRAUD',
];

/** The agency that lists subjects in each domain. */
export const AGENCY_OF_DOMAIN = {
  FOOD_DRUG: 'SAMR',
  ENVIRONMENT: 'ECO',
  TAX: 'TAX',
  LABOR: 'HRSS',
  PRODUCTION_SAFETY: 'SAMR',
  ENGINEERING_QUALITY: 'HOUSING',
  CONTRACT_FRAUD: 'SAMR',
} as const;

export const shortName = (j: DemoJurisdiction) => j.name.replace(/^.*市(?=.+区$)/, '').replace(/[市区]$/, '');

export function uscc(divisionCode: string, serial: number): string {
  const first17 = `91${divisionCode}${String(serial).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

export function residentId(divisionCode: string, birth: string, sequence: number): string {
  const first17 = `${divisionCode.slice(0, 4)}02${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

let built: DemoDataset | undefined;

/** The demo data set; built once per process, since every seeder and the start script read it. */
export function buildDemoDataset(): DemoDataset {
  built ??= generate();
  return built;
}

/** An entry with the dates its status implies: publicity after the decision, signature after publicity. */
export function listingRow(
  id: string,
  subject: DemoSubject,
  agency: Parameters<typeof departmentCode>[1],
  l: Partial<DemoListing> & Pick<DemoListing, 'listType' | 'status' | 'domain' | 'decidedOn'>,
): DemoListing {
  const publicityStartsOn =
    l.publicityStartsOn ?? (l.status === 'DRAFT' ? null : workingDaysAfter(l.decidedOn, 2));
  const disclosure = l.disclosure !== undefined ? l.disclosure : l.status === 'DRAFT' ? null : 'PUBLIC';
  const publicityEndsOn =
    publicityStartsOn && disclosure === 'PUBLIC' ? lastOfWorkingDays(publicityStartsOn, 20) : null;
  const signedOn =
    l.status === 'EFFECTIVE' || l.status === 'EXITED'
      ? (l.signedOn ?? workingDaysAfter(publicityEndsOn ?? publicityStartsOn ?? l.decidedOn, 1))
      : null;
  const row: DemoListing = {
    id,
    subjectId: subject.id,
    category: l.listType === 'BLACK' ? 1 : null,
    severity: l.listType === 'BLACK' || l.listType === 'WATCH' ? 'ORDINARY' : null,
    facts: `${subject.name}：${l.domain} 领域认定事实（演示数据）`,
    basis:
      '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
    validUntil: addMonths(l.decidedOn, 36),
    repairable: true,
    departmentCode: departmentCode(subject.jurisdiction.code, agency),
    exitReason: null,
    exitedOn: null,
    originListingId: null,
    responsible: [],
    ...l,
    publicityStartsOn,
    publicityEndsOn,
    disclosure,
    signedOn,
    validFrom: signedOn,
  };
  return row;
}

/** The dispatch of a measure to its implementing department when an entry takes effect. */
export function dispatchRow(id: string, l: DemoListing, validFrom: string, m: DemoMeasure): DemoDispatch {
  return {
    id,
    listingId: l.id,
    subjectId: l.subjectId,
    measureCode: m.code,
    measureVersion: m.version,
    departmentCode: m.implementingDepartmentCode,
    listType: l.listType,
    status: 'PENDING',
    dispatchedOn: validFrom,
    dueOn: workingDaysAfter(validFrom, 2),
  };
}

/** The department's report that it applied the measure of a dispatch. */
export function executionRow(
  id: string,
  dispatch: DemoDispatch,
  m: DemoMeasure,
  executedOn: string,
  serial: number,
): DemoExecution {
  return {
    id,
    dispatchId: dispatch.id,
    listingId: dispatch.listingId,
    subjectId: dispatch.subjectId,
    measureCode: m.code,
    measureVersion: m.version,
    departmentCode: m.implementingDepartmentCode,
    scenario: m.scenarios[0] as Scenario,
    outcome: 'APPLIED',
    executedOn,
    decisionRef: `${m.implementingDepartmentCode}〔${executedOn.slice(0, 4)}〕${serial}号`,
    reason: m.enforcement === 'MANDATORY' ? null : '依据合作备忘录，结合失信情节审慎适用。',
    note: null,
  };
}

function generate(): DemoDataset {
  const rng = random(20261120);
  const departments = JURISDICTIONS.flatMap(departmentsOf);
  const measures: DemoMeasure[] = JURISDICTIONS.flatMap((j) =>
    STARTING_CATALOGUE.map((m) => ({
      ...m,
      code: `${j.code}-${m.key}`,
      jurisdictionCode: j.code,
      implementingDepartmentCode: departmentCode(j.code, m.agency),
      version: 1,
    })),
  );

  const people: DemoSubject[] = Array.from({ length: 100 }, (_, i) => {
    const jurisdiction = JURISDICTIONS[i % JURISDICTIONS.length] as DemoJurisdiction;
    const birth = dateIn(rng, 1960, 40);
    return {
      id: rng.uuid(),
      kind: 'NATURAL_PERSON',
      name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      uscc: null,
      idType: 'RESIDENT_ID',
      idNumber: residentId(jurisdiction.code, birth, 100 + i),
      legalRepresentativeId: null,
      jurisdiction,
    };
  });
  const organisations: DemoSubject[] = Array.from({ length: 200 }, (_, i) => {
    const jurisdiction = JURISDICTIONS[i % JURISDICTIONS.length] as DemoJurisdiction;
    const other = i % 10 === 9;
    const word = COMPANY_WORDS[Math.floor(i / 5) % COMPANY_WORDS.length];
    const industry = INDUSTRIES[Math.floor(i / (5 * COMPANY_WORDS.length)) % INDUSTRIES.length];
    return {
      id: rng.uuid(),
      kind: other ? 'OTHER_ORGANIZATION' : 'LEGAL_PERSON',
      name: other
        ? `${shortName(jurisdiction)}${word}${industry}行业协会`
        : `${shortName(jurisdiction)}${word}${industry}有限公司`,
      uscc: uscc(jurisdiction.code, 10_000 + i * 7),
      idType: null,
      idNumber: null,
      legalRepresentativeId: (people[i % people.length] as DemoSubject).id,
      jurisdiction,
    };
  });
  const subjects = [...organisations, ...people];

  const listings: DemoListing[] = [];
  const listing = (
    subject: DemoSubject,
    agency: Parameters<typeof departmentCode>[1],
    l: Partial<DemoListing> & Pick<DemoListing, 'listType' | 'status' | 'domain' | 'decidedOn'>,
  ): DemoListing => {
    const row = listingRow(rng.uuid(), subject, agency, l);
    listings.push(row);
    return row;
  };

  const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10] = organisations as [
    DemoSubject,
    ...DemoSubject[],
  ] as DemoSubject[];
  const [p0, p1, p2] = people as DemoSubject[];
  const pick = (s: DemoSubject | undefined) => s as DemoSubject;
  const jinanFood = listing(pick(s0), 'SAMR', {
    listType: 'BLACK',
    status: 'EFFECTIVE',
    domain: 'FOOD_DRUG',
    decidedOn: '2026-03-02',
    facts: '生产销售不符合食品安全标准的食品，情节严重，被依法吊销食品生产许可证。',
    responsible: [
      { personId: pick(p0).id, role: 'LEGAL_REPRESENTATIVE' },
      { personId: pick(p1).id, role: 'DIRECTLY_RESPONSIBLE' },
    ],
  });
  const kunmingTax = listing(pick(s1), 'TAX', {
    listType: 'BLACK',
    status: 'EFFECTIVE',
    domain: 'TAX',
    category: 2,
    severity: 'SERIOUS',
    decidedOn: '2026-04-13',
    facts: '虚开增值税专用发票，偷逃税款，经税务机关认定为重大税收违法失信主体。',
  });
  listing(pick(s2), 'TAX', {
    listType: 'RED',
    status: 'EFFECTIVE',
    domain: 'TAX',
    decidedOn: '2026-05-11',
    facts: '连续三年被评为纳税信用A级纳税人。',
  });
  listing(pick(s3), 'HRSS', {
    listType: 'WATCH',
    status: 'EFFECTIVE',
    domain: 'LABOR',
    decidedOn: '2026-06-01',
    facts: '一年内两次拖欠劳动者工资，经责令后支付。',
  });
  const dongfengEco = listing(pick(s4), 'ECO', {
    listType: 'BLACK',
    status: 'EXITED',
    domain: 'ENVIRONMENT',
    decidedOn: '2025-03-03',
    exitReason: 'CREDIT_REPAIRED',
    exitedOn: '2026-06-01',
    facts: '超标排放水污染物，拒不改正。',
  });
  listing(pick(s4), 'ECO', {
    listType: 'MONITORED',
    status: 'EFFECTIVE',
    domain: 'ENVIRONMENT',
    decidedOn: '2026-06-01',
    signedOn: '2026-06-01',
    publicityStartsOn: null,
    disclosure: 'PUBLIC',
    validUntil: '2027-06-01',
    originListingId: dongfengEco.id,
    facts: '黑名单经信用修复提前移出，转入信用重点监测。',
  });
  const xiamenCourt = listing(pick(p2), 'COURT', {
    listType: 'BLACK',
    status: 'EFFECTIVE',
    domain: 'JUDGMENT_DEFAULTER',
    category: 4,
    decidedOn: '2026-02-02',
    facts: '有履行能力而拒不履行生效法律文书确定的给付义务。',
  });
  listing(pick(s5), 'SAMR', {
    listType: 'BLACK',
    status: 'DRAFT',
    domain: 'FOOD_DRUG',
    decidedOn: '2026-11-16',
  });
  listing(pick(s6), 'SAMR', {
    listType: 'RED',
    status: 'PUBLICITY',
    domain: 'CONTRACT_FRAUD',
    decidedOn: '2026-11-06',
    facts: '连续五年获评“守合同重信用”企业。',
  });
  listing(pick(s7), 'HOUSING', {
    listType: 'BLACK',
    status: 'NOTICE',
    domain: 'ENGINEERING_QUALITY',
    decidedOn: '2026-11-02',
    disclosure: 'NON_PUBLIC',
  });
  listing(pick(s8), 'HRSS', {
    listType: 'WATCH',
    status: 'WITHDRAWN',
    domain: 'LABOR',
    decidedOn: '2026-08-03',
  });
  listing(pick(s9), 'TAX', {
    listType: 'RED',
    status: 'EFFECTIVE',
    domain: 'TAX',
    decidedOn: '2023-06-01',
    validUntil: '2026-06-30',
  });
  listing(pick(s10), 'ECO', {
    listType: 'BLACK',
    status: 'EFFECTIVE',
    domain: 'ENVIRONMENT',
    decidedOn: '2026-01-12',
    disclosure: 'NON_PUBLIC',
  });

  const STATUSES: ListingStatus[] = [
    'EFFECTIVE',
    'EFFECTIVE',
    'EFFECTIVE',
    'EFFECTIVE',
    'EXITED',
    'PUBLICITY',
    'DRAFT',
    'WITHDRAWN',
  ];
  const TYPES: ListType[] = ['BLACK', 'BLACK', 'WATCH', 'RED', 'RED'];
  for (const subject of organisations.slice(20, 70)) {
    const domain = rng.pick(DOMAINS) as keyof typeof AGENCY_OF_DOMAIN;
    const status = rng.pick(STATUSES);
    const decidedOn = dateIn(rng, 2024, 2);
    listing(subject, AGENCY_OF_DOMAIN[domain], {
      listType: rng.pick(TYPES),
      status,
      domain,
      decidedOn,
      ...(status === 'EXITED' ? { exitReason: 'STANDARD_CHANGED' as const, exitedOn: '2026-09-01' } : {}),
    });
  }

  const dispatches: DemoDispatch[] = [];
  const executions: DemoExecution[] = [];
  const subjectById = new Map(subjects.map((s) => [s.id, s]));
  for (const l of listings) {
    if (!l.validFrom || (l.status !== 'EFFECTIVE' && l.status !== 'EXITED')) continue;
    const subject = subjectById.get(l.subjectId) as DemoSubject;
    const catalogue = measures.filter((m) => m.jurisdictionCode === subject.jurisdiction.code);
    for (const m of applicableMeasures(catalogue, {
      listType: l.listType,
      domain: l.domain,
      subjectKind: subject.kind,
    })) {
      const dispatch = dispatchRow(rng.uuid(), l, l.validFrom, m);
      const lifted = l.status === 'EXITED' || l.validUntil < DEMO_TODAY;
      if (l === kunmingTax) dispatch.status = 'SUSPENDED';
      else if (rng.next() < 0.65 || lifted) {
        dispatch.status = lifted ? 'LIFTED' : 'EXECUTED';
        const executedOn = workingDaysAfter(l.validFrom, 1 + rng.int(3));
        executions.push(executionRow(rng.uuid(), dispatch, m, executedOn, 100 + executions.length));
      }
      dispatches.push(dispatch);
    }
  }

  const objections: DemoObjection[] = [
    {
      id: rng.uuid(),
      listingId: kunmingTax.id,
      subjectId: kunmingTax.subjectId,
      departmentCode: kunmingTax.departmentCode,
      grounds: '认定所依据的发票系上游企业违规开具，本企业已补缴税款并提供证明。',
      filedOn: '2026-11-02',
      dueOn: workingDaysAfter('2026-11-02', 10),
      suspendsMeasures: true,
      status: 'UNDER_REVIEW',
      decidedOn: null,
      decisionReason: null,
    },
    {
      id: rng.uuid(),
      listingId: xiamenCourt.id,
      subjectId: xiamenCourt.subjectId,
      departmentCode: xiamenCourt.departmentCode,
      grounds: '本人无履行能力。',
      filedOn: '2026-03-09',
      dueOn: workingDaysAfter('2026-03-09', 10),
      suspendsMeasures: true,
      status: 'REJECTED',
      decidedOn: '2026-03-13',
      decisionReason: '经核查，被执行人名下有可供执行财产，异议不成立；可依法申请复议或提起诉讼。',
    },
  ];
  const repairs: DemoRepair[] = [
    {
      id: rng.uuid(),
      listingId: jinanFood.id,
      subjectId: jinanFood.subjectId,
      departmentCode: jinanFood.departmentCode,
      method: 'OBLIGATION_PERFORMED',
      evidence: ['行政处罚决定书履行完毕证明', '整改报告'],
      commitment: '本企业承诺严格遵守食品安全法律法规，如有违反自愿接受联合惩戒。',
      appliedOn: '2026-10-12',
      dueOn: workingDaysAfter('2026-10-12', 10),
      status: 'UNDER_REVIEW',
      decidedOn: null,
      decisionReason: null,
    },
    {
      id: rng.uuid(),
      listingId: dongfengEco.id,
      subjectId: dongfengEco.subjectId,
      departmentCode: dongfengEco.departmentCode,
      method: 'OBLIGATION_PERFORMED',
      evidence: ['环保设施整改验收报告'],
      commitment: '本企业承诺依法排污，接受社会监督。',
      appliedOn: '2026-05-18',
      dueOn: workingDaysAfter('2026-05-18', 10),
      status: 'APPROVED',
      decidedOn: '2026-05-29',
      decisionReason: '已完成整改并缴清罚款，符合信用修复条件。',
    },
  ];
  const cases: DemoCase[] = [
    {
      id: rng.uuid(),
      title: '济南某食品企业因严重食品安全违法被实施联合惩戒',
      kind: 'PUNISHMENT',
      domain: 'FOOD_DRUG',
      summary: `${pick(s0).name}生产销售不符合食品安全标准的食品，被列入严重失信主体名单，多部门联合限制其行政许可、政府采购和融资。`,
      status: 'PUBLISHED',
      reportedBy: jinanFood.departmentCode,
      reportedOn: '2026-09-21',
      publishedOn: '2026-10-15',
      subjectIds: [pick(s0).id],
      listingIds: [jinanFood.id],
      measureCodes: ['370100-P01', '370100-P06'],
      personNames: [],
    },
    {
      id: rng.uuid(),
      title: '厦门某企业凭纳税信用A级享受“税易贷”',
      kind: 'INCENTIVE',
      domain: 'TAX',
      summary: `${pick(s2).name}连续三年纳税信用A级，获得无抵押信用贷款。`,
      status: 'SUBMITTED',
      reportedBy: departmentCode('350200', 'TAX'),
      reportedOn: '2026-11-10',
      publishedOn: null,
      subjectIds: [pick(s2).id],
      listingIds: [],
      measureCodes: ['350200-I06'],
      personNames: [],
    },
    {
      id: rng.uuid(),
      title: '厦门一失信被执行人被限制高消费',
      kind: 'PUNISHMENT',
      domain: 'JUDGMENT_DEFAULTER',
      summary: `被执行人${pick(p2).name}（公民身份号码${pick(p2).idNumber}）有履行能力而拒不履行生效判决，被限制乘坐飞机、高铁等高消费行为，后主动履行全部义务。`,
      status: 'PUBLISHED',
      reportedBy: xiamenCourt.departmentCode,
      reportedOn: '2026-06-01',
      publishedOn: '2026-06-15',
      subjectIds: [pick(p2).id],
      listingIds: [xiamenCourt.id],
      measureCodes: ['350200-P15'],
      personNames: [pick(p2).name],
    },
  ];

  return {
    jurisdictions: JURISDICTIONS,
    departments,
    subjects,
    listings,
    measures,
    dispatches,
    executions,
    objections,
    repairs,
    cases,
  };
}
