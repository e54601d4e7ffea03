import { describe, expect, it } from 'vitest';
import {
  attention,
  devId,
  device,
  exc,
  exposure,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  row,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { recommendationId, UNASSIGNED_GROUP } from '../model/ids.ts';
import { calendarDate } from '../model/time.ts';
import { deviceCoverage } from './device-coverage.ts';

const FIREFOX = recommendationId('va-_-mozilla-_-firefox');
const JAVA = recommendationId('va-_-oracle-_-jre');

// Devices 1, 2 (Servers) and 3 (Laptops); device 4 is known only from an activity row.
// Chrome: activity a-chrome targets 1 (fixed), 2 (exposed), 4 (vanished); 3 is exposed to it.
// Firefox: device 1 exposed, no activity. Java: activity a-java targets 3 (left scope).
const state = stateWith({
  devices: [device(1, 'Servers'), device(2, 'Servers'), device(3, 'Laptops')],
  exposures: [exposure(2), exposure(3), exposure(1, FIREFOX)],
  activities: [tracked('a-chrome'), tracked('a-java', { recommendationId: JAVA }), attention('a-none')],
  activityDevices: [
    row('a-chrome', 1, 'Servers', { state: 'fixed' }),
    row('a-chrome', 2),
    row('a-chrome', 4, 'Servers', { state: 'vanished' }),
    row('a-java', 3, 'Laptops', { state: 'leftScope' }),
  ],
  exceptions: [
    exc('e-chrome-servers', { scope: groupsScope('Servers', 'Laptops') }),
    exc('e-firefox-global', { recommendationId: FIREFOX, scope: GLOBAL, justification: 'RiskAccepted' }),
    exc('e-java-expired', { recommendationId: JAVA, scope: GLOBAL, expiresOn: calendarDate('2024-06-01') }),
  ],
});
const byDevice = (s = state) =>
  new Map(
    deviceCoverage(s, NOW).map((d) => [
      d.deviceId,
      // Each activity as what it says of the device: the rows themselves carry more.
      { ...d, activities: d.activities.map(({ activityId, state }) => ({ activityId, state })) },
    ]),
  );

describe('deviceCoverage', () => {
  it('R-REQ-3: lists the activities that target each device, with its state in each (R-PROG-1)', () => {
    const cov = byDevice();
    expect(cov.get(devId(1))?.activities).toEqual([{ activityId: 'a-chrome', state: 'fixed' }]);
    expect(cov.get(devId(2))?.activities).toEqual([{ activityId: 'a-chrome', state: 'exposed' }]);
    expect(cov.get(devId(3))?.activities).toEqual([{ activityId: 'a-java', state: 'leftScope' }]);
    // An attention-required activity names no device; a device only exposed has no activity.
    expect([...cov.values()].flatMap((d) => d.activities.map((a) => a.activityId))).not.toContain('a-none');
  });

  it('R-REQ-3: a device known only from an activity row is listed, nameless, in UnassignedGroup', () => {
    const d = byDevice().get(devId(4));
    expect(d).toMatchObject({ name: null, group: UNASSIGNED_GROUP });
    expect(d?.activities).toEqual([{ activityId: 'a-chrome', state: 'vanished' }]);
    expect(deviceCoverage(state, NOW).map((x) => x.deviceId)).toEqual([
      devId(1),
      devId(2),
      devId(3),
      devId(4),
    ]);
  });

  it('R-EXC-2: exceptions of the recommendations a device is exposed to or targeted for, and whether they take in its group', () => {
    const cov = byDevice();
    // Device 1: fixed in a-chrome (Chrome's exception, Servers in scope) and exposed to Firefox.
    expect(cov.get(devId(1))?.exceptions).toEqual([
      { exceptionId: 'e-chrome-servers', coversGroup: true, status: 'InEffect' },
      { exceptionId: 'e-firefox-global', coversGroup: true, status: 'InEffect' },
    ]);
    // Device 4's group is UnassignedGroup: the Servers/Laptops exception does not take it in.
    expect(cov.get(devId(4))?.exceptions).toEqual([
      { exceptionId: 'e-chrome-servers', coversGroup: false, status: 'InEffect' },
    ]);
  });

  it('R-EXC-2: a group exception covers only the devices of its groups', () => {
    const s = { ...state, exceptions: [exc('e-servers', { scope: groupsScope('Servers') })] };
    const cov = byDevice(s);
    expect(cov.get(devId(2))?.exceptions).toEqual([
      { exceptionId: 'e-servers', coversGroup: true, status: 'InEffect' },
    ]);
    expect(cov.get(devId(3))?.exceptions).toEqual([
      { exceptionId: 'e-servers', coversGroup: false, status: 'InEffect' },
    ]);
  });

  it('R-EXC-3: a global exception in effect suspends the group ones for every device', () => {
    const s = {
      ...state,
      exceptions: [exc('e-global', { scope: GLOBAL }), exc('e-servers', { scope: groupsScope('Servers') })],
    };
    expect(byDevice(s).get(devId(2))?.exceptions).toEqual([
      { exceptionId: 'e-global', coversGroup: true, status: 'InEffect' },
      { exceptionId: 'e-servers', coversGroup: true, status: 'Suspended' },
    ]);
  });

  it('R-EXC-4: a group canceled alone is Canceled for its devices; the others keep the status; expired stays Expired', () => {
    const s = {
      ...state,
      exceptions: [
        exc('e-two', {
          scope: groupsScope('Servers', 'Laptops'),
          canceledGroups: [{ group: group('Laptops'), on: NOW, by: 'system' }],
        }),
        exc('e-java-expired', {
          recommendationId: JAVA,
          scope: GLOBAL,
          expiresOn: calendarDate('2024-06-01'),
        }),
      ],
    };
    const cov = byDevice(s);
    expect(cov.get(devId(2))?.exceptions).toEqual([
      { exceptionId: 'e-two', coversGroup: true, status: 'InEffect' },
    ]);
    expect(cov.get(devId(3))?.exceptions).toEqual([
      { exceptionId: 'e-java-expired', coversGroup: true, status: 'Expired' },
      { exceptionId: 'e-two', coversGroup: true, status: 'Canceled' },
    ]);
  });

  it('lists a recommendation exposed and targeted on one device once', () => {
    const s = { ...state, exposures: [...state.exposures, exposure(1)] };
    expect(
      byDevice(s)
        .get(devId(1))
        ?.exceptions.map((e) => e.exceptionId),
    ).toEqual(['e-chrome-servers', 'e-firefox-global']);
  });
});
