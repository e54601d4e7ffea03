/**
 * `npm run bench`: runs every benchmark listed here in turn. To add one, write a `*.bench.ts`
 * exporting a Benchmark (measure.ts) and list it below; each prints its own figures beside a
 * baseline measured in the same run.
 */
import type { Benchmark } from './measure.ts';
import { snapshotCsv } from './snapshot-csv.bench.ts';

const BENCHMARKS: readonly Benchmark[] = [snapshotCsv];

for (const b of BENCHMARKS) {
  console.log(`\n${b.name}`);
  await b.run((line) => console.log(`  ${line}`));
}
