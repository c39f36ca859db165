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

/** The explicit marker of a measure meant for entries of every domain. */
export const ALL_DOMAINS = 'ALL';
/** A catalogue version is in force from its `validFrom` until the day a revision or retirement took over. */
export const isInForceOn = (m: { validFrom: string; supersededOn: string | null }, date: string) =>
  m.validFrom <= date && (m.supersededOn === null || date < m.supersededOn);
