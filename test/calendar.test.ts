import { describe, expect, it } from 'vitest';
import {
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
});
