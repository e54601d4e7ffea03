import { describe, expect, it } from 'vitest';
import {
  attention,
  exc,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  row,
  stateWith,
  tracked,
  USER,
} from '../../test/support/core/builders.ts';
import type { Activity } from '../model/activity.ts';
import { recommendationId } from '../model/ids.ts';
import { calendarDate, instant } from '../model/time.ts';
import { completedBetween, distinctDevicesFixed, summarize } from './summarize.ts';

const progress = (targetDevices: number, fixedDevices: number) =>
  ({ kind: 'counts', targetDevices, fixedDevices }) as const;
const done = (day: string) =>
  ({
    status: 'Completed',
    completion: { method: 'Automatic', completedOn: instant(`${day}T08:00:00Z`) },
  }) as const;

const activities: Activity[] = [
  tracked('a1', { priority: 'High', dueOn: calendarDate('2024-06-14'), progress: progress(10, 4) }),
  tracked('a2', {
    type: 'Uninstall',
    rbacGroupNames: [group('Servers'), group('Laptops')],
    dueOn: calendarDate('2024-06-15'),
    progress: progress(5, 1),
  }),
  tracked('a3', {
    ...done('2024-06-10'),
    priority: 'Low',
    rbacGroupNames: [group('Servers')],
    progress: progress(2, 2),
  }),
  attention('a4', { priority: 'High', rbacGroupNames: [group('Laptops')] }),
];

const state = stateWith({
  activities,
  exceptions: [
    exc('g', { scope: GLOBAL, justification: 'RiskAccepted' }),
    exc('suspended', { scope: groupsScope('Servers') }),
    exc('old', { expiresOn: calendarDate('2024-06-01') }),
    exc('gone', { canceled: { on: NOW, by: USER } }),
    exc('other', {
      recommendationId: recommendationId('va-_-mozilla-_-firefox'),
      justification: 'AlternateMitigation',
    }),
  ],
});

describe('summarize', () => {
  const f = summarize(state, NOW);

  it('counts activities by status, priority and type', () => {
    expect(f.activities.total).toBe(4);
    expect(f.activities.byStatus).toEqual({ Active: 3, Completed: 1 });
    expect(f.activities.byPriority).toEqual({ High: 2, Medium: 1, Low: 1 });
    expect(f.activities.byType).toEqual({
      Update: 2,
      Upgrade: 0,
      Uninstall: 1,
      ConfigurationChange: 0,
      AttentionRequired: 1,
    });
  });

  it('counts activities per device group, "all groups" ones under *', () => {
    expect(f.activities.byGroup).toEqual([
      { group: '*', active: 1, completed: 0, overdue: 1 },
      { group: 'Laptops', active: 2, completed: 0, overdue: 0 },
      { group: 'Servers', active: 1, completed: 1, overdue: 0 },
    ]);
  });

  it('R-DUE-1: counts overdue activities (due before today, active; attention required never)', () => {
    expect(f.activities.overdue).toBe(1);
  });

  it('R-PROG-1/R-ATTN-1: sums target and fixed devices over tracked activities', () => {
    expect(f.activities.devicesTargeted).toBe(17);
    expect(f.activities.devicesFixed).toBe(7);
  });

  it('R-EXC-3/R-EXC-4: counts exceptions by status and those in effect by justification', () => {
    expect(f.exceptions.byStatus).toEqual({ InEffect: 2, Suspended: 1, Expired: 1, Canceled: 1 });
    expect(f.exceptions.inEffectByJustification).toEqual({
      ThirdPartyControl: 0,
      AlternateMitigation: 1,
      RiskAccepted: 1,
      PlannedRemediation: 0,
    });
  });

  it('is plain JSON with the same text whatever the order of the rows', () => {
    const shuffled = {
      ...state,
      activities: [...activities].reverse(),
      exceptions: [...state.exceptions].reverse(),
    };
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(JSON.stringify(summarize(shuffled, NOW))).toBe(JSON.stringify(f));
  });

  it('adds up device counts over thousands of activities', () => {
    const many = stateWith({
      activities: Array.from({ length: 5000 }, (_, i) =>
        tracked(`a${i}`, { rbacGroupNames: [group(`G${i % 50}`)], progress: progress(20, i % 20) }),
      ),
      exceptions: Array.from({ length: 3000 }, (_, i) =>
        exc(`e${i}`, {
          recommendationId: recommendationId(`va-_-v-_-p${i % 300}`),
          scope: i % 7 ? groupsScope('G1') : GLOBAL,
        }),
      ),
    });
    const figures = summarize(many, NOW);
    expect(figures.activities.devicesTargeted).toBe(100_000);
  });
});

describe('distinctDevicesFixed', () => {
  it('R-PROG-1: counts each fixed device once, where summed fixes count it per activity', () => {
    // By hand: a1 fixed devices 1 and 2; a2 fixed device 1 again (and device 4 left scope); a3 is a
    // vendor counts-only record of 5 fixes, with no device rows. Fixes summed over activities:
    // 2 + 1 + 5 = 8; distinct devices fixed: {1, 2} = 2.
    const devices = (fixedDevices: number) =>
      ({ kind: 'devices', targetDevices: 3, fixedDevices, leftScopeDevices: 0, vanishedDevices: 0 }) as const;
    const fixes = stateWith({
      activities: [
        tracked('a1', { progress: devices(2) }),
        tracked('a2', { progress: devices(1) }),
        tracked('a3', { progress: progress(9, 5) }),
      ],
      activityDevices: [
        row('a1', 1, 'Servers', { state: 'fixed' }),
        row('a1', 2, 'Servers', { state: 'fixed' }),
        row('a1', 3),
        row('a2', 1, 'Servers', { state: 'fixed' }),
        row('a2', 4, 'Servers', { state: 'leftScope' }),
        row('a2', 5, 'Servers', { state: 'vanished' }),
      ],
    });
    expect(summarize(fixes, NOW).activities.devicesFixed).toBe(8);
    expect(distinctDevicesFixed(fixes)).toBe(2);
  });
});

describe('completedBetween', () => {
  it('lists activities completed in (from, to]', () => {
    const ids = (from: string, to: string) =>
      completedBetween(state, instant(from), instant(to)).map((a) => a.id);
    expect(ids('2024-06-01T00:00:00Z', '2024-06-10T08:00:00Z')).toEqual(['a3']);
    expect(ids('2024-06-10T08:00:00Z', '2024-06-11T00:00:00Z')).toEqual([]);
  });

  it('counts the period since the previous snapshot: not its own completions, those of the latest', () => {
    // Previous snapshot at 06-08 08:00, latest at 06-15 08:00. By hand: `at-latest` and `between`
    // are in (previous, latest]; `at-previous` was already shown by the previous snapshot; `before`
    // and `after` are outside; active ones never count.
    const previous = instant('2024-06-08T08:00:00Z');
    const latest = instant('2024-06-15T08:00:00Z');
    const completedAt = (id: string, on: string) =>
      tracked(id, { status: 'Completed', completion: { method: 'Automatic', completedOn: instant(on) } });
    const period = stateWith({
      activities: [
        completedAt('at-previous', '2024-06-08T08:00:00.000Z'),
        completedAt('at-latest', '2024-06-15T08:00:00.000Z'),
        completedAt('between', '2024-06-12T00:00:00.000Z'),
        completedAt('before', '2024-06-08T07:59:59.999Z'),
        completedAt('after', '2024-06-15T08:00:00.001Z'),
        tracked('active'),
      ],
    });
    expect(completedBetween(period, previous, latest).map((a) => a.id)).toEqual(['at-latest', 'between']);
  });
});
