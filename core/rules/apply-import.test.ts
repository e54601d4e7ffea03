import { describe, expect, it } from 'vitest';
import {
  devId,
  device,
  exposure,
  NOW,
  REC_ID,
  rec,
  row,
  stateWith,
  tracked,
  trackedWithDevices,
} from '../../test/support/core/builders.ts';
import { applyChanges } from '../model/apply-changes.ts';
import type { Device } from '../model/device.ts';
import type { ExposureChange } from '../model/exposure.ts';
import { sequentialIds } from '../model/id-source.ts';
import { activityId } from '../model/ids.ts';
import type { State } from '../model/state.ts';
import { addDaysToInstant, instant } from '../model/time.ts';
import { applyImport } from './apply-import.ts';

const ids = () => sequentialIds('imp');
const run = (s: State, batch: Parameters<typeof applyImport>[1]) =>
  applyChanges(s, applyImport(s, batch, NOW, ids()));
/** What a delta says of device n × the recommendation: nothing, unless `over` says it. */
const change = (n: number, over: Partial<ExposureChange> = {}): ExposureChange => ({
  deviceId: devId(n),
  recommendationId: REC_ID,
  fixed: 0,
  added: 0,
  kept: 0,
  fixedWithoutCve: 0,
  exposedWithoutCve: 0,
  highestSeverity: null,
  firstSeen: null,
  eventTimestamp: instant('2024-06-15T08:00:00Z'),
  ...over,
});
const delta = (changes: ExposureChange[], devices: Device[] = []) =>
  ({ kind: 'exposureDelta', changes, devices, observedAt: NOW }) as const;

