import { describe, expect, it } from 'vitest';
import {
  attention,
  devId,
  device,
  exposure,
  group,
  NOW,
  REC_ID,
  row,
  stateWith,
  tracked,
  trackedWithDevices,
} from '../../test/support/core/builders.ts';
import { applyChanges, exposureKey } from '../model/apply-changes.ts';
import type { State } from '../model/state.ts';
import { instant } from '../model/time.ts';
import { reconcileActivities } from './reconcile.ts';

/** Activity "a" over devices 1..3 in group Servers, all exposed. */
function base(over: Parameters<typeof trackedWithDevices>[2] = {}): State {
  const { activity, rows } = trackedWithDevices('a', 3, over);
  return stateWith({
    activities: [activity],
    activityDevices: rows,
    devices: [device(1), device(2), device(3)],
    exposures: [exposure(1), exposure(2), exposure(3)],
  });
}
const rowStates = (s: State) => s.activityDevices.map((r) => r.state);
const progressOf = (s: State) => {
  const a = s.activities[0];
  return a && a.type !== 'AttentionRequired' ? a.progress : null;
};

describe('reconcileActivities', () => {
  it('R-PROG-1: a device no longer exposed in a newer full import is fixed', () => {
    const s = base();
    const cs = reconcileActivities(
      s,
      { kind: 'full', exposures: [exposure(2), exposure(3)] },
      s.devices,
      NOW,
    );
    const after = applyChanges(s, cs);
    expect(rowStates(after)).toEqual(['fixed', 'exposed', 'exposed']);
    expect(progressOf(after)).toMatchObject({ targetDevices: 3, fixedDevices: 1 });
    expect(after.activities[0]?.status).toBe('Active');
    expect(cs.events.map((e) => e.type)).toEqual(['activity.progress']);
    expect(cs.events[0]).toMatchObject({
      actor: 'system',
      at: NOW,
      changed: [{ deviceId: devId(1), state: 'fixed' }],
    });
  });
  it('R-PROG-1: exposure to another recommendation does not keep a device unfixed', () => {
    const s = base();
    const other = { ...exposure(1), recommendationId: 'va-_-other-_-x' as typeof REC_ID };
    const after = applyChanges(
      s,
      reconcileActivities(s, { kind: 'full', exposures: [other, exposure(2), exposure(3)] }, s.devices, NOW),
    );
    expect(rowStates(after)).toEqual(['fixed', 'exposed', 'exposed']);
  });
  it('R-PROG-1: cells a delta shows fixed are fixed; cells shown exposed are exposed again', () => {
    const s = base();
    const key = (n: number) => exposureKey({ deviceId: devId(n), recommendationId: REC_ID });
    const cells = (exposed: number[], fixed: number[]) =>
      ({ kind: 'cells', exposed: new Set(exposed.map(key)), fixed: new Set(fixed.map(key)) }) as const;
    const after = applyChanges(s, reconcileActivities(s, cells([], [2]), s.devices, NOW));
    expect(rowStates(after)).toEqual(['exposed', 'fixed', 'exposed']);
    const back = reconcileActivities(after, cells([2], []), s.devices, instant('2024-06-16T10:00:00Z'));
    expect(rowStates(applyChanges(after, back))).toEqual(['exposed', 'exposed', 'exposed']);
  });
  it('R-PROG-1: devices that left the chosen groups or vanished are reported apart, not fixed', () => {
    const s = base({ rbacGroupNames: [group('Servers')] });
    // Device 1 moved to Laptops; device 2 is gone from the export and the device list; 3 still exposed.
    const devices = [device(1, 'Laptops'), device(3)];
    const after = applyChanges(
      s,
      reconcileActivities(s, { kind: 'full', exposures: [exposure(3)] }, devices, NOW),
    );
    expect(rowStates(after)).toEqual(['leftScope', 'vanished', 'exposed']);
    expect(progressOf(after)).toMatchObject({ fixedDevices: 0, leftScopeDevices: 1, vanishedDevices: 1 });
    // Even once the last device is fixed, the activity is not complete: not every target was fixed.
    const later = reconcileActivities(
      after,
      { kind: 'full', exposures: [] },
      devices,
      instant('2024-06-16T00:00:00Z'),
    );
    const done = applyChanges(after, later);
    expect(progressOf(done)).toMatchObject({ fixedDevices: 1, leftScopeDevices: 1, vanishedDevices: 1 });
    expect(done.activities[0]?.status).toBe('Active');
  });
  it('R-PROG-1: an "all groups" activity never has devices out of scope', () => {
    const s = base();
    const devices = [device(1, 'Laptops'), device(2), device(3)];
    const after = applyChanges(
      s,
      reconcileActivities(s, { kind: 'full', exposures: [exposure(2), exposure(3)] }, devices, NOW),
    );
    expect(rowStates(after)).toEqual(['fixed', 'exposed', 'exposed']);
  });
  it('R-DONE-1: completes automatically only when every target device is fixed', () => {
    const s = base();
    const partly = applyChanges(
      s,
      reconcileActivities(s, { kind: 'full', exposures: [exposure(3)] }, s.devices, NOW),
    );
    expect(partly.activities[0]?.status).toBe('Active');
    const cs = reconcileActivities(partly, { kind: 'full', exposures: [] }, s.devices, NOW);
    const done = applyChanges(partly, cs);
    expect(done.activities[0]).toMatchObject({
      status: 'Completed',
      completion: { method: 'Automatic', completedOn: NOW },
      statusLastModifiedOn: NOW,
    });
    expect(cs.events.map((e) => e.type)).toEqual(['activity.progress', 'activity.completed']);
  });
  it('R-PROG-1: re-importing the same export changes nothing and records nothing', () => {
    const s = base();
    const next = { kind: 'full', exposures: [exposure(2), exposure(3)] } as const;
    const once = applyChanges(s, reconcileActivities(s, next, s.devices, NOW));
    expect(reconcileActivities(once, next, s.devices, NOW)).toEqual({ events: [] });
  });
  it('R-PROG-1: counts-only activities and attention required are left unchanged (PD)', () => {
    const counts = tracked('c', { progress: { kind: 'counts', targetDevices: 5, fixedDevices: 1 } });
    const s = stateWith({
      activities: [counts, attention('b')],
      activityDevices: [row('b', 1)],
      devices: [device(1)],
    });
    expect(reconcileActivities(s, { kind: 'full', exposures: [] }, s.devices, NOW)).toEqual({ events: [] });
  });
  it('R-PROG-1: reconciles 100,000 devices across several activities in linear time', () => {
    const n = 100_000;
    const devices = Array.from({ length: n }, (_, i) => device(i + 1));
    const names = ['a', 'b', 'c'];
    const progress = {
      kind: 'devices',
      targetDevices: n,
      fixedDevices: 0,
      leftScopeDevices: 0,
      vanishedDevices: 0,
    } as const;
    const s = stateWith({
      activities: names.map((id) => tracked(id, { progress })),
      activityDevices: names.flatMap((id) => {
        const template = row(id, 1);
        return devices.map((d) => ({ ...template, deviceId: d.id }));
      }),
      devices,
    });
    const exposures = devices.filter((_, i) => i % 2 === 0).map((d) => ({ ...exposure(1), deviceId: d.id }));
    // Speed is measured by `npm run bench`; this checks the counts at a realistic size.
    const cs = reconcileActivities(s, { kind: 'full', exposures }, devices, NOW);
    expect(cs.put?.activityDevices).toHaveLength((n / 2) * names.length);
  });
});
