import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calendarCoverageWarning,
  calendarCoversUntil,
  isWorkingDay,
  lastOfWorkingDays,
  todayInChina,
  workingDaysAfter,
} from '#common/calendar.ts';

describe('the working-day calendar', () => {
  it('skips public holidays and counts adjusted working weekends (调休)', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-22')).toBe(false);
  });

  it('ends a 20-working-day publicity across the Spring Festival exactly', () => {
    // 2026-02-09 … 02-14 (adjusted Saturday) are 6 days; 02-15 … 02-23 are holidays.
    expect(lastOfWorkingDays('2026-02-09', 20)).toBe('2026-03-12');
  });

  it('counts a 2-working-day deadline past National Day', () => {
    expect(workingDaysAfter('2026-09-30', 2)).toBe('2026-10-09');
  });

  it('counts plain weekends when the period has no holiday', () => {
    expect(workingDaysAfter('2026-11-20', 2)).toBe('2026-11-24');
  });

  it('knows the last year it has official data for', () => {
    expect(calendarCoversUntil).toBe('2026-12-31');
  });

  it('takes today in China, eight hours ahead of UTC', () => {
    expect(todayInChina(new Date('2026-11-20T17:00:00Z'))).toBe('2026-11-21');
  });

  it('warns the operator two months before its data runs out', () => {
    expect(calendarCoverageWarning('2026-10-31')).toBeNull();
    expect(calendarCoverageWarning('2026-11-22')).toContain('ends on 2026-12-31');
  });
});

describe('a next year’s notice in HOLIDAY_CALENDAR_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  const firstWorkingDayOf2027 = (file?: string) =>
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { workingDaysAfter } from '#common/calendar.ts'; console.log(workingDaysAfter('2026-12-31', 1));",
      ],
      { env: { ...process.env, HOLIDAY_CALENDAR_FILE: file ?? '' }, encoding: 'utf8', stdio: 'pipe' },
    ).trim();

  it('adds its holidays to the published ones', () => {
    const file = join(dir, 'notice-2027.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: {} }));
    expect(firstWorkingDayOf2027()).toBe('2027-01-01');
    expect(firstWorkingDayOf2027(file)).toBe('2027-01-04');
  });

  it('stops the service with the bad line named when a date is wrong', () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027-13-01': '元旦' } }));
    expect(() => firstWorkingDayOf2027(file)).toThrow(/"2027-13-01" in holidays is not a YYYY-MM-DD date/);
  });
});
