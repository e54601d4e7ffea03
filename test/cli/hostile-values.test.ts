/**
 * Hostile values through the real command (issue 15): counts past LIMITS.maxCount, moments outside
 * [LIMITS.earliestInstant, LIMITS.latestInstant), fixed devices above target devices (R-PROG-1),
 * JSON nested past LIMITS.maxJsonDepth, zip bombs. A handful of generated cases per class: exit 1,
 * stderr naming the file and the line or field, no stack trace, the archive byte-identical. Values
 * at the bounds are accepted, validate accepts the result, and the same import again is a no-op.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readSnapshotFiles } from '../../cli/archive/snapshot-files.ts';
import { decodeSnapshot, encodeSnapshot, instant, LIMITS, zipSnapshot } from '../../core/index.ts';
import { activitiesFileText, vendorActivityRecord } from '../support/core/vendor-files.ts';
import { hashTree, latestSnapshotDir, remdesk, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 60_000 });

const AT = '2026-12-06T08:00:00Z';
const SEED = 15;

let template: string;
beforeAll(async () => {
  template = await tempDir('hostile-template');
  const r = await remdesk(['sample', '--out', template, '--devices', '50', '--weeks', '2']);
  if (r.code !== 0) throw new Error(`sample failed: ${r.stderr}`);
}, 120_000);

async function archive(): Promise<{ data: string; dir: string }> {
  const dir = await tempDir('hostile');
  const data = join(dir, 'archive');
  await cp(template, data, { recursive: true });
  return { data, dir };
}

/** One remediation activity as the vendor's API lists it. */
const ACTIVITY = vendorActivityRecord('2026-11-01', { id: 'hostile-1', dueOn: '2026-12-31' });

/** A RemediationTasks file of one activity; `raw` fields are written as given, as JSON text (`-0`). */
async function activitiesFile(dir: string, name: string, over: object, raw: Record<string, string> = {}) {
  const json = activitiesFileText({ ...ACTIVITY, ...over }, raw);
  const file = join(dir, name);
  await writeFile(file, json);
  return file;
}

/** An import that must be refused: exit 1, each expected text in stderr, no stack trace, nothing written. */
async function refused(data: string, file: string, ...expected: readonly (string | RegExp)[]) {
  const before = await hashTree(data);
  const r = await remdesk(['import', file, '--data', data, '--at', AT]);
  expect(r.code, r.stderr).toBe(1);
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stderr).not.toContain('RangeError');
  expect(await hashTree(data)).toEqual(before);
}

