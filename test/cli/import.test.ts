import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readSnapshot } from '../../cli/archive/read.ts';
import { readSnapshotFiles } from '../../cli/archive/snapshot-files.ts';
import { vulnerabilityRows } from '../../cli/sample/vendor-export.ts';
import { instant, zipSnapshot } from '../../core/index.ts';
import { EXPOSURES_CONTEXT, listingOf, pagesOf } from '../fixtures/defender-api/paged.ts';
import { hashTree, latestSnapshotDir, remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

const recommendationsJson = JSON.stringify(
  {
    '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#Recommendations',
    value: [
      {
        id: 'va-_-microsoft-_-edge_chromium-based',
        productName: 'edge_chromium-based',
        recommendationName: 'Update Microsoft Edge Chromium-based to version 127.0.2651.74',
        weaknesses: 762,
        vendor: 'microsoft',
        recommendedVersion: '127.0.2651.74',
        recommendedVendor: '',
        recommendedProgram: '',
        recommendationCategory: 'Application',
        subCategory: '',
        severityScore: 0,
        publicExploit: true,
        activeAlert: false,
        associatedThreats: [],
        remediationType: 'Update',
        status: 'Active',
        configScoreImpact: 0,
        exposureImpact: 1.17,
        totalMachineCount: 261,
        exposedMachinesCount: 193,
        nonProductivityImpactedAssets: 0,
        relatedComponent: 'Edge Chromium-based',
      },
    ],
  },
  null,
  2,
);

let template: string;
beforeAll(async () => {
  template = await smallArchive('import-template');
}, 120_000);

/** A fresh copy of the small archive, and the inputs folder beside it. */
async function archive(): Promise<{ data: string; dir: string }> {
  const dir = await tempDir('import');
  const data = join(dir, 'archive');
  await cp(template, data, { recursive: true });
  return { data, dir };
}

/** Runs an import that must fail: exit 1, every expected text in stderr, the archive untouched. */
async function refused(data: string, args: readonly string[], ...expected: readonly string[]) {
  const before = await hashTree(data);
  const r = await remdesk(['import', ...args, '--data', data, '--at', '2026-12-06T08:00:00Z']);
  expect(r.code, r.stderr).toBe(1);
  for (const e of expected) expect(r.stderr).toContain(e);
  expect(r.stderr).toContain('nothing was written');
  expect(await hashTree(data)).toEqual(before);
  return r;
}

describe('remdesk import', () => {
  it('applies a vendor file, writes a snapshot and a history line; the same again is a no-op', async () => {
    const { data, dir } = await archive();
    const file = join(dir, 'recommendations.json');
    await writeFile(file, recommendationsJson);
    const r = await remdesk(['import', file, '--data', data, '--at', '2026-12-06T08:00:00Z', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshot: '2026-12-06T080000Z', written: true });
    const history = (await readFile(join(data, 'history.jsonl'), 'utf8')).trim().split('\n');
    expect(history).toHaveLength(3);
    expect(JSON.parse(history[2] ?? '{}')).toMatchObject({
      at: '2026-12-06T08:00:00.000Z',
      snapshot: '2026-12-06T080000Z',
    });
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    expect(
      state.recommendations.find((x) => x.id === 'va-_-microsoft-_-edge_chromium-based')?.recommendationName,
    ).toBe('Update Microsoft Edge Chromium-based to version 127.0.2651.74');

    // A second later nothing time-driven (expiry by day, retention) can have changed either.
    const before = await hashTree(data);
    const again = await remdesk(['import', file, '--data', data, '--at', '2026-12-06T08:00:01Z']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(await hashTree(data)).toEqual(before);
    expect((await remdesk(['validate', data])).code).toBe(0);
  });

  /** Half of the archive's exposures gone, as a via-files export in two parts and its listing. */
  async function viaFiles(dir: string, data: string) {
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    const kept = { devices: state.devices, exposures: state.exposures.filter((_, i) => i % 2 === 0) };
    const lines = [...vulnerabilityRows(kept, instant('2026-12-05T10:00:00Z'))].map((x) => JSON.stringify(x));
    const half = Math.floor(lines.length / 2);
    const parts = [join(dir, 'part-00000.json.gz'), join(dir, 'part-00001.json.gz')];
    await writeFile(parts[0] as string, gzipSync(`${lines.slice(0, half).join('\n')}\n`));
    await writeFile(parts[1] as string, gzipSync(`${lines.slice(half).join('\n')}\n`));
    const listing = join(dir, 'SoftwareVulnerabilitiesExport.json');
    await writeFile(listing, listingOf(['part-00000.json.gz', 'part-00001.json.gz'], '2026-12-05T10:00:00Z'));
    return { kept, parts, listing };
  }

  it('R-PROG-1: every part of a via-files export, with its listing, is read whole and moves activities on', async () => {
    const { data, dir } = await archive();
    const { kept, parts, listing } = await viaFiles(dir, data);
    const r = await remdesk([
      'import',
      parts[1] ?? '',
      listing,
      parts[0] ?? '',
      '--data',
      data,
      '--at',
      '2026-12-06T08:00:00Z',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // Every record of every part is read: the new picture holds every exposure kept, not the first.
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    expect(state.exposures).toHaveLength(kept.exposures.length);
    const d = JSON.parse((await remdesk(['diff', '--data', data, '--json'])).stdout);
    expect(d.activities.progress.length).toBeGreaterThan(0);
    expect(d.exposures.some((e: { fixed: { count: number } }) => e.fixed.count > 0)).toBe(true);
  });

  it('R-DONE-1: some parts of a via-files export are refused; with --partial they fix nothing', async () => {
    const { data, dir } = await archive();
    const { parts, listing } = await viaFiles(dir, data);
    await refused(data, [listing, parts[0] ?? ''], '1 of 2 parts missing: part-00001.json.gz', '--partial');
    const r = await remdesk([
      'import',
      listing,
      parts[0] ?? '',
      '--partial',
      '--data',
      data,
      '--at',
      '2026-12-06T08:00:00Z',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/merged as seen exposed, fixing nothing/);
    // Nothing fixed or completed at the import's time (retention may still remove old activities).
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    const at = '2026-12-06T08:00:00.000Z';
    expect(state.activityDevices.filter((x) => x.state === 'fixed' && x.changedOn === at)).toEqual([]);
    expect(
      state.activities.filter((a) => a.status === 'Completed' && a.completion.completedOn === at),
    ).toEqual([]);
  });

  it('R-DONE-1: a part that does not decompress whole (truncated, bad trailer) is refused', async () => {
    const { data, dir } = await archive();
    const { parts, listing } = await viaFiles(dir, data);
    const part = parts[0] as string;
    const bytes = await readFile(part);
    await writeFile(part, bytes.subarray(0, bytes.length >> 1));
    await refused(data, [listing, ...parts], part, 'the file is cut short');
    const crc = Buffer.from(bytes);
    crc[crc.length - 6] = (crc[crc.length - 6] ?? 0) ^ 0xff;
    await writeFile(part, crc);
    await refused(data, [listing, ...parts], part, 'its CRC-32 check failed');
  });

  it('R-DONE-1: pages of a paged export saved as files are refused, all of them too; --partial fixes nothing', async () => {
    const { data, dir } = await archive();
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    const rows = [...vulnerabilityRows(state, instant('2026-12-05T10:00:00Z'))];
    const pages = pagesOf(EXPOSURES_CONTEXT, rows.slice(0, rows.length / 2), Math.ceil(rows.length / 6));
    const files = pages.map((_, i) => join(dir, `page${i + 1}.json`));
    for (const [i, f] of files.entries()) await writeFile(f, pages[i] ?? '');
    await refused(data, [files[0] ?? ''], 'its last page', '--partial');
    await refused(data, [...files].reverse(), 'pages saved as files cannot be shown to be every page');
    const r = await remdesk([
      'import',
      ...files,
      '--partial',
      '--data',
      data,
      '--at',
      '2026-12-06T08:00:00Z',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const after = await readSnapshot(await latestSnapshotDir(data));
    const at = '2026-12-06T08:00:00.000Z';
    expect(after.state.activityDevices.filter((x) => x.state === 'fixed' && x.changedOn === at)).toEqual([]);
  });

  it("the vendor's published delta example imports into a fresh archive with --partial, fixing nothing; into the sample archive it is too old (R-DONE-1)", async () => {
    const { data, dir } = await archive();
    const delta = fileURLToPath(
      new URL('../fixtures/defender-api/export_SoftwareVulnerabilityChanges.delta.json', import.meta.url),
    );
    await refused(data, [delta], 'cannot be shown to be every page');
    // Generated in 2021: the sample archive has seen exposures since, which it would contradict.
    await refused(
      data,
      [delta, '--partial'],
      'generatedTime: the export was generated at 2021-',
      'older than what the archive holds',
    );
    const fresh = join(dir, 'fresh');
    const r = await remdesk(['import', delta, '--partial', '--data', fresh, '--at', '2026-12-06T08:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/merged as seen exposed, fixing nothing/);
  });

  describe("the vendor's published samples (a copy of shared/samples/defender-api)", () => {
    // The export page was generated in 2020: into the sample archive, which has seen exposures
    // since, it is refused as too old (R-DONE-1), so it goes into a fresh archive only.
    const SAMPLES: readonly [string, readonly string[], boolean][] = [
      ['recommendations_list.latest.verbatim.json', [], true],
      ['remediationTasks_list.verbatim.json', [], true],
      // One page with a next page: part of an export, imported only as such.
      ['export_SoftwareVulnerabilitiesByMachine.clean.json', ['--partial'], false],
    ];
    for (const [name, flags, intoSample] of SAMPLES) {
      it(`${name} imports into a fresh archive${intoSample ? ' and into the sample archive' : ''}${flags.length ? ` (${flags.join(' ')})` : ''}`, async () => {
        const file = fileURLToPath(new URL(`../fixtures/defender-api/${name}`, import.meta.url));
        const { data, dir } = await archive();
        for (const target of intoSample ? [join(dir, 'fresh'), data] : [join(dir, 'fresh')]) {
          const r = await remdesk([
            'import',
            file,
            ...flags,
            '--data',
            target,
            '--at',
            '2026-12-06T08:00:00Z',
          ]);
          expect(r.code, r.stderr).toBe(0);
          expect((await remdesk(['validate', target])).code).toBe(0);
        }
      });
    }
  });

  it('R-MERGE-1: a snapshot zip exported by the extension joins an archive with data as its admin changes', async () => {
    const { data, dir } = await archive();
    const first = join(data, 'snapshots', '2026-11-22T080000Z');
    const zip = join(dir, 'from-extension.zip');
    await writeFile(zip, zipSnapshot(await readSnapshotFiles(first)));
    const r = await remdesk(['import', zip, '--data', data, '--at', '2026-12-06T08:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("joins data as the admins' changes");
  });

  describe('bad input: a clear message naming file, line and field; the archive unchanged', () => {
    it('truncated JSON', async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'truncated.json');
      await writeFile(file, recommendationsJson.slice(0, 400));
      await refused(data, [file], `${file}:`);
    });

    it('machine references --for an activity the archive does not have', async () => {
      const { data } = await archive();
      const refs = fileURLToPath(
        new URL('../fixtures/defender-api/machineReferences_list.json', import.meta.url),
      );
      await refused(data, [refs, '--for', 'activity:doesnotexist'], '--for', 'no activity doesnotexist');
    });

    it("trailing commas (the vendor's own invalid examples)", async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'trailing.json');
      await writeFile(
        file,
        recommendationsJson.replace(
          '"relatedComponent": "Edge Chromium-based"',
          '"relatedComponent": "Edge Chromium-based",',
        ),
      );
      const r = await refused(data, [file], `${file}:`);
      expect(r.stderr).toMatch(/:\d+:/);
    });

    it('a UTF-16 file', async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'utf16.json');
      await writeFile(
        file,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(recommendationsJson, 'utf16le')]),
      );
      await refused(data, [file], `${file}:1:`, 'UTF-16');
    });

    it('invalid UTF-8', async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'latin1.json');
      await writeFile(
        file,
        Buffer.from(recommendationsJson.replace('Edge Chromium-based"', 'Edge Chromium-based é"'), 'latin1'),
      );
      await refused(data, [file], `${file}:`, 'invalid UTF-8');
    });

    it('a snapshot whose checksum does not match its manifest', async () => {
      const { data, dir } = await archive();
      const snap = join(dir, 'tampered');
      await cp(await latestSnapshotDir(data), snap, { recursive: true });
      const csv = join(snap, 'devices.csv');
      await writeFile(csv, `${await readFile(csv, 'utf8')} `);
      await refused(data, [snap], 'devices.csv', 'sha256');
    });

    it.each([
      ['a missing column', (l: string) => l.slice(0, l.lastIndexOf(','))],
      ['an extra column', (l: string, i: number) => `${l},${i === 0 ? 'surprise' : 'x'}`],
    ])('a CSV with %s', async (_, edit) => {
      const { data, dir } = await archive();
      const snap = join(dir, 'edited');
      await cp(await latestSnapshotDir(data), snap, { recursive: true });
      const csv = join(snap, 'exposures.csv');
      const lines = (await readFile(csv, 'utf8')).split('\r\n');
      const edited = lines.map((l, i) => (l === '' ? l : edit(l, i))).join('\r\n');
      await writeFile(csv, edited);
      // Re-sign the manifest so the column check, not the checksum, is what fails.
      const manifest = JSON.parse(await readFile(join(snap, 'manifest.json'), 'utf8'));
      const { createHash } = await import('node:crypto');
      manifest.files['exposures.csv'].sha256 = createHash('sha256').update(edited).digest('hex');
      await writeFile(join(snap, 'manifest.json'), JSON.stringify(manifest, null, 2));
      await refused(data, [snap], 'exposures.csv:1:');
    });

    it('two snapshots with the same time and different content', async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'recommendations.json');
      await writeFile(file, recommendationsJson);
      const before = await hashTree(data);
      const r = await remdesk(['import', file, '--data', data, '--at', '2026-11-29T08:00:00Z']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('2026-11-29T080000Z');
      expect(r.stderr).toContain('already exists and has different content');
      expect(await hashTree(data)).toEqual(before);
    });

    it('one bad file among good ones: nothing is written', async () => {
      const { data, dir } = await archive();
      const good = join(dir, 'good.json');
      const bad = join(dir, 'bad.json');
      await writeFile(good, recommendationsJson);
      await writeFile(bad, '{"value": [');
      await refused(data, [good, bad], `${bad}:`);
    });

    it('a time older than the latest snapshot', async () => {
      const { data, dir } = await archive();
      const file = join(dir, 'recommendations.json');
      await writeFile(file, recommendationsJson);
      const before = await hashTree(data);
      const r = await remdesk(['import', file, '--data', data, '--at', '2020-01-01T00:00:00Z']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('older than the latest snapshot');
      expect(await hashTree(data)).toEqual(before);
    });
  });

  it('usage errors exit 2', async () => {
    const { data } = await archive();
    expect((await remdesk(['import', '--data', data])).code).toBe(2);
    expect((await remdesk(['import', 'x.json'])).code).toBe(2);
    expect((await remdesk(['import', 'x.json', '--data', data, '--for', 'device:1'])).code).toBe(2);
    expect((await remdesk(['import', 'x.json', '--data', data, '--at', 'yesterday'])).code).toBe(2);
  });

  it('a file that does not exist is invalid input (exit 1)', async () => {
    const { data, dir } = await archive();
    await rm(join(dir, 'nope.json'), { force: true });
    await refused(data, [join(dir, 'nope.json')], 'no such file');
  });
});
