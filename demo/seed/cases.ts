import type { CasesDb } from '../../subgraphs/cases/src/db/store.ts';
import { caseListings, caseMeasures, caseSubjects, cases } from '../../subgraphs/cases/src/db/tables.ts';
import { publicText } from '../../subgraphs/cases/src/domain/cases.ts';
import { buildDemoDataset } from '../dataset.ts';

/** Loads the demo typical cases, all or nothing. */
export async function seedCases(db: CasesDb): Promise<void> {
  const existing = await db.select({ id: cases.id }).from(cases).limit(1);
  if (existing.length > 0) return;
  const data = buildDemoDataset();
  await db.transaction(async (tx) => {
    await tx.insert(cases).values(
      data.cases.map(({ subjectIds: _, listingIds: __, measureCodes: ___, ...c }) => ({
        ...c,
        ...publicText(c),
      })),
    );
    const links = <T>(pick: (c: (typeof data.cases)[number]) => T[]) =>
      data.cases.flatMap((c) => pick(c).map((v) => [c.id, v] as const));
    await tx
      .insert(caseSubjects)
      .values(links((c) => c.subjectIds).map(([caseId, subjectId]) => ({ caseId, subjectId })));
    const listingLinks = links((c) => c.listingIds).map(([caseId, listingId]) => ({ caseId, listingId }));
    if (listingLinks.length > 0) await tx.insert(caseListings).values(listingLinks);
    await tx
      .insert(caseMeasures)
      .values(links((c) => c.measureCodes).map(([caseId, measureCode]) => ({ caseId, measureCode })));
  });
}
