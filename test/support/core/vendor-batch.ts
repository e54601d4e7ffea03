import type { VendorParseOptions } from '../../../core/codecs/vendor/detect.ts';
import {
  accumulateLines,
  type ParsedVendorBatch,
  type RowAccumulator,
} from '../../../core/codecs/vendor/export-rows.ts';
import type { JsonRecord } from '../../../core/codecs/vendor/fields.ts';
import { VendorImport } from '../../../core/codecs/vendor/vendor-import.ts';
import { createVulnerabilityAccumulator } from '../../../core/codecs/vendor/vulnerabilities.ts';
import { createVulnerabilityDeltaAccumulator } from '../../../core/codecs/vendor/vulnerabilities-delta.ts';
import type { Instant } from '../../../core/model/time.ts';

/** One vendor JSON file through the real import path, as its one batch (`partial` as `--partial`). */
export function vendorBatch(
  text: string,
  file: string,
  opts: VendorParseOptions & { readonly partial?: boolean } = {},
): ParsedVendorBatch {
  const vendor = new VendorImport(opts);
  vendor.addJson(text, file);
  const { entries } = vendor.finish(opts.partial ?? false);
  const [entry] = entries;
  if (!entry || entries.length > 1) throw new Error(`expected one batch, got ${entries.length}`);
  return entry.batch;
}

/** Records already split from a JSON envelope, through an accumulator, as one whole export. */
function accumulateRecords(acc: RowAccumulator, records: readonly JsonRecord[], observedAt?: Instant) {
  for (const r of records) acc.add(r.value, r.line, r.path);
  return acc.finish(observedAt);
}

/** The full export's codec alone, on records or on lines, as if they were a whole export. */
export const parseVulnerabilities = (records: readonly JsonRecord[], file: string, observedAt?: Instant) =>
  accumulateRecords(createVulnerabilityAccumulator(file), records, observedAt);
export const parseVulnerabilityLines = (
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
  observedAt?: Instant,
) => accumulateLines(createVulnerabilityAccumulator(file), lines, file, observedAt);

/** The delta export's codec alone, likewise. */
export const parseVulnerabilityDelta = (records: readonly JsonRecord[], file: string, observedAt?: Instant) =>
  accumulateRecords(createVulnerabilityDeltaAccumulator(file), records, observedAt);
export const parseVulnerabilityDeltaLines = (lines: Iterable<string> | AsyncIterable<string>, file: string) =>
  accumulateLines(createVulnerabilityDeltaAccumulator(file), lines, file);
