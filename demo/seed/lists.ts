import type { ListsDb } from '../../subgraphs/lists/src/db/store.ts';
import {
  departments,
  jurisdictions,
  listings,
  objectionFilings,
  responsiblePersons,
  subjects,
} from '../../subgraphs/lists/src/db/tables.ts';
import { buildDemoDataset } from '../dataset.ts';

/** Loads the demo directory, subjects and listings into an empty register, all or nothing. */
export async function seedLists(db: ListsDb): Promise<void> {
  const existing = await db.select({ code: jurisdictions.code }).from(jurisdictions).limit(1);
  if (existing.length > 0) return;
  const data = buildDemoDataset();
  await db.transaction(async (tx) => {
    await tx.insert(jurisdictions).values(
      data.jurisdictions.map((j) => ({
        code: j.code,
        name: j.name,
        objectionSuspendsMeasures: j.objectionSuspendsMeasures,
      })),
    );
    await tx.insert(departments).values(
      data.departments.map(({ code, name, jurisdictionCode, isCreditOffice }) => ({
        code,
        name,
        jurisdictionCode,
        isCreditOffice,
      })),
    );
    await tx.insert(subjects).values(data.subjects.map(({ jurisdiction: _, ...subject }) => subject));
    await tx.insert(listings).values(data.listings.map(({ responsible: _, ...listing }) => listing));
    const persons = data.listings.flatMap((l) => l.responsible.map((r) => ({ listingId: l.id, ...r })));
    if (persons.length > 0) await tx.insert(responsiblePersons).values(persons);
    // What the objections subgraph's events would have told this one about the demo objections.
    await tx
      .insert(objectionFilings)
      .values(
        data.objections.map((o) => ({ objectionId: o.id, listingId: o.listingId, filedOn: o.filedOn })),
      );
  });
}
