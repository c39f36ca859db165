import { z } from 'zod';
import type { PlatformEvent } from './events.ts';

/**
 * Every event the subgraphs send each other, with its payload's schema: publishers are typed by
 * it and consumers check what arrives against it. A new topic is a change to this file.
 */
const id = z.guid();
const date = z.iso.date();

/** An entry as the lists subgraph announces it: what the others need to act without its database. */
const listing = z.object({
  listingId: id,
  subjectId: id,
  subjectKind: z.enum(['LEGAL_PERSON', 'OTHER_ORGANIZATION', 'NATURAL_PERSON']),
  listType: z.enum(['RED', 'BLACK', 'WATCH', 'MONITORED']),
  domain: z.string(),
  status: z.enum(['DRAFT', 'PUBLICITY', 'NOTICE', 'EFFECTIVE', 'EXITED', 'WITHDRAWN']),
  /** Whether the public sees the entry after this change; events from before it say nothing. */
  shownToPublic: z.boolean().default(false),
  departmentCode: z.string(),
  jurisdictionCode: z.string(),
  validFrom: date.nullable(),
  validUntil: date,
  exitReason: z.string().nullable(),
  exitedOn: date.nullable(),
  withdrawnOn: date.nullable(),
  /** The upheld objection that corrected the entry, if one did. */
  correctedByObjectionId: id.nullish(),
  feedbackWorkingDays: z.number().int().nonnegative(),
  objectionSuspendsMeasures: z.boolean(),
});

const remedy = { listingId: id, departmentCode: z.string() };

export const EVENTS = {
  'listing.effective': listing,
  'listing.expiring': listing,
  'listing.exited': listing,
  'listing.withdrawn': listing,
  'objection.filed': z.object({
    ...remedy,
    objectionId: id,
    subjectId: id,
    filedOn: date,
    duringPublicity: z.boolean(),
    suspendsMeasures: z.boolean(),
  }),
  'objection.decided': z.object({
    ...remedy,
    objectionId: id,
    decision: z.enum(['UPHELD', 'REJECTED']),
    decidedOn: date,
    reason: z.string(),
    suspendsMeasures: z.boolean(),
  }),
  'repair.filed': z.object({ ...remedy, repairId: id, subjectId: id, appliedOn: date }),
  'repair.decided': z.object({
    ...remedy,
    repairId: id,
    decision: z.enum(['APPROVED', 'REJECTED']),
    decidedOn: date,
    reason: z.string(),
  }),
  'case.published': z.object({ caseId: id, publishedOn: date }),
};

export type Topic = keyof typeof EVENTS;
export type Payload<T extends Topic> = z.infer<(typeof EVENTS)[T]>;
export type ListingPayload = Payload<'listing.effective'>;

/** An event whose topic and payload were checked against the contract; its topic narrows its payload. */
export type ContractEvent = {
  [T in Topic]: Omit<PlatformEvent, 'topic' | 'payload'> & { topic: T; payload: Payload<T> };
}[Topic];

/** An event its consumer refuses: it stays unacknowledged, and is delivered again, until the code agrees. */
export class OffContract extends Error {}

/** Checks an arriving event: an unknown topic or a payload off the contract is refused, never guessed at. */
export function checkedEvent(event: PlatformEvent): ContractEvent {
  const schema = EVENTS[event.topic as Topic];
  if (!schema)
    throw new OffContract(`event ${event.source}:${event.id} has the unknown topic ${event.topic}`);
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success)
    throw new OffContract(
      `event ${event.source}:${event.id} (${event.topic}) is off the contract: ${z.prettifyError(parsed.error)}`,
    );
  return { ...event, topic: event.topic, payload: parsed.data } as ContractEvent;
}
