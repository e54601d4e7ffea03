import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activityId,
  encodeSnapshot,
  exposureFixes,
  fixesFileBytes,
  type Instant,
  type State,
} from '../../core/index.ts';
import { device, exposure, morningOf, stateWith, tracked } from '../../test/support/core/builders.ts';
import { fixesCacheIn } from './fixes-cache.ts';
import { readArchive } from './load-archive.ts';
import { checkSameSnapshots, readMetricsHistory } from './load-metrics.ts';
import { readReport } from './report.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const at = morningOf;
const progress = (fixed: number) =>
  tracked('a1', { progress: { kind: 'counts', targetDevices: 2, fixedDevices: fixed } });

/*
 * Three weekly snapshots, computed by hand (DefectDojo: critical 7 days, high 30):
 *   03-01  device 1 Critical (seen 02-25, due 03-04), device 2 High (seen 02-20, due 03-22) exposed
 *   03-08  device 1 fixed: late                        (fixes.csv recorded)
 *   03-15  device 2 fixed: on time                     (no fixes.csv: written before they were kept)
 */
const weeks: { label: string; at: Instant; state: State; recordFixes: boolean }[] = [
  { label: '2026-03-01T080000Z', at: at('2026-03-01'), recordFixes: true, state: stateWith({}) },
  { label: '2026-03-08T080000Z', at: at('2026-03-08'), recordFixes: true, state: stateWith({}) },
  { label: '2026-03-15T080000Z', at: at('2026-03-15'), recordFixes: false, state: stateWith({}) },
].map((w, i) => ({
  ...w,
  state: stateWith({
    devices: [device(1), device(2)],
    exposures: [
      ...(i < 1
        ? [exposure(1, undefined, { highestSeverity: 'Critical', firstSeen: at('2026-02-25') })]
        : []),
      ...(i < 2 ? [exposure(2, undefined, { highestSeverity: 'High', firstSeen: at('2026-02-20') })] : []),
    ],
    activities: [progress(i)],
  }),
}));

async function archive(settings: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-load-metrics-'));
  dirs.push(dir);
  let before = stateWith({});
  for (const w of weeks) {
    const folder = join(dir, 'snapshots', w.label);
    await mkdir(folder, { recursive: true });
    for (const [name, bytes] of await encodeSnapshot(w.state, { generatedAt: w.at, source: 'test' }))
      await writeFile(join(folder, name), bytes);
    if (w.recordFixes)
      await writeFile(join(folder, 'fixes.csv'), fixesFileBytes(exposureFixes(before, w.state, w.at)));
    before = w.state;
  }
  if (settings !== null) await writeFile(join(dir, 'remdesk.json'), settings);
  return dir;
}

describe('readMetricsHistory', () => {
  it('reads recorded fixes, derives those a snapshot lacks, and applies the archive’s SLA', async () => {
    const dir = await archive('{"sla": {"preset": "defectdojo"}}');
    const { settings } = await readMetricsHistory(dir);
    expect(settings.slaPreset).toBe('defectdojo');
    const { metrics, burnDowns } = await readReport(dir);
    expect(metrics.exposures.headline.compliance).toMatchObject({ closed: 2, onTime: 1, openPastDue: 0 });
    // 03-08 − 02-25 = 11 days; 03-15 − 02-20 = 23 days.
    expect(metrics.exposures.headline.timeToRemediate).toMatchObject({ count: 2, medianDays: 17 });
    expect(burnDowns.get(activityId('a1'))?.points.map((p) => [p.targeted, p.stillExposed])).toEqual([
      [2, 2],
      [2, 1],
      [2, 0],
    ]);
  });

  it('without remdesk.json there is no SLA: fixes count for time to remediate, not compliance', async () => {
    const dir = await archive(null);
    const { metrics } = await readReport(dir);
    expect(metrics.slaPreset).toBe('none');
    expect(metrics.exposures.headline.compliance).toMatchObject({
      closed: 0,
      share: null,
      closedWithoutSla: 2,
    });
    expect(metrics.exposures.headline.timeToRemediate.count).toBe(2);
  });

  it('a bad remdesk.json stops the report naming the file, line and field', async () => {
    const dir = await archive('{\n  "sla": {"preset": "dojo"}\n}\n');
    await expect(readMetricsHistory(dir)).rejects.toThrow(
      /remdesk\.json:2: \$\.sla\.preset: preset: expected one of/,
    );
  });

  it('a history read of other snapshots than the report read is refused: build again', async () => {
    const dir = await archive(null);
    const history = await readMetricsHistory(dir);
    const later = { label: '2026-03-22T080000Z', at: at('2026-03-22') };
    const archived = await readArchive(dir);
    expect(() => checkSameSnapshots(history, archived)).not.toThrow();
    expect(() =>
      checkSameSnapshots(history, { ...archived, snapshots: [...archived.snapshots, later] }),
    ).toThrow(
      /changed during the build \(the report read up to 2026-03-22T080000Z, the metrics up to 2026-03-15T080000Z\)/,
    );
  });

  it('with a cache, the second read takes the fixes from it and says the same', async () => {
    const dir = await archive('{"sla": {"preset": "defectdojo"}}');
    const cache = fixesCacheIn(join(dir, '.cache'));
    const read = await readMetricsHistory(dir);
    // The first read decodes every fixes.csv and keeps it; the second takes each from the cache.
    expect(await readMetricsHistory(dir, cache)).toEqual(read);
    expect(await readdir(join(dir, '.cache'))).toHaveLength(2);
    expect(await readMetricsHistory(dir, cache)).toEqual(read);
    // What the cache answers is what is read: a fixes.csv the cache answers for is not decoded.
    const week = join(dir, 'snapshots', '2026-03-08T080000Z', 'fixes.csv');
    const bytes = await readFile(week);
    const kept = await cache.get(bytes);
    expect(kept).toHaveLength(1);
    await cache.put(bytes, []);
    const fromCache = await readMetricsHistory(dir, cache);
    expect(fromCache.fixed.headline.compliance.closed).toBe(read.fixed.headline.compliance.closed - 1);
  });

  it('stops between snapshots once its build has failed', async () => {
    const dir = await archive(null);
    const stop = new AbortController();
    stop.abort();
    await expect(readMetricsHistory(dir, undefined, stop.signal)).rejects.toThrow(/abort/i);
  });
});
