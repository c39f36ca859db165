import { type SQLWrapper, sql } from 'drizzle-orm';
import type { Caller } from './caller.ts';
import { forbidden } from './errors.ts';

/** The jurisdiction a department belongs to: its code's administrative division (`370100-SAMR` → `370100`). */
export const jurisdictionOf = (departmentCode: string) => departmentCode.split('-')[0] ?? '';

/** The SQL twin of `jurisdictionOf(code) === jurisdictionCode`, for a column of department codes. */
export const inJurisdiction = (departmentCode: SQLWrapper, jurisdictionCode: string) =>
  sql`${departmentCode} like ${`${jurisdictionCode}-%`}`;

/** A CREDIT_OFFICE token without a department: it reads everything and decides nothing of a jurisdiction. */
export const isPlatformOperator = (caller: Caller) => caller.role === 'CREDIT_OFFICE' && !caller.dept;

/** A credit office of the jurisdiction of `departmentCode` (not the platform operator). */
export const isCreditOfficeOf = (caller: Caller, departmentCode: string) =>
  caller.role === 'CREDIT_OFFICE' &&
  Boolean(caller.dept) &&
  jurisdictionOf(caller.dept as string) === jurisdictionOf(departmentCode);

/**
 * The department a caller acts as when it makes a record (proposes an entry, performs a credit
 * check, reports a case, registers a webhook): its own, named in its token.
 */
export function actingDepartment(caller: Caller, action: string): string {
  if ((caller.role === 'DEPARTMENT' || caller.role === 'CREDIT_OFFICE') && caller.dept) return caller.dept;
  throw forbidden(`Only a department (a token with a dept claim) may ${action}.`);
}

/**
 * 谁认定谁负责 (000 §4(二)(三), 004 §(二十四)): a record of `departmentCode` (an entry, its
 * objections and repairs, a dispatch) is acted on by that department or by the credit office of
 * its jurisdiction, never by another jurisdiction's credit office or the platform operator.
 */
export function assertMayActFor(caller: Caller, departmentCode: string, role: string, action: string): void {
  if (caller.role === 'DEPARTMENT' && caller.dept === departmentCode) return;
  if (isCreditOfficeOf(caller, departmentCode)) return;
  throw forbidden(
    `Only ${departmentCode}, ${role}, or the credit office of jurisdiction ${jurisdictionOf(departmentCode)} may ${action}.`,
  );
}

/** Whose records a caller's statistics count: one department's, one jurisdiction's, or every one. */
export type StatisticsScope = { departmentCode: string } | { jurisdictionCode: string } | 'ALL';

/**
 * A department counts its own records, a credit office its jurisdiction's, the platform operator
 * and analysts every one (001 item 20, 004 §(二十八)); the public and subjects none.
 */
export function statisticsScope(caller: Caller): StatisticsScope {
  if (caller.role === 'DEPARTMENT' && caller.dept) return { departmentCode: caller.dept };
  if (caller.role === 'CREDIT_OFFICE' && caller.dept)
    return { jurisdictionCode: jurisdictionOf(caller.dept) };
  if (isPlatformOperator(caller) || caller.role === 'ANALYST') return 'ALL';
  throw forbidden('Statistics are for departments, credit offices and analysts.');
}
