import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyState, instant } from '../../core/index.ts';
import { type FolderDecoder, loadArchive, preloadArchive, releaseArchive } from './load-archive.ts';

/** An archive folder with two empty snapshot folders; the decoder below stands in for core's. */
async function twoSnapshots(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-load-archive-'));
  for (const label of ['2026-11-22T080000Z', '2026-11-29T080000Z'])
    await mkdir(join(dir, 'snapshots', label), { recursive: true });
  return dir;
}

function countingDecoder(): { decode: FolderDecoder; folders: string[] } {
  const folders: string[] = [];
  const decode: FolderDecoder = async (folder) => {
    folders.push(basename(folder));
    return { at: instant('2026-11-29T08:00:00.000Z'), state: emptyState(), files: new Map() };
  };
  return { decode, folders };
}

const dirs: string[] = [];
afterEach(async () => {
  releaseArchive();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadArchive', () => {
  it('gives every page the archive the build preloaded, decoding each snapshot once', async () => {
    const dir = await twoSnapshots();
    dirs.push(dir);
    const { decode, folders } = countingDecoder();
    const preloaded = preloadArchive(dir, decode);
    expect(loadArchive(dir)).toBe(preloaded);
    expect(loadArchive(dir)).toBe(preloaded);
    const archive = await preloaded;
    expect(archive.latest.label).toBe('2026-11-29T080000Z');
    expect(archive.previous?.label).toBe('2026-11-22T080000Z');
    expect(folders.sort()).toEqual(['2026-11-22T080000Z', '2026-11-29T080000Z']);
  });

  it('reads again after the build released it, or for another folder', async () => {
    const dir = await twoSnapshots();
    const other = await twoSnapshots();
    dirs.push(dir, other);
    const first = preloadArchive(dir, countingDecoder().decode);
    expect(loadArchive(other)).not.toBe(first);
    releaseArchive();
    const again = preloadArchive(dir, countingDecoder().decode);
    releaseArchive();
    expect(loadArchive(dir)).not.toBe(again);
    await Promise.allSettled([first, again, loadArchive(dir)]);
  });
});
