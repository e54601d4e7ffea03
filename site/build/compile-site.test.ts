import { describe, expect, it } from 'vitest';
import { sourceKey } from './compile-site.ts';

describe('sourceKey: when the compiled renderer can be reused', () => {
  it('is the same for the same code and base, and differs with the base written into the code', async () => {
    const root = await sourceKey('/');
    expect(await sourceKey('/')).toBe(root);
    expect(await sourceKey('/reports/remediation/')).not.toBe(root);
  });
});
