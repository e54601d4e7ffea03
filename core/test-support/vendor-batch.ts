import type { VendorParseOptions } from '../codecs/vendor/detect.ts';
import type { ParsedVendorBatch } from '../codecs/vendor/export-rows.ts';
import { VendorImport } from '../codecs/vendor/vendor-import.ts';

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
