import { describe, expect, it } from 'vitest';
import { device } from '../../test/support/core/builders.ts';
import { INTUNE_DEVICE_LIMIT } from '../model/intune-task.ts';
import { selectIntuneDevices } from './intune-selection.ts';

const many = (n: number) => Array.from({ length: n }, (_, i) => device(i + 1));

describe('Intune device selection', () => {
  it('R-INT-2: exactly 10,000 devices are all sent, none left out', () => {
    const s = selectIntuneDevices(many(INTUNE_DEVICE_LIMIT));
    expect(s.sent).toHaveLength(10_000);
    expect(s.leftOut).toBe(0);
  });
  it('R-INT-2: 10,001 devices send 10,000 and leave 1 out, the least exposed by id', () => {
    const devices = many(10_001);
    const s = selectIntuneDevices(devices);
    expect(s.sent).toHaveLength(10_000);
    expect(s.leftOut).toBe(1);
    // All equally (un)rated: the highest id is the one left out.
    expect(s.sent.some((d) => d.id === devices[10_000]?.id)).toBe(false);
  });
  it('R-INT-2: the most exposed go first, deterministically whatever the input order', () => {
    const devices = [
      device(1, 'G', { exposureLevel: 'Low' }),
      device(2, 'G', { exposureLevel: 'High', riskScore: 'Low' }),
      device(3, 'G', { exposureLevel: 'High', riskScore: 'High' }),
      device(4, 'G'),
    ];
    const ids = (xs: readonly { id: string }[]) => xs.map((d) => d.id);
    const s = selectIntuneDevices(devices, 2);
    expect(ids(s.sent)).toEqual([devices[2]?.id, devices[1]?.id]);
    expect(s.leftOut).toBe(2);
    expect(ids(selectIntuneDevices([...devices].reverse(), 2).sent)).toEqual(ids(s.sent));
  });
});
