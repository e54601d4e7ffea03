import { describe, expect, it } from 'vitest';
import { slugOf } from './slug.ts';

describe('slugOf', () => {
  it('keeps plain vendor ids as they are', () => {
    expect(slugOf('b2a0c6a1-8f5e-4bd4-9d5c-0d1e1f2a3b4c')).toBe('b2a0c6a1-8f5e-4bd4-9d5c-0d1e1f2a3b4c');
  });

  it('hashes ids that could escape their folder or break a link, stably and distinctly', () => {
    const hostile = ['../../etc/passwd', '<script>x</script>', 'a b', 'x'.repeat(200), 'h-abc'];
    const slugs = hostile.map(slugOf);
    for (const s of slugs) expect(s).toMatch(/^h-[0-9a-f]{20}$/);
    expect(new Set(slugs).size).toBe(hostile.length);
    expect(slugOf('../../etc/passwd')).toBe(slugs[0]);
  });
});
