import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import { writeSnapshot } from '../cli/archive/write.ts';
import { generateSample } from '../cli/sample/generate.ts';
import { vulnerabilityRows } from '../cli/sample/vendor-export.ts';
import { addDaysToInstant, encodeSnapshot, summarize } from '../core/index.ts';
import { type Benchmark, mb, seconds, timed } from './measure.ts';
import { runRemdesk } from './remdesk-process.ts';

const DEVICES = 100_000;
const RECORDS = 1_000_000;

/**
 * Writes the export "via files" for the archive's state: gzip-compressed, one JSON record per line,
 * exactly RECORDS rows spread over every exposure, with one exposure in five gone (fixed) so the
 * import has progress to reconcile.
 */
export async function writeExport(
  path: string,
  state: Parameters<typeof vulnerabilityRows>[0],
  seenAt: Parameters<typeof vulnerabilityRows>[1],
) {
  const kept = { devices: state.devices, exposures: state.exposures.filter((_, i) => i % 5 !== 0) };
  const base = Math.floor(RECORDS / kept.exposures.length);
  const extra = RECORDS - base * kept.exposures.length;
  const gzip = createGzip();
  const done = gzip.pipe(createWriteStream(path));
  let n = 0;
  let batch = '';
  for (const row of vulnerabilityRows(kept, seenAt, (_, i) => base + (i < extra ? 1 : 0))) {
    batch += `${JSON.stringify(row)}\n`;
    n++;
    if (batch.length > 1 << 20) {
      if (!gzip.write(batch)) await once(gzip, 'drain');
      batch = '';
    }
  }
  gzip.end(batch);
  await once(done, 'finish');
  return n;
}

/** The floor: gunzip the same file and JSON.parse every line, nothing else. */
async function bareParse(path: string): Promise<number> {
  let rows = 0;
  let rest = '';
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(path).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') JSON.parse(line) && rows++;
  }
  if (rest !== '') JSON.parse(rest) && rows++;
  return rows;
}

/** `remdesk import` of a via-files export of 1,000,000 records into an archive of 100,000 devices. */
export const importBench: Benchmark = {
  name: `remdesk import: a ${RECORDS.toLocaleString('en')}-record via-files export into an archive of ${DEVICES.toLocaleString('en')} devices`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-import-'));
    try {
      const archive = join(dir, 'archive');
      const [week] = generateSample({ devices: DEVICES, weeks: 1, seed: 1 });
      if (!week) throw new Error('no sample');
      await writeSnapshot(
        archive,
        week.at,
        await encodeSnapshot(week.state, { generatedAt: week.at, source: 'bench' }),
        { figures: summarize(week.state, week.at), fixes: [] },
      );
      // The via-files export as the vendor hands it: one part here, and the listing that names it.
      const file = join(dir, 'part-00000.json.gz');
      const seenAt = addDaysToInstant(week.at, 6);
      const records = await writeExport(file, week.state, seenAt);
      const listing = join(dir, 'SoftwareVulnerabilitiesExport.json');
      await writeFile(
        listing,
        JSON.stringify({
          exportFiles: ['https://storage.invalid/export/part-00000.json.gz?sig=x'],
          generatedTime: seenAt,
        }),
      );
      report(
        `archive: ${week.state.devices.length} devices, ${week.state.exposures.length} exposures, ${week.state.activityDevices.length} activity device rows`,
      );
      report(`export: ${records.toLocaleString('en')} records, ${mb((await stat(file)).size)} gzip`);

      const floor = await timed(() => bareParse(file));
      report(`gunzip + JSON.parse of every line (floor): ${seconds(floor.ms)}`);
      const r = await runRemdesk([
        'import',
        listing,
        file,
        '--data',
        archive,
        '--at',
        addDaysToInstant(week.at, 7),
      ]);
      if (r.code !== 0) throw new Error(`remdesk import failed (${r.code}): ${r.stderr}`);
      report(
        `remdesk import (whole command: read archive, parse, reconcile, write snapshot): ${seconds(r.ms)}`,
      );
      report(`ratio to the floor: ${(r.ms / floor.ms).toFixed(2)}× (goal ≤ 2×)`);
      report(`peak memory: ${mb(r.peakBytes)} (goal ≤ 1024 MB)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
