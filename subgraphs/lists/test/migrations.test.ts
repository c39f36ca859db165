import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { openDatabase, rowsOf } from '#common/db.ts';
import * as schema from '../src/db/tables.ts';

const migrations = new URL('../migrations/', import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'lists-migrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The migrations as they stood before `tag`, as an older deployment ran them. */
function migrationsBefore(tag: string): URL {
  const folder = join(work, tag);
  cpSync(migrations, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  const index = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalFile, JSON.stringify(journal));
  return pathToFileURL(`${folder}/`);
}

const COMPANY = '00000000-0000-4000-8000-000000000001';

const open = (migrationsFolder: URL) =>
  openDatabase({ service: 'lists', schema, migrationsFolder, pgliteDir: join(work, 'data') });

it('counts a blacklisting proposed without a severity as SERIOUS, and refuses new ones without', async () => {
  const old = await open(migrationsBefore('0012_black_states_severity'));
  for (const statement of [
    sql`insert into lists.jurisdictions (code, name, objection_suspends_measures) values ('370100', '济南市', false)`,
    sql`insert into lists.departments (code, name, jurisdiction_code) values ('370100-SAMR', '济南市市场监管局', '370100')`,
    sql`insert into lists.subjects (id, kind, name, uscc) values (${COMPANY}, 'LEGAL_PERSON', '旧数据企业', '91370100MA00000001')`,
    sql`insert into lists.listings (subject_id, list_type, status, domain, facts, basis, decided_on, valid_until, repairable, department_code)
        values (${COMPANY}, 'BLACK', 'EFFECTIVE', 'TAX', '欠税', '税收征收管理法', '2026-01-05', '2029-01-04', true, '370100-SAMR'),
               (${COMPANY}, 'WATCH', 'EFFECTIVE', 'TAX', '欠税', '税收征收管理法', '2026-01-05', '2027-01-04', true, '370100-SAMR')`,
  ])
    await old.db.execute(statement);
  await old.close();

  const current = await open(migrations);
  const rows = rowsOf(
    await current.db.execute(sql`select list_type, severity from lists.listings order by list_type`),
  );
  expect(rows).toEqual([
    { list_type: 'BLACK', severity: 'SERIOUS' },
    { list_type: 'WATCH', severity: null },
  ]);
  await expect(
    current.db.execute(sql`
      insert into lists.listings (subject_id, list_type, status, domain, facts, basis, decided_on, valid_until, repairable, department_code)
      values (${COMPANY}, 'BLACK', 'DRAFT', 'TAX', '欠税', '税收征收管理法', '2026-02-05', '2029-02-04', true, '370100-SAMR')`),
  ).rejects.toMatchObject({ cause: { constraint: 'black_states_severity' } });
  await current.close();
});
