import { describe, expect, it } from 'vitest';
import {
  CONFIG_REC_ID,
  device,
  exposure,
  group,
  NOW,
  REC_ID,
  stateWith,
  T0,
} from '../../test/support/core/builders.ts';
import { exposureFixes } from './exposure-fixes.ts';

describe('exposure fixes between two complete pictures', () => {
  const before = stateWith({
    devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops'), device(4, 'Laptops')],
    exposures: [
      exposure(1, REC_ID, { firstSeen: T0, highestSeverity: 'Critical' }),
      exposure(1, CONFIG_REC_ID, { firstSeen: T0 }),
      exposure(2, REC_ID, { firstSeen: T0 }),
      exposure(3, REC_ID, { firstSeen: T0 }),
      exposure(4, REC_ID, { firstSeen: T0 }),
    ],
  });

  it('R-PROG-1: a fix is an exposure gone from a device still in the data, counted in its group while exposed', () => {
    const after = stateWith({
      // 1 fixed for Chrome only; 2 moved to Laptops and is still exposed; 3 vanished; 4 unchanged.
      devices: [device(1, 'Servers'), device(2, 'Laptops'), device(4, 'Laptops')],
      exposures: [exposure(1, CONFIG_REC_ID), exposure(2, REC_ID), exposure(4, REC_ID)],
    });
    expect(exposureFixes(before, after, NOW)).toEqual([
      {
        deviceId: device(1).id,
        recommendationId: REC_ID,
        group: group('Servers'),
        severity: 'Critical',
        firstSeen: T0,
        fixedAt: NOW,
      },
    ]);
  });

  it('a software upgrade still exposed keeps the exposure: no fix', () => {
    const after = stateWith({
      devices: before.devices,
      // Same device × recommendation, another version and severity now.
      exposures: before.exposures.map((e) => ({ ...e, highestSeverity: 'Low' as const })),
    });
    expect(exposureFixes(before, after, NOW)).toEqual([]);
  });

  it('a device fixed and moved in the same picture counts in the group it was exposed in', () => {
    const after = stateWith({ devices: [device(1, 'Laptops')], exposures: [] });
    expect(exposureFixes(before, after, NOW).map((f) => [f.recommendationId, f.group])).toEqual([
      [REC_ID, group('Servers')],
      [CONFIG_REC_ID, group('Servers')],
    ]);
  });
});
