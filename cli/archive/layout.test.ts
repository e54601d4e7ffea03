import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instant } from '../../core/index.ts';
import { instantOfName, listSnapshots, snapshotName } from './layout.ts';

describe('snapshot names', () => {
  it('are the UTC moment without colons, and read back to the same moment', () => {
    const at = instant('2026-11-29T08:00:00Z');
    expect(snapshotName(at)).toBe('2026-11-29T080000Z');
    expect(instantOfName('2026-11-29T080000Z')).toBe(at);
    const withMs = instant('2026-11-29T08:00:00.250Z');
    expect(snapshotName(withMs)).toBe('2026-11-29T080000.250Z');
    expect(instantOfName(snapshotName(withMs))).toBe(withMs);
  });

  it('refuse names that are not real moments', () => {
    expect(instantOfName('2026-02-30T080000Z')).toBeNull();
    expect(instantOfName('latest')).toBeNull();
    expect(instantOfName('.tmp-2026-11-29T080000Z')).toBeNull();
  });

  it('lists snapshots oldest first and ignores other folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-layout-'));
    for (const n of ['2026-11-29T080000Z', '2026-11-22T080000Z', '.tmp-x', 'notes']) {
      await mkdir(join(dir, 'snapshots', n), { recursive: true });
    }
    expect((await listSnapshots(dir)).map((s) => s.name)).toEqual([
      '2026-11-22T080000Z',
      '2026-11-29T080000Z',
    ]);
    expect(await listSnapshots(join(dir, 'missing'))).toEqual([]);
  });
});
