import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSnapshots } from './layout.ts';

describe('listSnapshots', () => {
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
