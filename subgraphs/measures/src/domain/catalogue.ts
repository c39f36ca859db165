import type {
  Channel,
  Enforcement,
  ListType,
  MeasureKind,
  Scenario,
  SubjectKind,
} from '../generated/resolvers.ts';

/** The SDL's enums, as `npm run codegen` generates them. */
export type { Channel, Enforcement, ListType, MeasureKind, Scenario, SubjectKind };
/** The explicit marker of a measure meant for entries of every domain. */
export const ALL_DOMAINS = 'ALL';
/** A catalogue version is in force from its `validFrom` until the day a revision or retirement took over. */
export const isInForceOn = (m: { validFrom: string; supersededOn: string | null }, date: string) =>
  m.validFrom <= date && (m.supersededOn === null || date < m.supersededOn);
