import { describe, expect, it } from 'vitest';
import type { Device } from '../../core/index.ts';
import { device } from '../../test/support/core/builders.ts';
import { packRows, transferablesOf, unpackRows } from './packed-rows.ts';

/** Rows as another thread receives them: cloned, buffers transferred. */
const sent = <T extends object>(rows: readonly T[]): T[] => {
  const packed = packRows(rows);
  return unpackRows(structuredClone(packed, { transfer: transferablesOf(packed) }));
};

describe('packed rows', () => {
  it('arrive equal, field for field and in order, through a clone', () => {
    const tags = ['vip', 'kiosk'];
    const rows: Device[] = Array.from({ length: 5000 }, (_, n) =>
      device(n, n % 3 === 0 ? 'Servers' : '研发中心 <b>', {
        computerDnsName: `host-${n}.contoso.com`,
        machineTags: n % 2 ? tags : [],
        exposureLevel: n % 5 === 0 ? null : 'High',
      }),
    );
    const back = sent(rows);
    expect(back).toEqual(rows);
    expect(back.map((d) => Object.keys(d))).toEqual(rows.map((d) => Object.keys(d)));
  });

  it('index a column of repeated values, send unique ones as they are', () => {
    const rows = Array.from({ length: 100 }, (_, n) => ({
      id: `d${n}`,
      group: n % 2 ? 'a' : 'b',
      seen: n < 50,
    }));
    const packed = packRows(rows);
    const [id, group, seen] = packed.columns;
    expect(id?.codes).toBeNull();
    expect(group?.values).toEqual(['b', 'a']);
    expect(seen?.values).toEqual([true, false]);
    expect(transferablesOf(packed)).toHaveLength(2);
  });

  it('keep one copy of a shared value: rows that shared a tag list still share one', () => {
    const shared = ['vip'];
    const back = sent([
      device(1, 'Servers', { machineTags: shared }),
      device(2, 'Servers', { machineTags: shared }),
    ]);
    expect(back[0]?.machineTags).toBe(back[1]?.machineTags);
  });

  it('send no rows as none', () => {
    expect(sent([])).toEqual([]);
  });
});
