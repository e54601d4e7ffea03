import { describe, expect, it } from 'vitest';
import {
  device,
  exc,
  exposure,
  GLOBAL,
  groupsScope,
  NOW,
  REC_ID,
  stateWith,
} from '../../test/support/core/builders.ts';
import type { Justification, RemediationException } from '../model/exception.ts';
import { recommendationId } from '../model/ids.ts';
import { calendarDate } from '../model/time.ts';
import { exposureAfterExceptions } from './exposure-after-exceptions.ts';

const FIREFOX = recommendationId('va-_-mozilla-_-firefox');

// Chrome: devices 1, 2 (Servers), 3 (Laptops). Firefox: device 1.
const withExceptions = (exceptions: RemediationException[]) =>
  stateWith({
    devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops')],
    exposures: [exposure(1), exposure(2), exposure(3), exposure(1, FIREFOX)],
    exceptions,
  });

const chrome = (exceptions: RemediationException[]) =>
  exposureAfterExceptions(withExceptions(exceptions), NOW).find((c) => c.recommendationId === REC_ID);

describe('exposureAfterExceptions', () => {
  it('R-EXC-5: without exceptions every exposed device stays exposed, per recommendation', () => {
    expect(exposureAfterExceptions(withExceptions([]), NOW)).toEqual([
      { recommendationId: REC_ID, exposedDevices: 3, exposedAfterExceptions: 3 },
      { recommendationId: FIREFOX, exposedDevices: 1, exposedAfterExceptions: 1 },
    ]);
  });

  it.each([
    ['ThirdPartyControl', 1],
    ['AlternateMitigation', 1],
    ['RiskAccepted', 3],
    ['PlannedRemediation', 3],
  ] as [Justification, number][])(
    'R-EXC-5: a group exception justified by %s leaves %i exposed after exceptions',
    (justification, after) => {
      const counts = chrome([exc('e', { scope: groupsScope('Servers'), justification })]);
      expect(counts).toEqual({ recommendationId: REC_ID, exposedDevices: 3, exposedAfterExceptions: after });
    },
  );

  it('R-EXC-5: a global Third party control exception covers every group, and only its recommendation', () => {
    const all = exposureAfterExceptions(withExceptions([exc('g', { scope: GLOBAL })]), NOW);
    expect(all.map((c) => [c.recommendationId, c.exposedAfterExceptions])).toEqual([
      [REC_ID, 0],
      [FIREFOX, 1],
    ]);
  });

  it('R-EXC-5/R-EXC-3: a suspended group exception reduces nothing, even under a Risk accepted global one', () => {
    const counts = chrome([
      exc('g', { scope: GLOBAL, justification: 'RiskAccepted' }),
      exc('e', { scope: groupsScope('Servers'), justification: 'ThirdPartyControl' }),
    ]);
    expect(counts?.exposedAfterExceptions).toBe(3);
  });

  it('R-EXC-5/R-EXC-2: an exposed device the device list lacks is in UnassignedGroup, which a group exception can cover', () => {
    const state = stateWith({
      devices: [device(1, 'Servers')],
      exposures: [exposure(1), exposure(9)],
      exceptions: [exc('e', { scope: groupsScope('UnassignedGroup'), justification: 'ThirdPartyControl' })],
    });
    expect(exposureAfterExceptions(state, NOW)).toEqual([
      { recommendationId: REC_ID, exposedDevices: 2, exposedAfterExceptions: 1 },
    ]);
  });

  it('R-EXC-5: expired exceptions reduce nothing', () => {
    const counts = chrome([exc('g', { scope: GLOBAL, expiresOn: calendarDate('2024-06-14') })]);
    expect(counts?.exposedAfterExceptions).toBe(3);
  });
});
