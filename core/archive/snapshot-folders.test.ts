import { describe, expect, it } from 'vitest';
import { instant } from '../model/time.ts';
import { instantOfName, snapshotName, sortSnapshotsListing } from './snapshot-folders.ts';

describe('snapshot names', () => {
  it('are the UTC moment without colons, and read back to the same moment', () => {
    const at = instant('2026-11-29T08:00:00Z');
    expect(snapshotName(at)).toBe('2026-11-29T080000Z');
    expect(instantOfName('2026-11-29T080000Z')).toBe(at);
    const withMs = instant('2026-11-29T08:00:00.250Z');
    expect(snapshotName(withMs)).toBe('2026-11-29T080000.250Z');
    expect(instantOfName(snapshotName(withMs))).toBe(withMs);
  });

  it('refuse names that are not real moments', () => {
    expect(instantOfName('2026-02-30T080000Z')).toBeNull();
    expect(instantOfName('latest')).toBeNull();
    expect(instantOfName('.tmp-2026-11-29T080000Z')).toBeNull();
  });
});

describe('sortSnapshotsListing', () => {
  it('orders snapshots by their moments, and sets unfinished writes and stray entries apart', () => {
    const listing = sortSnapshotsListing([
      'old',
      '2026-11-29T080000.250Z',
      '.tmp-2026-12-06T080000Z-41',
      '2026-11-29T080000Z',
      '2026-11-22T080000Z',
      '.DS_Store',
    ]);
    // As text, old/ would sort after every dated folder and be taken as the latest.
    expect(listing.snapshots).toEqual([
      { name: '2026-11-22T080000Z', at: '2026-11-22T08:00:00.000Z' },
      { name: '2026-11-29T080000Z', at: '2026-11-29T08:00:00.000Z' },
      { name: '2026-11-29T080000.250Z', at: '2026-11-29T08:00:00.250Z' },
    ]);
    expect(listing.unfinished).toEqual(['.tmp-2026-12-06T080000Z-41']);
    expect(listing.stray).toEqual(['.DS_Store', 'old']);
  });
});
