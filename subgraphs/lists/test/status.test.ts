import { describe, expect, it } from 'vitest';
import { creditStatusOn, type ListingDates, statusAsOf, statusOn } from '../src/domain/status.ts';

const effective = (listType: ListingDates['listType'], over: Partial<ListingDates> = {}): ListingDates => ({
  listType,
  status: 'EFFECTIVE',
  disclosure: 'PUBLIC',
  validFrom: '2026-01-05',
  validUntil: '2027-01-04',
  exitedOn: null,
  exitReason: null,
  ...over,
});

describe('the state of an entry on a date', () => {
  it('is EFFECTIVE between its signature and its expiry', () => {
    expect(statusOn(effective('BLACK'), '2026-06-01').status).toBe('EFFECTIVE');
  });

  it('has expired after validUntil even if no job recorded it', () => {
    expect(statusOn(effective('BLACK'), '2027-01-05')).toEqual({ status: 'EXITED', exitReason: 'EXPIRED' });
  });

  it('is in publicity before it took effect, or in notice when it is not public', () => {
    expect(statusOn(effective('BLACK'), '2025-12-31').status).toBe('PUBLICITY');
    expect(statusOn(effective('BLACK', { disclosure: 'NON_PUBLIC' }), '2025-12-31').status).toBe('NOTICE');
  });

  it('is EXITED with its reason from the exit date on', () => {
    const exited = effective('BLACK', {
      status: 'EXITED',
      exitedOn: '2026-03-01',
      exitReason: 'CREDIT_REPAIRED',
    });
    expect(statusOn(exited, '2026-02-28').status).toBe('EFFECTIVE');
    expect(statusOn(exited, '2026-03-01')).toEqual({ status: 'EXITED', exitReason: 'CREDIT_REPAIRED' });
  });
});

describe('a subject’s credit status', () => {
  it('is CLEAR without effective entries', () => {
    expect(creditStatusOn([], '2026-06-01')).toBe('CLEAR');
  });

  it('ranks BLACK over WATCH over MONITORED over RED', () => {
    const all = [effective('RED'), effective('MONITORED'), effective('WATCH'), effective('BLACK')];
    expect(creditStatusOn(all, '2026-06-01')).toBe('BLACKLISTED');
    expect(creditStatusOn(all.slice(0, 3), '2026-06-01')).toBe('WATCHED');
    expect(creditStatusOn(all.slice(0, 2), '2026-06-01')).toBe('MONITORED');
    expect(creditStatusOn(all.slice(0, 1), '2026-06-01')).toBe('RED_LISTED');
  });

  it('answers for past dates from the same entries', () => {
    const black = effective('BLACK', {
      status: 'EXITED',
      exitedOn: '2026-03-01',
      exitReason: 'CREDIT_REPAIRED',
    });
    const monitored = effective('MONITORED', { validFrom: '2026-03-01' });
    expect(creditStatusOn([black, monitored], '2026-02-01')).toBe('BLACKLISTED');
    expect(creditStatusOn([black, monitored], '2026-04-01')).toBe('MONITORED');
  });
});

describe('the state of an entry on a past date', () => {
  const history = [
    { status: 'DRAFT' as const, on: '2025-12-01' },
    { status: 'PUBLICITY' as const, on: '2025-12-02' },
    { status: 'EFFECTIVE' as const, on: '2026-01-05' },
  ];

  it('follows the history before the entry took effect, and the dates after', () => {
    expect(statusAsOf(effective('BLACK'), history, '2025-12-01')).toBe('DRAFT');
    expect(statusAsOf(effective('BLACK'), history, '2025-12-20')).toBe('PUBLICITY');
    expect(statusAsOf(effective('BLACK'), history, '2026-06-01')).toBe('EFFECTIVE');
    expect(statusAsOf(effective('BLACK'), history, '2027-02-01')).toBe('EXITED');
  });

  it('shows a withdrawn entry in publicity until the day of its withdrawal', () => {
    const withdrawn = effective('BLACK', { status: 'WITHDRAWN', validFrom: null });
    const changes = [...history.slice(0, 2), { status: 'WITHDRAWN' as const, on: '2025-12-10' }];
    expect(statusAsOf(withdrawn, changes, '2025-12-09')).toBe('PUBLICITY');
    expect(statusAsOf(withdrawn, changes, '2025-12-10')).toBe('WITHDRAWN');
  });
});
