import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hashTree, latestSnapshotDir, remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 180_000 });

let data: string;
beforeAll(async () => {
  data = await smallArchive('report');
}, 120_000);

const manifestOf = async (snapshot: string) =>
  JSON.parse(await readFile(join(snapshot, 'manifest.json'), 'utf8')) as {
    files: Record<string, { rows: number }>;
  };

describe('remdesk report', () => {
  it('writes every page, device list, CSV and the snapshot itself, and replaces an earlier build', async () => {
    const out = join(await tempDir('report-out'), 'site');
    const r = await remdesk(['report', '--data', data, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/site: \d+ files built from .* \(base \/\)/);
    // Readable by a web server running as another user, as a folder made by mkdir.
    expect((await stat(out)).mode & 0o777).toBe(0o755);
    const latest = await latestSnapshotDir(data);
    for (const page of [
      'index.html',
      '404.html',
      'index.json',
      'en/index.html',
      'zh-cn/exceptions/index.html',
    ])
      expect((await readdir(join(out, dirname(page)))).includes(page.split('/').pop() ?? '')).toBe(true);
    // One device CSV per activity, rendered by the device-list threads.
    const activities = (await manifestOf(latest)).files['activities.csv']?.rows;
    expect((await readdir(join(out, 'csv', 'activities'))).length).toBe(activities);
    // The snapshot's own files, byte for byte; the compiled scripts and styles beside the pages.
    expect(await readFile(join(out, 'snapshot', 'manifest.json'))).toEqual(
      await readFile(join(latest, 'manifest.json')),
    );
    expect((await readdir(join(out, '_astro'))).some((f) => f.endsWith('.css'))).toBe(true);
    expect((await readdir(join(out, '_remdesk'))).filter((f) => f.endsWith('.js')).length).toBe(3);

    await writeFile(join(out, 'left-over.txt'), 'from before');
    const again = await remdesk(['report', '--data', data, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(await readdir(out)).not.toContain('left-over.txt');
    expect(await readdir(dirname(out))).toEqual(['site']);
  });

  // Each file is decoded by one thread alone: events.csv by the one rendering the overview and
  // activity pages, activity-devices.csv by a device-list thread, which hands it to the other.
  it.each(['events.csv', 'activity-devices.csv'])(
    'reports a bad %s as core words it and leaves the earlier site as it was',
    async (file) => {
      const out = join(await tempDir('report-bad'), 'site');
      expect((await remdesk(['report', '--data', data, '--out', out])).code).toBe(0);
      const before = await hashTree(out);
      const broken = join(await tempDir('report-broken'), 'archive');
      await cp(data, broken, { recursive: true });
      const tampered = join(await latestSnapshotDir(broken), file);
      await writeFile(tampered, `${await readFile(tampered, 'utf8')}tampered`);
      const r = await remdesk(['report', '--data', broken, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file}:-: sha256: checksum `);
      expect(r.stderr).toMatch(/differs from manifest\.json's/);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(await hashTree(out)).toEqual(before);
      expect(await readdir(dirname(out))).toEqual(['site']);
    },
  );

  it('refuses to replace a folder that is not a report site', async () => {
    const out = await tempDir('report-other');
    await writeFile(join(out, 'notes.txt'), 'mine');
    const r = await remdesk(['report', '--data', data, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no report site/);
    expect(await readdir(out)).toEqual(['notes.txt']);
  });
});
