import { describe, expect, it } from 'vitest';
import { attention, tracked } from '../../test/support/core/builders.ts';
import { devicesStillExposed } from './still-exposed.ts';

describe('devices still exposed', () => {
  it('R-PROG-1: target devices neither fixed nor out of scope; by counts, all not fixed', () => {
    const devices = {
      kind: 'devices',
      targetDevices: 10,
      fixedDevices: 3,
      leftScopeDevices: 2,
      vanishedDevices: 1,
    } as const;
    expect(devicesStillExposed(tracked('a', { progress: devices }))).toBe(4);
    expect(
      devicesStillExposed(tracked('b', { progress: { kind: 'counts', targetDevices: 10, fixedDevices: 3 } })),
    ).toBe(7);
  });

  it('R-ATTN-1: attention required tracks no devices', () => {
    expect(devicesStillExposed(attention('c'))).toBeNull();
  });
});
