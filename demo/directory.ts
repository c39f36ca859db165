import type { Agency } from './catalogue.ts';

export interface DemoJurisdiction {
  code: string;
  name: string;
  district: boolean;
  objectionSuspendsMeasures: boolean;
  seed: string;
}

/** The five jurisdictions of the seeds; the policy that differs between them is their own (domain.md §6). */
export const JURISDICTIONS: readonly DemoJurisdiction[] = [
  { code: '370100', name: '济南市', district: false, objectionSuspendsMeasures: false, seed: '000' },
  { code: '530100', name: '昆明市', district: false, objectionSuspendsMeasures: true, seed: '001' },
  { code: '350200', name: '厦门市', district: false, objectionSuspendsMeasures: false, seed: '002' },
  { code: '230805', name: '佳木斯市东风区', district: true, objectionSuspendsMeasures: false, seed: '003' },
  { code: '420105', name: '武汉市汉阳区', district: true, objectionSuspendsMeasures: true, seed: '004' },
];

export const AGENCIES: Record<Agency, { name: string; districtName?: string }> = {
  CREDIT: { name: '发展和改革委员会（社会信用体系建设办公室）', districtName: '发展和改革局（信用办）' },
  SAMR: { name: '市场监督管理局' },
  TAX: { name: '税务局' },
  FIN: { name: '财政局' },
  HRSS: { name: '人力资源和社会保障局' },
  COURT: { name: '中级人民法院', districtName: '人民法院' },
  PBC: { name: '人民银行分行', districtName: '人民银行支行' },
  HOUSING: { name: '住房和城乡建设局' },
  ECO: { name: '生态环境局', districtName: '生态环境分局' },
  PSB: { name: '公安局', districtName: '公安分局' },
  TRANS: { name: '交通运输局' },
  PRTC: { name: '公共资源交易中心' },
};

export const departmentCode = (jurisdictionCode: string, agency: Agency) => `${jurisdictionCode}-${agency}`;

export function departmentsOf(jurisdiction: DemoJurisdiction) {
  return (Object.keys(AGENCIES) as Agency[]).map((agency) => {
    const names = AGENCIES[agency];
    const suffix = jurisdiction.district ? (names.districtName ?? names.name) : names.name;
    const shortName = jurisdiction.district ? jurisdiction.name.replace(/^.*市/, '') : jurisdiction.name;
    return {
      code: departmentCode(jurisdiction.code, agency),
      name: `${shortName}${suffix}`,
      jurisdictionCode: jurisdiction.code,
      isCreditOffice: agency === 'CREDIT',
      agency,
    };
  });
}
