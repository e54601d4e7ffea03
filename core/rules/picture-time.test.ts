import { describe, expect, it } from 'vitest';
import { exposure, REC_ID, stateWith } from '../../test/support/core/builders.ts';
import type { VendorBatch } from '../model/batch.ts';
import { instant } from '../model/time.ts';
import { pictureTimeProblem } from './picture-time.ts';

const seen = stateWith({
  exposures: [
    exposure(1, REC_ID, { lastSeen: instant('2024-06-10T08:00:00Z') }),
    exposure(2, REC_ID, { lastSeen: instant('2024-06-12T08:00:00Z') }),
    exposure(3),
  ],
});
const picture = (kind: 'exposures' | 'exposuresSeen', at: string): VendorBatch => ({
  kind,
  exposures: [],
  devices: [],
  observedAt: instant(at),
});

describe('pictureTimeProblem', () => {
  it('R-DONE-1: a picture generated more than a day before the archive last saw an exposure is refused, saying both times', () => {
    for (const kind of ['exposures', 'exposuresSeen'] as const)
      expect(pictureTimeProblem(seen, picture(kind, '2024-06-11T07:59:59.999Z'))).toBe(
        'the export was generated at 2024-06-11T07:59:59.999Z, more than a day before the archive last saw an exposure (2024-06-12T08:00:00.000Z): it is older than what the archive holds',
      );
    const delta: VendorBatch = {
      kind: 'exposureDelta',
      changes: [],
      devices: [],
      observedAt: instant('2020-01-01T00:00:00Z'),
    };
    expect(pictureTimeProblem(seen, delta)).toMatch(/older than what the archive holds/);
  });

  it('R-DONE-1: a picture from a day before the newest sighting or later, or into an archive that has seen none, is taken', () => {
    // Its records are seen while the vendor makes it, up to a day after its time.
    expect(pictureTimeProblem(seen, picture('exposures', '2024-06-11T08:00:00.001Z'))).toBeNull();
    expect(pictureTimeProblem(seen, picture('exposures', '2024-06-15T08:00:00Z'))).toBeNull();
    expect(pictureTimeProblem(stateWith({}), picture('exposures', '2020-01-01T00:00:00Z'))).toBeNull();
  });

  it('batches with no moment of their own are never refused here', () => {
    expect(pictureTimeProblem(seen, { kind: 'recommendations', recommendations: [] })).toBeNull();
  });
});
