import { describe, expect, it } from 'vitest';
import { median } from './measure.ts';

describe('median', () => {
  it('is the middle of an odd count, whatever the order', () => {
    expect(median([9.5, 1, 4])).toBe(4);
  });
  it('is the mean of the two middle values of an even count', () => {
    expect(median([10, 2, 8, 4])).toBe(6);
  });
  it('does not reorder the values it is given', () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });
});
