import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Days off and adjusted working days (调休), each a `YYYY-MM-DD` key with the holiday's name. */
export interface HolidayNotice {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** A real date written `YYYY-MM-DD`: the format, and a day its month has (no 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_FORMAT.test(value)) return false;
  const date = parseDate(value);
  return !Number.isNaN(date.getTime()) && formatDate(date) === value;
}

/**
 * A year's State Council notice written by the operator, in the `chinese-days` format, for when
 * the notice is out before the package is updated. It adds to the package's data and wins where
 * both name a day.
 */
export function readHolidayNotice(file: string): HolidayNotice {
  let notice: Partial<HolidayNotice>;
  try {
    notice = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`HOLIDAY_CALENDAR_FILE ${file} is not a readable JSON file: ${(error as Error).message}`);
  }
  for (const part of ['holidays', 'workdays'] as const) {
    const days = notice[part] ?? {};
    const bad = Object.keys(days).find((day) => !isCalendarDate(day));
    if (bad) throw new Error(`HOLIDAY_CALENDAR_FILE ${file}: "${bad}" in ${part} is not a YYYY-MM-DD date.`);
  }
  return { holidays: notice.holidays ?? {}, workdays: notice.workdays ?? {} };
}

/**
 * Working days in mainland China: weekends and public holidays are off, and the weekends the
 * State Council swaps into working days (调休) count as working days. The data comes from the
 * `chinese-days` package, which follows each year's State Council notice, and from
 * HOLIDAY_CALENDAR_FILE when set. A date after the last published year counts weekends only;
 * `calendarCoverageWarning` says so ahead of time.
 */
const calendarData: HolidayNotice = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
const extra = process.env.HOLIDAY_CALENDAR_FILE
  ? readHolidayNotice(process.env.HOLIDAY_CALENDAR_FILE)
  : { holidays: {}, workdays: {} };
const holidays = new Set([...Object.keys(calendarData.holidays), ...Object.keys(extra.holidays)]);
const adjustedWorkingDays = new Set([...Object.keys(calendarData.workdays), ...Object.keys(extra.workdays)]);
for (const day of Object.keys(extra.holidays)) adjustedWorkingDays.delete(day);
for (const day of Object.keys(extra.workdays)) holidays.delete(day);

export const calendarCoversUntil = `${[...holidays].sort().at(-1)?.slice(0, 4)}-12-31`;

const DAY_MS = 86_400_000;

export function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(new Date(parseDate(date).getTime() + days * DAY_MS));
}

export function addMonths(date: string, months: number): string {
  const d = parseDate(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return formatDate(target);
}

export function isWorkingDay(date: string): boolean {
  if (adjustedWorkingDays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = parseDate(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after `date` (not counting `date` itself): "within n working days of".
 * A negative n counts back: the n-th working day before `date`.
 */
export function workingDaysAfter(date: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let counted = 0; counted < Math.abs(n); ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) counted++;
  }
  return current;
}

/** n days after (or, negative, before) `date`: working days, or calendar days where a jurisdiction counts them. */
export const daysAfter = (date: string, n: number, workingDays: boolean) =>
  workingDays ? workingDaysAfter(date, n) : addDays(date, n);

/** The last day of a period of n working days that starts on `date` (counted if it is a working day). */
export function lastOfWorkingDays(date: string, n: number): string {
  return workingDaysAfter(addDays(date, -1), n);
}

/** Today's date in China (UTC+8, no daylight saving), where every deadline on the platform runs. */
export function todayInChina(now = new Date()): string {
  return formatDate(new Date(now.getTime() + 8 * 3_600_000));
}

/**
 * A warning for the operator once today is within `days` of the end of the calendar data, when
 * deadlines start to fall where only weekends are known; null while the data reaches far enough.
 */
export function calendarCoverageWarning(today: string, days = 60): string | null {
  if (addDays(today, days) <= calendarCoversUntil) return null;
  return `The working-day calendar ends on ${calendarCoversUntil}: deadlines after it skip weekends but no public holidays. Update chinese-days, or set HOLIDAY_CALENDAR_FILE to the State Council's notice for the next year.`;
}
