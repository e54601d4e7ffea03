import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../core/index.ts';
import { sha256 } from './sha256.ts';

describe('sha256 in Node', () => {
  it('gives the checksums core writes into manifests', async () => {
    const bytes = [new Uint8Array(), new TextEncoder().encode('id,名\r\n'), new Uint8Array(100_000).fill(7)];
    for (const b of bytes) expect(sha256(b)).toBe(await sha256Hex(b));
    expect(sha256(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