describe('remdesk import refuses hostile values, naming file and field, and writes nothing', () => {
  it('counts past maxCount, past 2^53, negative, -0, fractional', async () => {
    const { data, dir } = await archive();
    const counts = fc.sample(
      fc.oneof(
        fc.constantFrom('9007199254740993', '1e300', '-0', '1.5'),
        fc.integer({ min: LIMITS.maxCount + 1 }).map(String),
      ),
      { seed: SEED, numRuns: 5 },
    );
    for (const [i, n] of counts.entries()) {
      const file = await activitiesFile(dir, `counts-${i}.json`, {}, { targetDevices: n });
      await refused(data, file, `${file}:4:`, 'targetDevices', `from 0 to ${LIMITS.maxCount}`);
    }
  });

  it('moments and days outside [earliestInstant, latestInstant)', async () => {
    const { data, dir } = await archive();
    const cases = fc.sample(
      fc.record({
        field: fc.constantFrom('createdOn', 'statusLastModifiedOn', 'dueOn'),
        at: fc.constantFrom(
          '9999-12-31T23:59:59+14:00',
          '0001-01-01',
          '+010000-01-01T00:00:00Z',
          '2200-01-01T00:00:00Z',
          '1969-12-31T23:59:59Z',
        ),
      }),
      { seed: SEED, numRuns: 4 },
    );
    for (const [i, { field, at }] of cases.entries()) {
      const file = await activitiesFile(dir, `times-${i}.json`, { [field]: at });
      await refused(data, file, `${file}:4:`, field);
    }
  });

  it('R-PROG-1: fixed devices above target devices, in a vendor file', async () => {
    const { data, dir } = await archive();
    const cases = fc.sample(
      fc.record({ target: fc.nat({ max: 100_000 }), more: fc.integer({ min: 1, max: 1000 }) }),
      { seed: SEED, numRuns: 2 },
    );
    for (const [i, { target, more }] of cases.entries()) {
      const file = await activitiesFile(dir, `fixed-${i}.json`, {
        targetDevices: target,
        fixedDevices: target + more,
      });
      await refused(data, file, `${file}:4:`, 'fixedDevices: R-PROG-1');
    }
  });

  it('R-PROG-1: in a snapshot whose checksums were rewritten to match: validate and import refuse it', async () => {
    const { data, dir } = await archive();
    const snap = await latestSnapshotDir(data);
    const { state, manifest } = await decodeSnapshot(await readSnapshotFiles(snap), 'snap');
    const index = state.activities.findIndex((a) => a.type !== 'AttentionRequired');
    const activities = state.activities.map((a, i) =>
      i === index && a.type !== 'AttentionRequired'
        ? { ...a, progress: { ...a.progress, fixedDevices: a.progress.targetDevices + 1 } }
        : a,
    );
    const files = await encodeSnapshot({ ...state, activities }, manifest);
    // The zip first, into an untouched archive: refused as it is read.
    const zip = join(dir, 'edited.zip');
    await writeFile(zip, zipSnapshot(files));
    await refused(data, zip, /edited\.zip\/activities\.csv:\d+: fixedDevices: R-PROG-1/);
    // Then the archive's own latest snapshot, edited in place: validate names it.
    for (const [name, bytes] of files) await writeFile(join(snap, name), bytes);
    const validated = await remdesk(['validate', data]);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toMatch(/activities\.csv:\d+: fixedDevices: R-PROG-1/);
    expect(validated.stdout + validated.stderr).not.toMatch(/^ {4}at /m);
  });

  it('JSON nested 100,000 levels deep, closed or not', async () => {
    const { data, dir } = await archive();
    const texts = {
      'arrays.json': '['.repeat(100_000),
      'objects.json': `\n${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
    };
    for (const [name, text] of Object.entries(texts)) {
      const file = join(dir, name);
      await writeFile(file, text);
      await refused(data, file, `${file}:${name === 'arrays.json' ? 1 : 2}:`, 'JSON nested too deep');
    }
  });

  it('a zip bomb: an entry declaring gigabytes, and a zip of 100,000 entries', async () => {
    const { data, dir } = await archive();
    const bomb = zipSync({ 'exposures.csv': new Uint8Array(1000) });
    const view = new DataView(bomb.buffer);
    const central = bomb.findLastIndex(
      (_, i) => i + 4 <= bomb.length && view.getUint32(i, true) === 0x02014b50,
    );
    view.setUint32(central + 24, 0xffff_fff0, true);
    const bombFile = join(dir, 'bomb.zip');
    await writeFile(bombFile, bomb);
    await refused(data, bombFile, 'bomb.zip', 'exposures.csv', 'MiB');

    const tiny: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100_000; i++) tiny[`f${i}.csv`] = new Uint8Array(0);
    const tinyFile = join(dir, 'tiny.zip');
    await writeFile(tinyFile, zipSync(tiny, { level: 0 }));
    await refused(data, tinyFile, 'tiny.zip', `more than ${LIMITS.maxZipEntries} entries`);
  });
});

describe('values at the bounds are kept', () => {
  it('maxCount and the last moment and day: imported, validated, and the same import again is a no-op', async () => {
    const { data, dir } = await archive();
    const last = '2199-12-31T23:59:59.999Z';
    const file = await activitiesFile(dir, 'edges.json', {
      targetDevices: LIMITS.maxCount,
      fixedDevices: LIMITS.maxCount,
      createdOn: '1970-01-01T00:00:00Z',
      statusLastModifiedOn: '2200-01-01T00:59:59.999+01:00',
      dueOn: '2199-12-31',
    });
    const r = await remdesk(['import', file, '--data', data, '--at', AT, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: true });
    const activities = await readFile(join(await latestSnapshotDir(data), 'activities.csv'), 'utf8');
    expect(activities).toContain(last);
    expect(activities).toContain(String(LIMITS.maxCount));
    expect(instant(last)).toBe(last);

    const validated = await remdesk(['validate', data]);
    expect(validated.code, validated.stdout).toBe(0);
    const before = await hashTree(data);
    const again = await remdesk(['import', file, '--data', data, '--at', AT]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(await hashTree(data)).toEqual(before);
  });
});
