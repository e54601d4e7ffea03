import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { readSnapshotTable, streamSnapshotTable } from '../core/codecs/snapshot/decode.ts';
import { exposuresTable } from '../core/codecs/snapshot/exposures-table.ts';
import { generateExposuresCsv } from './generate.ts';
import { type Benchmark, mb, seconds, timed } from './measure.ts';

const ROWS = 1_000_000;

/** The floor: papaparse alone, streaming the file with a header row and a step callback. */
function bareParse(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = createReadStream(path, { encoding: 'utf8' });
    Papa.parse(stream as never, {
      header: true,
      step: () => {
        rows++;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });
}

/** The codec, streaming like the baseline: every cell parsed into an Exposure, duplicates refused. */
async function codecStream(path: string): Promise<number> {
  let rows = 0;
  await streamSnapshotTable(exposuresTable, createReadStream(path), 'exposures.csv', () => {
    rows++;
  });
  return rows;
}

/** The codec keeping every row, as `decodeSnapshotStreaming` does to build a State. */
async function codecCollect(path: string): Promise<number> {
  return (await readSnapshotTable(exposuresTable, createReadStream(path), 'exposures.csv')).length;
}

export const snapshotCsv: Benchmark = {
  name: `snapshot exposures.csv, ${ROWS.toLocaleString('en')} rows`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-'));
    try {
      const path = join(dir, 'exposures.csv');
      await generateExposuresCsv(path, ROWS);
      report(`generated ${mb((await stat(path)).size)} at ${path}`);
      // Best of two each, alternating, so neither run gets a warmer machine.
      const bare: number[] = [];
      const codec: number[] = [];
      for (let round = 0; round < 2; round++) {
        const b = await timed(() => bareParse(path));
        globalThis.gc?.();
        const c = await timed(() => codecStream(path));
        globalThis.gc?.();
        if (b.value !== ROWS || c.value !== ROWS)
          throw new Error(`row counts ${b.value} / ${c.value}, expected ${ROWS}`);
        bare.push(b.ms);
        codec.push(c.ms);
      }
      const collect = await timed(() => codecCollect(path));
      const best = (xs: number[]) => Math.min(...xs);
      const ratio = best(codec) / best(bare);
      report(`bare papaparse (header + step): ${seconds(best(bare))}`);
      report(`codec exposures decoder:        ${seconds(best(codec))}`);
      report(`ratio codec / bare:             ${ratio.toFixed(2)} (goal ≤ 1.5)`);
      report(
        `codec, keeping all rows:        ${seconds(collect.ms)} (ratio ${(collect.ms / best(bare)).toFixed(2)}; GC of 1M kept objects)`,
      );
      report(`peak resident memory (maxRSS):  ${mb(process.resourceUsage().maxRSS * 1024)} (goal ≤ 1 GB)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
