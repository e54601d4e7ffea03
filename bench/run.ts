/**
 * `npm run bench`: runs every benchmark listed here in turn. To add one, write a `*.bench.ts`
 * exporting a Benchmark (measure.ts) and list it below; each prints its own figures beside a
 * baseline measured in the same run. Words on the command line pick benchmarks by name.
 */

import { bundleMergeBench } from './bundle-merge.bench.ts';
import { extensionBench } from './extension.bench.ts';
import { importBench } from './import.bench.ts';
import type { Benchmark } from './measure.ts';
import { pullBench } from './pull.bench.ts';
import { sampleBench } from './sample.bench.ts';
import { siteBench } from './site.bench.ts';
import { snapshotCsv } from './snapshot-csv.bench.ts';
import { vendorExport } from './vendor-export.bench.ts';

const BENCHMARKS: readonly Benchmark[] = [
  snapshotCsv,
  vendorExport,
  importBench,
  pullBench,
  bundleMergeBench,
  sampleBench,
  siteBench,
  extensionBench,
];

// `npm run bench -- import site` runs only the benchmarks whose names contain one of the words.
const only = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = only.length
  ? BENCHMARKS.filter((b) => only.some((w) => b.name.toLowerCase().includes(w)))
  : BENCHMARKS;

for (const b of chosen) {
  console.log(`\n${b.name}`);
  await b.run((line) => console.log(`  ${line}`));
}
