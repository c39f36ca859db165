import { and, asc, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { statisticsScope } from '#common/access.ts';
import { addDays, addMonths, todayInChina } from '#common/calendar.ts';
import { type InternalCaller, isGovernment } from '#common/caller.ts';
import { badUserInput } from '#common/errors.ts';
import { dateParam, type ExportHandler, exportSelection, forEachBatch, listParam } from '#common/exports.ts';
import { isUuid } from '#common/input.ts';
import { maskIdNumber, maskName, maySeePersonalData } from '#common/privacy.ts';
import { type ListingFilter, listingsMatching } from './db/queries.ts';
import { listingStatistics } from './db/statistics.ts';
import type { ListsDb } from './db/store.ts';
import { listings, personalDataReads, subjects } from './db/tables.ts';
import { type ListingDates, type ListingStatus, type ListType, statusOn } from './domain/status.ts';

const LIST_TYPES: ListType[] = ['RED', 'BLACK', 'WATCH', 'MONITORED'];
const STATUSES: ListingStatus[] = ['DRAFT', 'PUBLICITY', 'NOTICE', 'EFFECTIVE', 'EXITED', 'WITHDRAWN'];

/**
 * One register row per export of natural persons shown in full (004 §(二十七)): who, what, why,
 * and how many, written before any row leaves.
 */
async function registerExport(db: ListsDb, caller: InternalCaller, what: string, persons: number) {
  if (persons === 0) return;
  await db.insert(personalDataReads).values({
    subjectId: null,
    persons,
    readerRole: caller.role,
    readerDepartment: caller.dept ?? null,
    readerSubject: caller.subject ?? null,
    operation: `export ${what}`,
    document: null,
    purpose: caller.purpose ?? null,
    source: 'EXPORT',
  });
}

/**
 * How many natural persons among `subjectIds` the caller sees in full: the SQL twin of
 * `maySeePersonalData` (government stating a purpose sees every one, a person itself).
 */
async function personsShownAmong(db: ListsDb, caller: InternalCaller, subjectIds: SQL) {
  const self = caller.role === 'SUBJECT' && caller.subject && isUuid(caller.subject) ? caller.subject : null;
  if (!maySeePersonalData(caller) && !self) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(subjects)
    .where(
      and(
        eq(subjects.kind, 'NATURAL_PERSON'),
        inArray(subjects.id, subjectIds),
        isGovernment(caller) ? undefined : eq(subjects.id, self ?? ''),
      ),
    );
  return Number(row?.n ?? 0);
}

export function listsExports({
  read,
  primary,
}: {
  read: ListsDb;
  primary: ListsDb;
}): Record<string, ExportHandler> {
  return {
    /** The entries the caller may read, with the filters of `listings`, newest decision first. */
    listings: async (caller, params) => {
      const today = todayInChina();
      const filter: ListingFilter = {
        listTypes: listParam(params, 'listTypes', LIST_TYPES),
        statuses: listParam(params, 'statuses', STATUSES),
        domain: params.get('domain'),
        departmentCode: params.get('departmentCode'),
        effectiveOn: dateParam(params, 'effectiveOn'),
        expiresBy: dateParam(params, 'expiresBy'),
      };
      const where = listingsMatching(caller, filter, today);
      const query = read
        .select(
          exportSelection({
            id: listings.id,
            subjectId: listings.subjectId,
            subjectKind: subjects.kind,
            subjectName: subjects.name,
            uscc: subjects.uscc,
            listType: listings.listType,
            recordedStatus: listings.status,
            disclosure: listings.disclosure,
            domain: listings.domain,
            category: listings.category,
            severity: listings.severity,
            decidedOn: listings.decidedOn,
            validFrom: listings.validFrom,
            validUntil: listings.validUntil,
            recordedExitReason: listings.exitReason,
            exitedOn: listings.exitedOn,
            departmentCode: listings.departmentCode,
          }),
        )
        .from(listings)
        .innerJoin(subjects, eq(subjects.id, listings.subjectId))
        .where(where)
        .orderBy(asc(listings.decidedOn), asc(listings.id));
      return {
        columns: [
          'id',
          'subjectId',
          'subjectKind',
          'subjectName',
          'uscc',
          'listType',
          'status',
          'exitReason',
          'domain',
          'category',
          'severity',
          'decidedOn',
          'validFrom',
          'validUntil',
          'exitedOn',
          'departmentCode',
        ],
        registerReads: async () =>
          registerExport(
            primary,
            caller,
            'listings',
            await personsShownAmong(
              read,
              caller,
              sql`(select ${listings.subjectId} from ${listings} where ${where})`,
            ),
          ),
        rows: (write) =>
          forEachBatch(read, query, (batch) =>
            write(
              batch.map((row) => {
                const state = statusOn(
                  {
                    status: row.recordedStatus,
                    validFrom: row.validFrom,
                    validUntil: row.validUntil,
                    exitedOn: row.exitedOn,
                    exitReason: row.recordedExitReason,
                    disclosure: row.disclosure,
                  } as ListingDates,
                  today,
                );
                const person = row.subjectKind === 'NATURAL_PERSON';
                const shown = !person || maySeePersonalData(caller, String(row.subjectId));
                return {
                  ...row,
                  ...state,
                  subjectName: shown ? row.subjectName : maskName(String(row.subjectName)),
                };
              }),
            ),
          ),
      };
    },

    /**
     * The register of subjects: government and analysts read it whole, natural persons in full
     * for government stating a purpose; anyone else reads the organisations (and a subject itself).
     */
    subjects: async (caller, params) => {
      const kinds = listParam(params, 'kinds', [
        'LEGAL_PERSON',
        'OTHER_ORGANIZATION',
        'NATURAL_PERSON',
      ] as const);
      const visible =
        isGovernment(caller) || caller.role === 'ANALYST'
          ? undefined
          : or(
              inArray(subjects.kind, ['LEGAL_PERSON', 'OTHER_ORGANIZATION']),
              caller.subject && isUuid(caller.subject) ? eq(subjects.id, caller.subject) : undefined,
            );
      const where = and(visible, kinds.length ? inArray(subjects.kind, kinds) : undefined);
      const selection = exportSelection({
        id: subjects.id,
        kind: subjects.kind,
        name: subjects.name,
        uscc: subjects.uscc,
        lei: subjects.lei,
        idType: subjects.idType,
        idNumber: subjects.idNumber,
      });
      const query = read.select(selection).from(subjects).where(where).orderBy(asc(subjects.id));
      return {
        columns: Object.keys(selection),
        registerReads: async () =>
          registerExport(
            primary,
            caller,
            'subjects',
            await personsShownAmong(
              read,
              caller,
              sql`(select ${subjects.id} from ${subjects} where ${where ?? sql`true`})`,
            ),
          ),
        rows: (write) =>
          forEachBatch(read, query, (batch) =>
            write(
              batch.map((row) =>
                row.kind !== 'NATURAL_PERSON' || maySeePersonalData(caller, String(row.id))
                  ? row
                  : {
                      ...row,
                      name: maskName(String(row.name)),
                      idNumber: row.idNumber && maskIdNumber(String(row.idNumber)),
                    },
              ),
            ),
          ),
      };
    },

    /** The monthly red and black report for the city platform (003 §4(二)): one month, by list type, domain and department. */
    'monthly-report': async (caller, params) => {
      const month = params.get('month') ?? '';
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badUserInput('month', 'month is YYYY-MM.');
      const scope = statisticsScope(caller);
      const first = `${month}-01`;
      const rows = (
        await listingStatistics(
          read,
          scope,
          { from: first, to: addDays(addMonths(first, 1), -1) },
          ['LIST_TYPE', 'DOMAIN', 'DEPARTMENT'],
          todayInChina(),
        )
      ).filter((r) => r.listType === 'RED' || r.listType === 'BLACK');
      return {
        columns: [
          'month',
          'listType',
          'domain',
          'departmentCode',
          'tookEffect',
          'exited',
          'objected',
          'upheld',
          'repaired',
        ],
        rows: (write) => write(rows.map((r) => ({ ...r, month }))),
      };
    },
  };
}
