import { describe, expect, it } from 'vitest';
import { blockingRedListing, redEntriesEndedBy } from '../src/domain/cross-checks.ts';

const entry = (id: string, over: Record<string, unknown>) => ({
  id,
  listType: 'RED' as const,
  status: 'EFFECTIVE' as const,
  disclosure: 'PUBLIC' as const,
  validFrom: '2026-03-01',
  validUntil: '2028-12-31',
  exitedOn: null,
  exitReason: null,
  ...over,
});

describe('red and black entries of one subject', () => {
  it('keep a subject off the red list while a BLACK or WATCH entry is in force or in publicity', () => {
    const black = entry('black', { listType: 'BLACK', status: 'PUBLICITY', validFrom: null });
    expect(blockingRedListing([black], '2026-11-20')?.id).toBe('black');
    expect(
      blockingRedListing([{ ...black, status: 'EFFECTIVE', validFrom: '2026-05-01' }], '2026-11-20')?.id,
    ).toBe('black');
    expect(blockingRedListing([{ ...black, status: 'DRAFT' }], '2026-11-20')).toBeUndefined();
    expect(blockingRedListing([{ ...black, status: 'WITHDRAWN' }], '2026-11-20')).toBeUndefined();
    expect(blockingRedListing([entry('red', {})], '2026-11-20')).toBeUndefined();
  });

  it('end the red entries when a BLACK or WATCH entry takes effect: exit those in force, withdraw those not yet', () => {
    const inForce = entry('in-force', {});
    const inPublicity = entry('in-publicity', { status: 'PUBLICITY', validFrom: null });
    const inNotice = entry('in-notice', { status: 'NOTICE', validFrom: null });
    const draft = entry('draft', { status: 'DRAFT', validFrom: null });
    const ended = redEntriesEndedBy([inForce, inPublicity, inNotice, draft], '2026-11-20');
    expect(ended.exit.map((e) => e.id)).toEqual(['in-force']);
    expect(ended.withdraw.map((e) => e.id)).toEqual(['in-publicity', 'in-notice']);
  });
});
