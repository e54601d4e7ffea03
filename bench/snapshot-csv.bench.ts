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

/**
 * papaparse alone, streaming the file with a step callback. `header: true` (the baseline) builds a
 * record per row, as the codec builds an Exposure; arrays only (what the codec asks papaparse for)
 * is the floor under both, printed for reference.
 */
function papaparseOnly(path: string, header: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = createReadStream(path, { encoding: 'utf8' });
    Papa.parse(stream as never, {
      header,
      step: () => {
        rows++;
      },
      // Without `header` the header line is a row too.
      complete: () => resolve(header ? rows : rows - 1),
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
async function codecKeepAll(path: string): Promise<number> {
  return (await readSnapshotTable(exposuresTable, createReadStream(path), 'exposures.csv')).length;
}

interface Run {
  readonly ms: number;
  /** CPU time of the process (all threads): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly heap: number;
  readonly rss: number;
}

/** Time one run and sample its peak heap and resident memory (every 20 ms). */
async function measured(f: () => Promise<number>): Promise<Run> {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 20);
  try {
    const { value, ms } = await timed(f);
    sample();
    if (value !== ROWS) throw new Error(`${value} rows, expected ${ROWS}`);
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, heap, rss };
  } finally {
    clearInterval(timer);
  }
}

const BASELINE = 'bare papaparse (header + step)';
const RUNS = {
  [BASELINE]: (path: string) => papaparseOnly(path, true),
  'papaparse arrays (reference)': (path: string) => papaparseOnly(path, false),
  'codec, streaming (rows dropped)': codecStream,
  'codec, keeping all rows': codecKeepAll,
} as const;

export const snapshotCsv: Benchmark = {
  name: `snapshot exposures.csv, ${ROWS.toLocaleString('en')} rows`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-'));
    try {
      const path = join(dir, 'exposures.csv');
      await generateExposuresCsv(path, ROWS);
      report(`generated ${mb((await stat(path)).size)} at ${path}`);
      // Best of three each, alternating, so no run gets a warmer (or less busy) machine.
      const best = new Map<string, Run>();
      for (let round = 0; round < 3; round++) {
        for (const [name, run] of Object.entries(RUNS)) {
          const m = await measured(() => run(path));
          const before = best.get(name);
          best.set(name, {
            ms: Math.min(m.ms, before?.ms ?? m.ms),
            cpuMs: Math.min(m.cpuMs, before?.cpuMs ?? m.cpuMs),
            heap: Math.max(m.heap, before?.heap ?? 0),
            rss: Math.max(m.rss, before?.rss ?? 0),
          });
        }
      }
      const floor = best.get(BASELINE);
      for (const [name, m] of best) {
        report(
          `${name.padEnd(32)} ${seconds(m.ms).padStart(8)} (ratio ${(m.ms / (floor?.ms ?? 0)).toFixed(2)}), ` +
            `CPU ${seconds(m.cpuMs).padStart(8)} (ratio ${(m.cpuMs / (floor?.cpuMs ?? 0)).toFixed(2)}), ` +
            `peak heap ${mb(m.heap).padStart(6)}, resident ${mb(m.rss).padStart(6)}`,
        );
      }
      report('goals: streaming ≤ 1.5, keeping all ≤ 1.6 × bare; peak memory well under 1 GB');
      report(`peak resident memory of the process (maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
