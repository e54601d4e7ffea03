import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptyState,
  encodeSnapshot,
  InputError,
  instant,
  recommendationId,
  type State,
  summarize,
} from '../../core/index.ts';
import { writeSnapshot } from './write.ts';

const T1 = instant('2026-11-22T08:00:00Z');
const T2 = instant('2026-11-29T08:00:00Z');
const archive = () => mkdtemp(join(tmpdir(), 'remdesk-write-'));
const files = (state: State, at = T1) => encodeSnapshot(state, { generatedAt: at, source: 'test' });
// A history line's figures are checked when the next write reads it, so they are real ones.
const figures = summarize(emptyState(), T1);
const derived = { figures, fixes: [] };
const other: State = {
  ...emptyState(),
  exposures: [
    {
      deviceId: 'a'.repeat(40) as never,
      recommendationId: recommendationId('va-_-google-_-chrome'),
      vulnerabilities: 1,
      highestSeverity: 'High',
      firstSeen: null,
      lastSeen: null,
    },
  ],
};

async function listing(dir: string) {
  return {
    snapshots: (await readdir(join(dir, 'snapshots'))).sort(),
    history: await readFile(join(dir, 'history.jsonl'), 'utf8'),
  };
}

describe('writeSnapshot', () => {
  it('writes the snapshot folder and one history line, leaving no temporary folder', async () => {
    const dir = await archive();
    expect(await writeSnapshot(dir, T1, await files(emptyState()), derived)).toEqual({
      written: true,
      name: '2026-11-22T080000Z',
    });
    const { snapshots, history } = await listing(dir);
    expect(snapshots).toEqual(['2026-11-22T080000Z']);
    expect(JSON.parse(history)).toEqual({ at: T1, snapshot: '2026-11-22T080000Z', figures });
    // No snapshot before it, so nothing fixed: the file is its header alone.
    expect(await readFile(join(dir, 'snapshots', '2026-11-22T080000Z', 'fixes.csv'), 'utf8')).toBe(
      '\ufeffrecommendationId,deviceId,rbacGroupName,highestSeverity,firstSeen,fixedAt\r\n',
    );
    expect((await readdir(join(dir, 'snapshots', '2026-11-22T080000Z'))).sort()).toContain('manifest.json');
  });

  it('does nothing when the state is identical to the latest, even at a later time', async () => {
    const dir = await archive();
    await writeSnapshot(dir, T1, await files(emptyState()), derived);
    const before = await listing(dir);
    const outcome = await writeSnapshot(dir, T2, await files(emptyState(), T2), derived);
    expect(outcome).toEqual({ written: false, name: '2026-11-22T080000Z', reason: 'same-as-latest' });
    expect(await listing(dir)).toEqual(before);
  });

  it('never replaces a snapshot: same time and different content is refused', async () => {
    const dir = await archive();
    await writeSnapshot(dir, T1, await files(emptyState()), derived);
    const before = await listing(dir);
    const attempt = writeSnapshot(dir, T1, await files(other), derived);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(/already exists and has different content/);
    expect(await listing(dir)).toEqual(before);
    expect(await writeSnapshot(dir, T1, await files(emptyState()), derived)).toMatchObject({
      written: false,
      reason: 'same-as-existing',
    });
  });

  it('refuses a snapshot older than the latest', async () => {
    const dir = await archive();
    await writeSnapshot(dir, T2, await files(emptyState(), T2), derived);
    await expect(writeSnapshot(dir, T1, await files(other), derived)).rejects.toThrow(
      /older than the latest snapshot/,
    );
  });
});
