export type MeasureKind = 'INCENTIVE' | 'PUNISHMENT';
export type Enforcement = 'MANDATORY' | 'RECOMMENDED' | 'PRUDENT_REFERENCE';
export type Channel = 'ADMINISTRATIVE' | 'MARKET' | 'INDUSTRY' | 'SOCIAL';
export type ListType = 'RED' | 'BLACK' | 'WATCH' | 'MONITORED';
export type SubjectKind = 'LEGAL_PERSON' | 'OTHER_ORGANIZATION' | 'NATURAL_PERSON';
export type Scenario =
  | 'ADMINISTRATIVE_LICENSING'
  | 'SUPERVISORY_INSPECTION'
  | 'ADMINISTRATIVE_PENALTY'
  | 'GOVERNMENT_PROCUREMENT'
  | 'BIDDING'
  | 'PUBLIC_EMPLOYMENT'
  | 'HONORS_AND_AWARDS'
  | 'FISCAL_SUPPORT'
  | 'FINANCIAL_SERVICES'
  | 'HIGH_CONSUMPTION';

/** The agency that implements a measure; each jurisdiction has its own department of that agency. */
export type Agency =
  | 'CREDIT'
  | 'SAMR'
  | 'TAX'
  | 'FIN'
  | 'HRSS'
  | 'COURT'
  | 'PBC'
  | 'HOUSING'
  | 'ECO'
  | 'PSB'
  | 'TRANS'
  | 'PRTC';

export interface CatalogueMeasure {
  /** Code within a jurisdiction's catalogue; the full code is `<jurisdiction>-<key>`. */
  key: string;
  name: string;
  kind: MeasureKind;
  enforcement: Enforcement;
  channel: Channel | null;
  listTypes: ListType[];
  scenarios: Scenario[];
  matter: string;
  means: string;
  targetKinds: SubjectKind[];
  reachesResponsiblePersons: boolean;
  agency: Agency;
  basis: string;
  memorandum: string;
}

const ORGS: SubjectKind[] = ['LEGAL_PERSON', 'OTHER_ORGANIZATION'];
const ALL: SubjectKind[] = ['LEGAL_PERSON', 'OTHER_ORGANIZATION', 'NATURAL_PERSON'];
const GF33 = '国发〔2016〕33号';

function measure(m: Omit<CatalogueMeasure, 'memorandum'> & { memorandum?: string }): CatalogueMeasure {
  return { memorandum: m.memorandum ?? GF33, ...m };
}

/**
 * The starting catalogue: every measure domain.md §4 names, with its seed as basis. A
 * jurisdiction's credit office revises its own copy; this is only the first version.
 */
