import { describe, expect, it } from 'vitest';
import {
  activityDevice,
  CHROME,
  created,
  devId,
  device,
  exposure,
  rec,
  SCID,
  sampleState,
  task,
  tracked,
} from '../../test/support/core/store-fixtures.ts';
import { activityDeviceKey, applyChanges, DuplicateEventError, exposureKey } from './apply-changes.ts';
import { canonicalOrder, canonicalState, isSorted } from './canonical-order.ts';
import type { Exposure } from './exposure.ts';
import { activityId, eventId, recommendationId, taskId } from './ids.ts';
import { emptyState, type State } from './state.ts';
import { instant } from './time.ts';

const expectCanonical = (s: State) => {
  for (const table of Object.keys(canonicalOrder) as (keyof State)[]) {
    expect(isSorted(s[table] as never[], canonicalOrder[table] as never), table).toBe(true);
  }
};

const EXPOSURE_FIELDS = exposure(0);

describe('applyChanges', () => {
  it('puts replace by key, the last row for a key winning, and keep canonical order', () => {
    const s = applyChanges(sampleState(), {
      put: {
        devices: [device(9, 'A'), device(0, 'B'), device(9, 'C')],
        recommendations: [rec(CHROME, { exposureImpact: 9 })],
      },
      events: [],
    });
    expect(s.devices.map((d) => [d.id, d.rbacGroupName])).toEqual([
      [devId(0), 'B'],
      [devId(1), 'Servers'],
      [devId(2), 'Servers'],
      [devId(3), 'Laptops'],
      [devId(9), 'C'],
    ]);
    expect(s.recommendations.find((r) => r.id === CHROME)?.exposureImpact).toBe(9);
    expect(s.recommendations).toHaveLength(2);
    expectCanonical(s);
  });

  it('leaves untouched tables as the same arrays', () => {
    const before = sampleState();
    const after = applyChanges(before, { put: { devices: [device(4)] }, events: [] });
    expect(after.exposures).toBe(before.exposures);
    expect(after.events).toBe(before.events);
    expect(after.devices).not.toBe(before.devices);
  });

  it('replaces every exposure before putting the new ones', () => {
    const s = applyChanges(sampleState(), {
      replaceAllExposures: true,
      put: { exposures: [exposure(7), exposure(5, SCID)] },
      events: [],
    });
    expect(s.exposures.map(exposureKey)).toEqual([exposureKey(exposure(5, SCID)), exposureKey(exposure(7))]);
  });

  it('deletes by key, after the puts', () => {
    const s = applyChanges(sampleState(), {
      put: { exposures: [exposure(8)] },
      delete: {
        exposures: [{ deviceId: devId(1), recommendationId: CHROME }, exposure(8)],
        activityDevices: [{ activityId: activityId('a1'), deviceId: devId(2) }],
        exceptions: [sampleState().exceptions[0]?.id ?? ('' as never)],
      },
      events: [],
    });
    expect(s.exposures.map(exposureKey)).toEqual(
      [exposure(1, SCID), exposure(2), exposure(3)].map(exposureKey),
    );
    expect(s.activityDevices.map(activityDeviceKey)).toEqual(
      [activityDevice('a1', 1), activityDevice('a2', 3)].map(activityDeviceKey),
    );
    expect(s.exceptions.map((x) => x.id)).toEqual(['x2']);
  });

  it('deleting an activity deletes its device rows and its task, even ones put in the same change', () => {
    const s = applyChanges(sampleState(), {
      put: { activityDevices: [activityDevice('a1', 9)], tasks: [task('t2', 'a1'), task('t3', 'a2')] },
      delete: { activities: [activityId('a1')] },
      events: [],
    });
    expect(s.activities.map((a) => a.id)).toEqual(['a2', 'a3']);
    expect(s.activityDevices.map(activityDeviceKey)).toEqual([activityDeviceKey(activityDevice('a2', 3))]);
    expect(s.tasks.map((x) => x.id)).toEqual(['t3']);
  });

  it('appends events in time order and refuses an id already recorded', () => {
    const early = created('e0', 'a1', instant('2024-01-01T00:00:00Z'));
    const s = applyChanges(sampleState(), { events: [created('e9', 'a2'), early] });
    expect(s.events.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e9']);
    expect(() => applyChanges(s, { events: [created('e2', 'a2')] })).toThrow(DuplicateEventError);
    expect(() => applyChanges(emptyState(), { events: [created('e1', 'a1'), created('e1', 'a2')] })).toThrow(
      /e1/,
    );
    // Deleting first frees the id (events are deleted before new ones are appended).
    const again = applyChanges(s, { delete: { events: [eventId('e2')] }, events: [created('e2', 'a3')] });
    expect(again.events.filter((e) => e.id === 'e2')).toMatchObject([{ activityId: 'a3' }]);
  });

  it('sorts an input that is not in canonical order', () => {
    const messy = { ...sampleState(), devices: [device(3), device(1), device(2)] };
    const s = applyChanges(messy, { put: { devices: [device(0)] }, events: [] });
    expect(s.devices.map((d) => d.id)).toEqual([0, 1, 2, 3].map(devId));
    expect(canonicalState(messy).devices.map((d) => d.id)).toEqual([1, 2, 3].map(devId));
  });

  it('orders text by code unit, as IndexedDB does, not by locale', () => {
    const ids = ['b', 'B', 'a', 'Z', 'é', '安'].map((id) => rec(recommendationId(id)));
    const s = applyChanges(emptyState(), { put: { recommendations: ids }, events: [] });
    expect(s.recommendations.map((r) => r.id)).toEqual(['B', 'Z', 'a', 'b', 'é', '安']);
  });

  it('merges a few changes into a large sorted state (speed: npm run bench)', () => {
    const devices = Array.from({ length: 20_000 }, (_, i) => device(i));
    const recs = Array.from({ length: 10 }, (_, i) => recommendationId(`va-_-v-_-p${i}`));
    const exposures: Exposure[] = [];
    for (const d of devices) {
      for (const r of recs) exposures.push({ ...EXPOSURE_FIELDS, deviceId: d.id, recommendationId: r });
    }
    const big: State = {
      ...emptyState(),
      devices,
      exposures,
      activities: [tracked('a1', { taskId: taskId('t1') })],
    };
    const s = applyChanges(big, {
      put: { devices: [device(100_001)], exposures: [exposure(100_001, recs[0])] },
      delete: { exposures: [exposure(5, recs[3])] },
      events: [created('e1', 'a1')],
    });
    expect(s.exposures).toHaveLength(200_000);
    expect(s.devices).toHaveLength(20_001);
    expect(s.exposures.at(-1)).toEqual(exposure(100_001, recs[0]));
    expect(s.exposures.some((e) => e.deviceId === devId(5) && e.recommendationId === recs[3])).toBe(false);
  });
});
