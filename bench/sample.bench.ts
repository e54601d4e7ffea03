import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, mb, seconds } from './measure.ts';
import { runRemdesk } from './remdesk-process.ts';

const DEVICES = 100_000;
const WEEKS = 52;

/** `remdesk sample --devices 100000 --weeks 52`, the whole command, in its own process. */
export const sampleBench: Benchmark = {
  name: `remdesk sample --devices ${DEVICES.toLocaleString('en')} --weeks ${WEEKS}`,
  async run(report) {
    const dir = await mkdtemp(join(tmpdir(), 'remdesk-bench-sample-'));
    try {
      const out = join(dir, 'archive');
      const r = await runRemdesk([
        'sample',
        '--out',
        out,
        '--devices',
        String(DEVICES),
        '--weeks',
        String(WEEKS),
        '--json',
      ]);
      if (r.code !== 0) throw new Error(`remdesk sample failed (${r.code}): ${r.stderr}`);
      const { snapshots } = JSON.parse(r.stdout) as { snapshots: unknown[] };
      report(
        `${snapshots.length} snapshots in ${seconds(r.ms)} (${seconds(r.ms / snapshots.length)} a week)`,
      );
      report(`peak memory ${mb(r.peakBytes)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
