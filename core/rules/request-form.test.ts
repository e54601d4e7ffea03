import { describe, expect, it } from 'vitest';
import {
  CONFIG_REC_ID,
  device,
  exc,
  exposure,
  GLOBAL,
  group,
  groupsScope,
  NOW,
  rec,
  stateWith,
  USER,
} from '../../test/support/core/builders.ts';
import { calendarDate } from '../model/time.ts';
import { exceptionStatuses, groupStatuses } from './exception-status.ts';
import { dueDateOffered, requestFormOptions, requestGroupChoices } from './request-form.ts';

const state = stateWith({
  devices: [device(1, 'Servers'), device(2, 'Laptops')],
  exposures: [exposure(1), exposure(2), exposure(3)],
});

describe('request form options', () => {
  it('R-REQ-2: software recommendations offer update, uninstall and attention required; default is its own type', () => {
    const o = requestFormOptions(rec(), { intuneEnabled: false }, state);
    expect(o.types).toEqual(['Update', 'Uninstall', 'AttentionRequired']);
    expect(o.defaultType).toBe('Update');
    const upgrade = requestFormOptions(rec({ remediationType: 'Upgrade' }), { intuneEnabled: false }, state);
    expect(upgrade.types).toContain('Upgrade');
    expect(upgrade.defaultType).toBe('Upgrade');
  });
  it('R-REQ-2: configuration recommendations offer only a configuration change', () => {
    const o = requestFormOptions(
      rec({ id: CONFIG_REC_ID, remediationType: 'ConfigurationChange' }),
      { intuneEnabled: true },
      state,
    );
    expect(o.types).toEqual(['ConfigurationChange']);
    expect(o.defaultType).toBe('ConfigurationChange');
  });
  it('R-ATTN-1: no due date is offered for attention required', () => {
    expect(dueDateOffered('AttentionRequired')).toBe(false);
    expect(dueDateOffered('Update')).toBe(true);
  });
  it('R-INT-1: the Intune option is absent (not disabled) while the connection is off', () => {
    expect('intuneTask' in requestFormOptions(rec(), { intuneEnabled: false }, state)).toBe(false);
    expect(requestFormOptions(rec(), { intuneEnabled: true }, state).intuneTask).toEqual({ offered: true });
  });
  it('R-REQ-1: starts at Medium priority and offers the groups of the exposed devices (unknown devices as unassigned)', () => {
    const o = requestFormOptions(rec(), { intuneEnabled: false }, state);
    expect(o.defaultPriority).toBe('Medium');
    expect(o.deviceGroups).toEqual([group('Laptops'), group('Servers'), group('UnassignedGroup')]);
  });
});

describe('request groups and exceptions', () => {
  const groups = [
    { name: group('Laptops'), devices: 4 },
    { name: group('Servers'), devices: 2 },
  ];
  /** What the worker hands the form: each exception with its status and its groups' statuses. */
  const standings = (...all: ReturnType<typeof exc>[]) => {
    const statuses = exceptionStatuses(all, NOW);
    return all.map((e) => ({
      exception: e,
      status: statuses.get(e.id) ?? 'InEffect',
      groups: groupStatuses(e, NOW, all),
    }));
  };

  it('R-REQ-6: without exceptions every group, and "all device groups", is chosen by default', () => {
    const c = requestGroupChoices(groups, []);
    expect(c.allByDefault).toBe(true);
    expect(c.groups.map((g) => [g.name, g.chosenByDefault, g.exceptedBy])).toEqual([
      ['Laptops', true, []],
      ['Servers', true, []],
    ]);
  });

  it('R-REQ-6: a group covered by an exception in effect is shown with it and not chosen by default', () => {
    const c = requestGroupChoices(groups, standings(exc('x1', { justification: 'RiskAccepted' })));
    expect(c.allByDefault).toBe(false);
    expect(c.groups).toEqual([
      { name: 'Laptops', devices: 4, exceptedBy: [], chosenByDefault: true },
      { name: 'Servers', devices: 2, exceptedBy: ['x1'], chosenByDefault: false },
    ]);
  });

  it('R-REQ-6: a global exception in effect covers every group (and suspends the group ones, R-EXC-3)', () => {
    const c = requestGroupChoices(groups, standings(exc('g', { scope: GLOBAL }), exc('x1')));
    expect(c.groups.map((g) => [g.name, g.exceptedBy, g.chosenByDefault])).toEqual([
      ['Laptops', ['g'], false],
      ['Servers', ['g'], false],
    ]);
  });

  it('R-REQ-6: expired, canceled and group-canceled exceptions cover nothing', () => {
    const c = requestGroupChoices(
      groups,
      standings(
        exc('old', { expiresOn: calendarDate('2024-06-01') }),
        exc('gone', { canceled: { on: NOW, by: USER } }),
        exc('part', {
          scope: groupsScope('Servers', 'Laptops'),
          canceledGroups: [{ on: NOW, by: USER, group: group('Servers') }],
        }),
      ),
    );
    expect(c.groups.map((g) => [g.name, g.exceptedBy])).toEqual([
      ['Laptops', ['part']],
      ['Servers', []],
    ]);
  });
});
