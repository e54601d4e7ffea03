import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequentialIds } from './id-source.ts';

describe('sequentialIds', () => {
  it('skips ids that are taken, and gives the same ids for the same calls on the same state', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        fc.nat(40),
        (used, n) => {
          const taken = new Set(used.map((i) => `p-event-${String(i).padStart(6, '0')}`));
          const make = () => sequentialIds('p', (id) => taken.has(id));
          const a = make();
          const ids = Array.from({ length: n }, () => a.next('event'));
          expect(ids.filter((id) => taken.has(id))).toEqual([]);
          expect(new Set(ids).size).toBe(n);
          const b = make();
          expect(Array.from({ length: n }, () => b.next('event'))).toEqual(ids);
        },
      ),
    );
  });
});