export const STARTING_CATALOGUE: readonly CatalogueMeasure[] = [
  measure({ key: 'I01', name: '行政审批绿色通道和容缺受理', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '行政许可办理', means: '开辟绿色通道，容缺受理', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §2(二)1; 002 §15' }),
  measure({ key: 'I02', name: '财政资金和项目安排优先支持', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['FISCAL_SUPPORT'], matter: '财政性资金项目安排和优惠政策', means: '同等条件下优先安排', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'FIN', basis: '000 §2(二)2; 004 §(十一)' }),
  measure({ key: 'I03', name: '教育、就业、社保等领域优先便利', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['PUBLIC_EMPLOYMENT'], matter: '教育、就业、创业、社会保障', means: '同等条件下优先给予便利', targetKinds: ['NATURAL_PERSON'], reachesResponsiblePersons: false, agency: 'HRSS', basis: '000 §2(二)3' }),
  measure({ key: 'I04', name: '公共资源交易信用加分', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['BIDDING', 'GOVERNMENT_PROCUREMENT'], matter: '公共资源交易', means: '评标评审中给予信用加分', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'PRTC', basis: '000 §2(二)4; 004 §(十二)' }),
  measure({ key: 'I05', name: '减少日常检查和专项检查频次', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['SUPERVISORY_INSPECTION'], matter: '日常监管和专项检查', means: '降低抽查比例和频次', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §2(二)5; 001 item 4' }),
  measure({ key: 'I06', name: '信易贷、税易贷等信用贷款和费率优惠', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['FINANCIAL_SERVICES'], matter: '金融服务', means: '给予信用贷款、优惠利率和费率', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'PBC', basis: '000 §2(二)6; 004 §(十三)' }),
  measure({ key: 'I07', name: '政府网站和展会宣传推介', kind: 'INCENTIVE', enforcement: 'RECOMMENDED', channel: null, listTypes: ['RED'], scenarios: ['HONORS_AND_AWARDS'], matter: '诚信典型宣传', means: '在政府网站、展会等宣传推介', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'CREDIT', basis: '000 §2(二)7; 004 §(十四)' }),
  measure({ key: 'P01', name: '从严审核或不予行政许可', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '行政许可、生产许可', means: '从严审核，依法限制或不予许可', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §3(二)1; 001 item 8' }),
  measure({ key: 'P02', name: '限制新建项目审批', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '新建项目审批、核准', means: '依法限制审批', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'CREDIT', basis: '000 §3(二)1; 004 §(十五)' }),
  measure({ key: 'P03', name: '限制设立金融机构和担任股东', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['FINANCIAL_SERVICES'], matter: '设立金融类机构', means: '限制发起设立或参股金融机构', targetKinds: ALL, reachesResponsiblePersons: true, agency: 'PBC', basis: '000 §3(二)1' }),
  measure({ key: 'P04', name: '限制从事互联网信息服务', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '互联网信息服务', means: '依法限制', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'PSB', basis: '000 §3(二)1' }),
  measure({ key: 'P05', name: '限制财政资金、补贴和社保资金支持', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['FISCAL_SUPPORT'], matter: '财政性资金、政策性补贴和社会保障资金', means: '依法限制或停止支持', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'FIN', basis: '000 §3(二)1; 001 item 9' }),
  measure({ key: 'P06', name: '限制参与政府采购和公共资源交易', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['GOVERNMENT_PROCUREMENT'], matter: '政府采购、公共资源交易', means: '依法限制参与', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'FIN', basis: '000 §3(二)1; 002 §15' }),
  measure({ key: 'P07', name: '限制作为投标人、招标代理和评标专家', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['BIDDING'], matter: '招标投标', means: '限制作为投标人、招标代理机构、评标专家', targetKinds: ALL, reachesResponsiblePersons: true, agency: 'PRTC', basis: '000 §3(二)1; 002 §15' }),
  measure({ key: 'P08', name: '限制参与基础设施和公用事业特许经营', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['BIDDING'], matter: '基础设施和公用事业特许经营', means: '依法限制参与', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'HOUSING', basis: '000 §3(二)1' }),
  measure({ key: 'P09', name: '行业市场禁入（企业及责任人）', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '行业准入', means: '对失信企业及其法定代表人、负责人实施市场和行业禁入', targetKinds: ALL, reachesResponsiblePersons: true, agency: 'SAMR', basis: '000 §3(二)1; 004 §(八)' }),
  measure({ key: 'P10', name: '撤销荣誉称号、取消评优资格', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['HONORS_AND_AWARDS'], matter: '评先评优和荣誉称号', means: '撤销荣誉，取消参评资格', targetKinds: ALL, reachesResponsiblePersons: true, agency: 'CREDIT', basis: '000 §3(二)1; 001 item 10' }),
  measure({ key: 'P11', name: '公务员录用和晋升一票否决', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['PUBLIC_EMPLOYMENT'], matter: '公务员和事业单位人员录用、晋升', means: '作为否决依据', targetKinds: ['NATURAL_PERSON'], reachesResponsiblePersons: true, agency: 'HRSS', basis: '000 §3(二)1; 001 item 15' }),
  measure({ key: 'P12', name: '列为重点监管对象，提高检查频次', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK', 'WATCH'], scenarios: ['SUPERVISORY_INSPECTION'], matter: '日常监管', means: '增加检查频次，实施重点监管', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §3(二)1; 002 §13' }),
  measure({ key: 'P13', name: '在法定幅度内从重处罚', kind: 'PUNISHMENT', enforcement: 'PRUDENT_REFERENCE', channel: 'ADMINISTRATIVE', listTypes: ['BLACK', 'WATCH'], scenarios: ['ADMINISTRATIVE_PENALTY'], matter: '行政处罚裁量', means: '在法定处罚幅度内从重', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §3(二)1; 002 §21' }),
  measure({ key: 'P14', name: '以统一社会信用代码为索引公开失信信息', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'MARKET', listTypes: ['BLACK'], scenarios: ['FINANCIAL_SERVICES'], matter: '信用信息公开', means: '向社会公开，供市场主体查询', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'CREDIT', basis: '000 §3(二)2; 004 §(十七)' }),
  measure({ key: 'P15', name: '限制出境、购房、乘坐飞机高铁和高消费', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'MARKET', listTypes: ['BLACK'], scenarios: ['HIGH_CONSUMPTION'], matter: '高消费及非生活和工作必需的消费', means: '限制出境、购置不动产、乘坐飞机和高铁、旅游度假、入住星级宾馆', targetKinds: ALL, reachesResponsiblePersons: true, agency: 'COURT', basis: '000 §3(二)2; 004 §(十六)', memorandum: '发改财金〔2016〕141号' }),
  measure({ key: 'P16', name: '提高贷款利率和保险费率，或限制融资', kind: 'PUNISHMENT', enforcement: 'RECOMMENDED', channel: 'MARKET', listTypes: ['BLACK'], scenarios: ['FINANCIAL_SERVICES'], matter: '融资授信和保险', means: '提高利率、保险费率，或不予贷款、担保、保险', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'PBC', basis: '000 §3(二)2' }),
  measure({ key: 'P17', name: '行业协会警告、通报批评、公开谴责', kind: 'PUNISHMENT', enforcement: 'RECOMMENDED', channel: 'INDUSTRY', listTypes: ['BLACK', 'WATCH'], scenarios: ['HONORS_AND_AWARDS'], matter: '行业自律', means: '警告、行业内通报批评、公开谴责、不予接纳、劝退', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'SAMR', basis: '000 §3(二)3' }),
  measure({ key: 'P18', name: '公开曝光和公益诉讼', kind: 'PUNISHMENT', enforcement: 'RECOMMENDED', channel: 'SOCIAL', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_PENALTY'], matter: '社会监督', means: '通过媒体曝光，支持公益诉讼', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'CREDIT', basis: '000 §3(二)4; 000 §5(二)' }),
  measure({ key: 'P19', name: '限制税收优惠和出口退税便利', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['FISCAL_SUPPORT'], matter: '税收优惠和纳税服务', means: '依法限制，提高检查频次', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'TAX', basis: '001 item 8; 004 §(十五)' }),
  measure({ key: 'P20', name: '环境违法企业限制环评审批', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '建设项目环境影响评价', means: '从严审批或不予审批', targetKinds: ORGS, reachesResponsiblePersons: false, agency: 'ECO', basis: '000 §3(一)1; 004 §(八)' }),
  measure({ key: 'P21', name: '道路运输经营许可从严审核', kind: 'PUNISHMENT', enforcement: 'MANDATORY', channel: 'ADMINISTRATIVE', listTypes: ['BLACK'], scenarios: ['ADMINISTRATIVE_LICENSING'], matter: '道路运输经营许可', means: '从严审核，依法限制', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'TRANS', basis: '000 §3(一)1' }),
  measure({ key: 'W01', name: '重点关注对象审慎参考', kind: 'PUNISHMENT', enforcement: 'PRUDENT_REFERENCE', channel: 'ADMINISTRATIVE', listTypes: ['WATCH', 'MONITORED'], scenarios: ['ADMINISTRATIVE_LICENSING', 'GOVERNMENT_PROCUREMENT', 'BIDDING', 'FISCAL_SUPPORT', 'HONORS_AND_AWARDS'], matter: '行政管理事项', means: '作为审慎参考，加强事中事后监管', targetKinds: ALL, reachesResponsiblePersons: false, agency: 'CREDIT', basis: '002 §13; 004 §(二十)' }),
];
