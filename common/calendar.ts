import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * Working days in mainland China: weekends and public holidays are off, and the weekends the
 * State Council swaps into working days (调休) count as working days. The data comes from the
 * `chinese-days` package, which follows each year's State Council notice; a date after the last
 * published year counts weekends only, so keep the package current each December.
 */
export const calendarCoversUntil = `${Object.keys(calendarData.holidays).sort().at(-1)?.slice(0, 4)}-12-31`;

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

const holidays = new Set(Object.keys(calendarData.holidays));
const adjustedWorkingDays = new Set(Object.keys(calendarData.workdays));

export function isWorkingDay(date: string): boolean {
  if (adjustedWorkingDays.has(date)) return true;
  if (holidays.has(date)) return false;
  const weekday = parseDate(date).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (not counting `date` itself): "within n working days of". */
export function workingDaysAfter(date: string, n: number): string {
  let current = date;
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted++;
  }
  return current;
}

/** The last day of a period of n working days that starts on `date` (counted if it is a working day). */
export function lastOfWorkingDays(date: string, n: number): string {
  return workingDaysAfter(addDays(date, -1), n);
}

/** Today's date in China (UTC+8, no daylight saving), where every deadline on the platform runs. */
export function todayInChina(now = new Date()): string {
  return formatDate(new Date(now.getTime() + 8 * 3_600_000));
}
