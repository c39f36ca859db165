import type { Caller } from '#common/caller.ts';
import { notFound } from '#common/errors.ts';
import type { Peers } from '#common/peers.ts';
import type { Entry } from './domain/remedies.ts';

const ENTRY = /* GraphQL */ `
  query Entry($id: ID!, $on: Date!) {
    listing(id: $id) {
      id
      listType
      status(asOf: $on)
      severity
      decidedOn
      validUntil
      repairable
      subject { id legalRepresentative { id } }
      responsiblePersons { id }
      initiatingDepartment { code }
      jurisdiction {
        code
        policy {
          objectionSuspendsMeasures
          objectionWorkingDays
          repairWorkingDays
          minorRepairMonths
          ordinaryRepairMonths
          seriousRepairMonths
        }
      }
    }
  }
`;

/**
 * The entry an objection or repair concerns, asked of the lists subgraph as the caller: its
 * state on the business date, its subject, its initiating department and its jurisdiction's
 * policy, as they are at the moment of filing.
 */
export async function entryOn(peers: Peers, caller: Caller, listingId: string, on: string): Promise<Entry> {
  const data = await peers.query<{ listing: Entry | null }>('lists', ENTRY, { id: listingId, on }, caller);
  if (!data.listing) throw notFound(`No list entry ${listingId} that you may see.`);
  return data.listing;
}
