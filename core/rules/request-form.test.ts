import { describe, expect, it } from 'vitest';
import { CONFIG_REC_ID, device, exposure, group, rec, stateWith } from '../test-support/builders.ts';
import { dueDateOffered, requestFormOptions } from './request-form.ts';

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
  it('R-REQ-1: offers priorities and the groups of the exposed devices (unknown devices as unassigned)', () => {
    const o = requestFormOptions(rec(), { intuneEnabled: false }, state);
    expect(o.priorities).toEqual(['High', 'Medium', 'Low']);
    expect(o.deviceGroups).toEqual([group('Laptops'), group('Servers'), group('UnassignedGroup')]);
  });
});