describe('applyImport', () => {
  it('R-HIST-1: a vendor activity seen for the first time is recorded as imported, once', () => {
    const vendor = tracked('v1', { progress: { kind: 'counts', targetDevices: 18511, fixedDevices: 2866 } });
    const once = run(stateWith({}), { kind: 'activities', activities: [vendor], activityDevices: [] });
    expect(once.activities).toEqual([vendor]);
    expect(once.events.map((e) => e.type)).toEqual(['activity.imported']);
    const twice = applyImport(
      once,
      { kind: 'activities', activities: [vendor], activityDevices: [] },
      NOW,
      ids(),
    );
    expect(twice.events).toEqual([]);
  });
  it('R-RET-1: a vendor activity completed before the 180 days is not taken in, so importing it again changes nothing', () => {
    const done = (id: string, days: number) =>
      tracked(id, {
        status: 'Completed',
        completion: { method: 'Automatic', completedOn: addDaysToInstant(NOW, -days) },
      });
    const batch = {
      kind: 'activities',
      activities: [done('old', 181), done('recent', 180)],
      activityDevices: [],
    } as const;
    const changes = applyImport(stateWith({}), batch, NOW, ids());
    expect(changes.put?.activities?.map((a) => a.id)).toEqual(['recent']);
    expect(changes.notes).toEqual(['1 activity completed more than 180 days ago not imported (R-RET-1)']);
    const once = applyChanges(stateWith({}), changes);
    expect(applyImport(once, batch, NOW, ids()).events).toEqual([]);
  });

  it('R-PROG-1: a known activity keeps our device rows and the progress they give', () => {
    const { activity, rows } = trackedWithDevices('a', 2);
    const s = stateWith({
      activities: [activity],
      activityDevices: [{ ...(rows[0] as (typeof rows)[0]), state: 'fixed' }, rows[1] as (typeof rows)[0]],
    });
    const vendor = tracked('a', {
      priority: 'High',
      progress: { kind: 'counts', targetDevices: 9, fixedDevices: 0 },
    });
    const after = run(s, { kind: 'activities', activities: [vendor], activityDevices: [] });
    expect(after.activities[0]).toMatchObject({
      priority: 'High',
      progress: { kind: 'devices', targetDevices: 2, fixedDevices: 1 },
    });
    expect(after.activityDevices).toEqual(s.activityDevices);
  });
  it('machine references alone add devices, keeping richer fields already known', () => {
    const s = stateWith({ devices: [device(1, 'Old', { exposureLevel: 'High', machineTags: ['vip'] })] });
    const ref = device(1, 'New');
    const after = run(s, { kind: 'machineReferences', devices: [ref, device(2)], link: null });
    expect(after.devices).toHaveLength(2);
    expect(after.devices[0]).toMatchObject({
      rbacGroupName: 'New',
      exposureLevel: 'High',
      machineTags: ['vip'],
    });
  });
  it("R-PROG-1: machine references for a vendor activity are its exposed devices; its counts stay the vendor's", () => {
    const link = { kind: 'activity', id: activityId('v1') } as const;
    const counts = { kind: 'counts', targetDevices: 18511, fixedDevices: 2866 } as const;
    const vendor = tracked('v1', { progress: counts, rbacGroupNames: [device(1).rbacGroupName] });
    const s = stateWith({ activities: [vendor] });
    const linked = run(s, {
      kind: 'machineReferences',
      devices: [device(1), device(2, 'Elsewhere')],
      link,
    });
    expect(linked.activities[0]?.type !== 'AttentionRequired' && linked.activities[0]?.progress).toEqual(
      counts,
    );
    // The device outside the activity's groups has left them: it is not exposed for this activity.
    expect(linked.activityDevices.map((r) => [r.deviceId, r.state])).toEqual([
      [devId(1), 'exposed'],
      [devId(2), 'leftScope'],
    ]);
    expect(linked.events).toEqual([]);
    // The vendor's list as it is now replaces the one before; the same list again changes nothing.
    const again = run(linked, { kind: 'machineReferences', devices: [device(1)], link });
    expect(again.activityDevices.map((r) => r.deviceId)).toEqual([devId(1)]);
    expect(applyImport(again, { kind: 'machineReferences', devices: [device(1)], link }, NOW, ids())).toEqual(
      {
        put: { devices: [device(1)] },
        events: [],
      },
    );
    // Re-importing the vendor activity keeps its counts, whatever rows it has.
    const reimported = run(again, { kind: 'activities', activities: [vendor], activityDevices: [] });
    expect(
      reimported.activities[0]?.type !== 'AttentionRequired' && reimported.activities[0]?.progress,
    ).toEqual(counts);
  });
  it('R-PROG-1: machine references for an activity tracked by devices add to its target devices', () => {
    const link = { kind: 'activity', id: activityId('a') } as const;
    const { activity, rows } = trackedWithDevices('a', 1);
    const s = stateWith({ activities: [activity], activityDevices: rows });
    const linked = run(s, { kind: 'machineReferences', devices: [device(1), device(2), device(3)], link });
    expect(linked.activities[0]).toMatchObject({ progress: { kind: 'devices', targetDevices: 3 } });
    expect(linked.activityDevices).toHaveLength(3);
    expect(linked.events.map((e) => e.type)).toEqual(['activity.progress']);
  });

  it('machine references for an activity not imported yet add only devices (rows cannot dangle)', () => {
    const link = { kind: 'activity', id: activityId('v1') } as const;
    const first = run(stateWith({}), { kind: 'machineReferences', devices: [device(1), device(2)], link });
    expect(first.devices).toHaveLength(2);
    expect(first.activityDevices).toEqual([]);
    expect(first.events).toEqual([]);
  });

  it('machine references for a recommendation become its exposures', () => {
    const link = { kind: 'recommendation', id: REC_ID } as const;
    const after = run(stateWith({ recommendations: [rec()] }), {
      kind: 'machineReferences',
      devices: [device(1)],
      link,
    });
    expect(after.exposures.map((e) => [e.deviceId, e.recommendationId])).toEqual([[devId(1), REC_ID]]);
  });
  it('R-DONE-1: a full exposure export replaces all exposures and reconciles; the same export again is a no-op', () => {
    const { activity, rows } = trackedWithDevices('a', 2);
    const s = stateWith({
      activities: [activity],
      activityDevices: rows,
      exposures: [exposure(1), exposure(2)],
      devices: [device(1), device(2)],
    });
    const batch = {
      kind: 'exposures',
      exposures: [],
      devices: [device(1), device(2)],
      observedAt: NOW,
    } as const;
    const cs = applyImport(s, batch, NOW, ids());
    expect(cs.replaceAllExposures).toBe(true);
    const after = applyChanges(s, cs);
    expect(after.exposures).toEqual([]);
    expect(after.activities[0]).toMatchObject({ status: 'Completed', completion: { method: 'Automatic' } });
    expect(applyImport(after, batch, NOW, ids()).events).toEqual([]);
  });
  it('R-PROG-1: a delta export deletes exposures left with no vulnerability, puts New ones, and reconciles', () => {
    const { activity, rows } = trackedWithDevices('a', 2);
    const s = stateWith({
      activities: [activity],
      activityDevices: rows,
      exposures: [exposure(1), exposure(2)],
      devices: [device(1), device(2)],
    });
    const after = run(
      s,
      delta([change(1, { fixed: exposure(1).vulnerabilities }), change(3, { added: 1 })], [device(3)]),
    );
    expect(after.exposures.map((e) => e.deviceId)).toEqual([devId(2), devId(3)]);
    expect(after.activityDevices.map((r) => r.state)).toEqual(['fixed', 'exposed']);
    expect(after.activities[0]).toMatchObject({ status: 'Active', progress: { fixedDevices: 1 } });
    expect(after.devices).toHaveLength(3);
  });
  it("R-PROG-1: a delta fixing some of an exposure's vulnerabilities leaves it exposed, with fewer", () => {
    const { activity, rows } = trackedWithDevices('a', 1);
    const s = stateWith({
      activities: [activity],
      activityDevices: rows,
      exposures: [{ ...exposure(1), vulnerabilities: 3 }],
      devices: [device(1)],
    });
    const after = run(s, delta([change(1, { fixed: 2 })]));
    expect(after.exposures.map((e) => e.vulnerabilities)).toEqual([1]);
    expect(after.activityDevices.map((r) => r.state)).toEqual(['exposed']);
  });
  it('R-PROG-1: a delta Fixed for an exposure the archive lacks changes nothing and is counted', () => {
    const s = stateWith({ devices: [device(1)] });
    const cs = applyImport(s, delta([change(9, { fixed: 1 })]), NOW, ids());
    expect(applyChanges(s, cs)).toEqual(s);
    expect(cs.notes).toEqual([
      '1 Fixed change of the delta names an exposure the archive does not have: nothing to fix',
    ]);
  });
  it('R-PROG-1 (PD): a delta cannot fix an exposure the archive counts no CVE for; it stays exposed, noted', () => {
    const { activity, rows } = trackedWithDevices('a', 1);
    const s = stateWith({
      activities: [activity],
      activityDevices: rows,
      exposures: [{ ...exposure(1), vulnerabilities: 0 }],
      devices: [device(1)],
    });
    const cs = applyImport(s, delta([change(1, { fixedWithoutCve: 1 })]), NOW, ids());
    const after = applyChanges(s, cs);
    expect(after.exposures).toHaveLength(1);
    expect(after.activityDevices.map((r) => r.state)).toEqual(['exposed']);
    expect(cs.notes?.[0]).toMatch(/1 exposure the delta calls fixed has no CVE counted in the archive/);
  });
  it('R-PROG-1: part of a picture adds to what the archive has: counts and severity never drop', () => {
    const s = stateWith({
      exposures: [{ ...exposure(1), vulnerabilities: 3, highestSeverity: 'Critical' }],
      devices: [device(1)],
    });
    const seen = { ...exposure(1), vulnerabilities: 1, highestSeverity: 'Low' } as const;
    const after = run(s, { kind: 'exposuresSeen', exposures: [seen], devices: [], observedAt: NOW });
    expect(after.exposures[0]).toMatchObject({ vulnerabilities: 3, highestSeverity: 'Critical' });
  });
  it('R-PROG-1: part of an exposure picture shows devices exposed and fixes none', () => {
    const { activity, rows } = trackedWithDevices('a', 2);
    const s = stateWith({
      activities: [activity],
      activityDevices: rows,
      exposures: [exposure(1), exposure(2)],
      devices: [device(1), device(2)],
    });
    const after = run(s, {
      kind: 'exposuresSeen',
      exposures: [exposure(2)],
      devices: [device(2)],
      observedAt: NOW,
    });
    expect(after.exposures.map((e) => e.deviceId)).toEqual([devId(1), devId(2)]);
    expect(after.activityDevices.map((r) => r.state)).toEqual(['exposed', 'exposed']);
    expect(after.activities[0]).toMatchObject({ status: 'Active' });
  });
  it('an activity whose recommendation is unknown is kept, not rejected', () => {
    const vendor = tracked('v2', { recommendationId: null });
    expect(
      run(stateWith({}), { kind: 'activities', activities: [vendor], activityDevices: [row('v2', 1)] })
        .activities,
    ).toEqual([
      {
        ...vendor,
        progress: {
          kind: 'devices',
          targetDevices: 1,
          fixedDevices: 0,
          leftScopeDevices: 0,
          vanishedDevices: 0,
        },
      },
    ]);
  });
});
