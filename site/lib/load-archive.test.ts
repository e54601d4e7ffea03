import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSnapshot, historyLineText, instant, type State, summarize } from '../../core/index.ts';
import { stateWith, tracked } from '../../test/support/core/builders.ts';
import { type HandedTables, readArchive } from './load-archive.ts';

const LABELS = ['2026-11-22T080000Z', '2026-11-29T080000Z'] as const;

/** An archive of two snapshots of `state`; the earlier one's devices.csv is garbage. */
async function twoSnapshots(state: State): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-load-archive-'));
  for (const label of LABELS) {
    const generatedAt = instant(`${label.slice(0, 13)}:00:00.000Z`);
    const files = await encodeSnapshot(state, { generatedAt, source: 'test' });
    const folder = join(dir, 'snapshots', label);
    await mkdir(folder, { recursive: true });
    for (const [name, bytes] of files) await writeFile(join(folder, name), bytes);
  }
  await writeFile(join(dir, 'snapshots', LABELS[0], 'devices.csv'), 'not, "a snapshot table');
  return dir;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('readArchive', () => {
  it('decodes the latest snapshot whole and only what diffStates compares of the one before', async () => {
    const state = stateWith({ activities: [tracked('act-1')] });
    const dir = await twoSnapshots(state);
    dirs.push(dir);
    const archive = await readArchive(dir);
    expect(archive.latest.label).toBe(LABELS[1]);
    expect(archive.latest.state.activities).toEqual(state.activities);
    expect(archive.latest.files).toContain('events.csv');
    expect(archive.previous?.label).toBe(LABELS[0]);
    expect(archive.previous?.at).toBe('2026-11-22T08:00:00.000Z');
    // The earlier snapshot's devices.csv is broken, and never read.
    expect(archive.previous?.state.activities).toEqual(state.activities);
    expect(Object.keys(archive.previous?.state ?? {}).sort()).toEqual([
      'activities',
      'events',
      'exceptions',
      'exposures',
      'tasks',
    ]);
  });

  it('takes the device tables handed over instead of decoding them, from the same snapshot only', async () => {
    const state = stateWith({ activities: [tracked('act-1')] });
    const dir = await twoSnapshots(state);
    dirs.push(dir);
    // Never read when handed over: the thread that hands them over has checked these files.
    for (const file of ['devices.csv', 'activity-devices.csv'])
      await writeFile(join(dir, 'snapshots', LABELS[1], file), 'not, "a snapshot table');
    const handed = (label: string): Promise<HandedTables> =>
      Promise.resolve({
        label,
        at: instant('2026-11-29T08:00:00.000Z'),
        state: { devices: state.devices, activityDevices: state.activityDevices },
      });
    const archive = await readArchive(dir, handed(LABELS[1]));
    expect(archive.latest.state).toEqual(state);
    expect(archive.latest.files).toContain('devices.csv');
    await expect(readArchive(dir, handed(LABELS[0]))).rejects.toThrow(
      /latest snapshot changed during the build \(2026-11-29T080000Z, then 2026-11-22T080000Z\)/,
    );
  });

  it('takes no stray folder for a snapshot: old/ sorts after the dated ones, and is passed over', async () => {
    const state = stateWith({ activities: [tracked('act-1')] });
    const dir = await twoSnapshots(state);
    dirs.push(dir);
    await mkdir(join(dir, 'snapshots', 'old'));
    await writeFile(join(dir, 'snapshots', 'old', 'manifest.json'), 'not a manifest');
    const archive = await readArchive(dir);
    expect(archive.latest.label).toBe(LABELS[1]);
    expect(archive.previous?.label).toBe(LABELS[0]);
  });

  it('orders snapshots by their moments: one a quarter second after another is the latest', async () => {
    const state = stateWith({ activities: [tracked('act-1')] });
    const dir = await twoSnapshots(state);
    dirs.push(dir);
    const later = '2026-11-29T080000.250Z';
    const files = await encodeSnapshot(state, {
      generatedAt: instant('2026-11-29T08:00:00.250Z'),
      source: 'test',
    });
    await mkdir(join(dir, 'snapshots', later));
    for (const [name, bytes] of files) await writeFile(join(dir, 'snapshots', later, name), bytes);
    const archive = await readArchive(dir);
    expect(archive.latest.label).toBe(later);
    expect(archive.previous?.label).toBe(LABELS[1]);
  });

  it('reads history.jsonl with every field checked, and refuses a damaged line naming it and its field', async () => {
    const state = stateWith({ activities: [tracked('act-1')] });
    const dir = await twoSnapshots(state);
    dirs.push(dir);
    const lines = LABELS.map((snapshot) => {
      const at = instant(`${snapshot.slice(0, 13)}:00:00.000Z`);
      return { at, snapshot, figures: summarize(state, at) };
    });
    await writeFile(join(dir, 'history.jsonl'), lines.map(historyLineText).join(''));
    expect((await readArchive(dir)).history).toEqual(lines);

    // The trend chart would draw the text "1" where a count goes.
    const damaged = lines.map(historyLineText).join('').replace('"total":1,', '"total":"1",');
    await writeFile(join(dir, 'history.jsonl'), damaged);
    await expect(readArchive(dir)).rejects.toThrow(
      /history\.jsonl:1: figures\.activities\.total: expected a whole number from 0, got string "1"/,
    );
  });
});
