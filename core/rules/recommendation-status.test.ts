import { describe, expect, it } from 'vitest';
import {
  device,
  exc,
  exposure,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  REC_ID,
  rec,
  stateWith,
  USER,
} from '../../test/support/core/builders.ts';
import type { RemediationException } from '../model/exception.ts';
import { recommendationId } from '../model/ids.ts';
import { calendarDate } from '../model/time.ts';
import { recommendationStatus } from './recommendation-status.ts';
import { exposedGroupsOf } from './request-form.ts';

// Exposed devices: 1 (Servers), 3 (Laptops); device 4 (Kiosks) not exposed; exposure 9 of an unknown device.
const withExceptions = (exceptions: RemediationException[]) =>
  stateWith({
    recommendations: [rec()],
    devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops'), device(4, 'Kiosks')],
    exposures: [exposure(1), exposure(3), exposure(9)],
    exceptions,
  });

describe('recommendationStatus', () => {
  it('exposedGroupsOf: the groups of the exposed devices, one the device list lacks as unassigned', () => {
    expect(exposedGroupsOf(withExceptions([]), REC_ID)).toEqual(['Laptops', 'Servers', 'UnassignedGroup']);
  });

  it('R-EXC-6: Active without exceptions, Exception with a global one in effect', () => {
    expect(recommendationStatus(rec(), withExceptions([]), NOW)).toBe('Active');
    expect(recommendationStatus(rec(), withExceptions([exc('g', { scope: GLOBAL })]), NOW)).toBe('Exception');
  });

  it('R-EXC-6: Exception when group exceptions cover every group of its exposed devices, Active when partial', () => {
    const partial = withExceptions([exc('a', { scope: groupsScope('Servers') })]);
    expect(recommendationStatus(rec(), partial, NOW)).toBe('Active');
    const known = [
      exc('a', { scope: groupsScope('Servers'), justification: 'RiskAccepted' }),
      exc('b', { scope: groupsScope('Laptops'), justification: 'PlannedRemediation' }),
    ];
    // The unknown device 9 is exposed too, in UnassignedGroup: the known groups alone are not all.
    expect(recommendationStatus(rec(), withExceptions(known), NOW)).toBe('Active');
    const full = withExceptions([...known, exc('c', { scope: groupsScope('UnassignedGroup') })]);
    expect(recommendationStatus(rec(), full, NOW)).toBe('Exception');
  });

  it('R-EXC-6: an expired, canceled or group-canceled exception no longer counts', () => {
    for (const e of [
      exc('x', { scope: GLOBAL, expiresOn: calendarDate('2024-06-14') }),
      exc('x', { scope: GLOBAL, canceled: { on: NOW, by: USER } }),
      exc('x', {
        scope: groupsScope('Servers', 'Laptops'),
        canceledGroups: [{ on: NOW, by: USER, group: group('Laptops') }],
      }),
    ]) {
      expect(recommendationStatus(rec(), withExceptions([e]), NOW)).toBe('Active');
    }
  });

  it('R-EXC-6: exceptions of another recommendation do not count', () => {
    const other = rec({ id: recommendationId('va-_-mozilla-_-firefox') });
    expect(recommendationStatus(other, withExceptions([exc('g', { scope: GLOBAL })]), NOW)).toBe('Active');
  });
});
