import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exposuresTable } from '../core/codecs/snapshot/exposures-table.ts';
import { CRLF, csvLine } from '../core/index.ts';

const SEVERITIES = ['Low', 'Medium', 'High', 'Critical', ''] as const;

/**
 * Write a snapshot-format exposures.csv of `rows` rows, deterministic (same rows every run) and in
 * canonical order (device, then recommendation), streamed to disk a batch at a time rather than
 * built as one string. Shaped like a real archive: ten recommendations per device out of 400, so
 * 1,000,000 rows are 100,000 devices; times repeat per device scan.
 */
export async function generateExposuresCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const perDevice = 10;
  let batch = `\ufeff${exposuresTable.columns.join(',')}${CRLF}`;
  for (let i = 0; i < rows; i++) {
    const dev = Math.floor(i / perDevice);
    // Ten distinct recommendations per device (37 is coprime with 400), listed in id order.
    const recs = Array.from({ length: perDevice }, (_, k) => (dev * 7 + k * 37) % 400).sort((a, b) => a - b);
    const rec = recs[i % perDevice] ?? 0;
    const day = String(1 + (dev % 28)).padStart(2, '0');
    batch += csvLine([
      `va-_-vendor${String(rec).padStart(4, '0')}-_-product-${rec}`,
      // The counter leads (canonical order), a pseudo-hash follows.
      dev.toString(16).padStart(8, '0') + ((dev * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4),
      String(i % 17),
      SEVERITIES[i % SEVERITIES.length] ?? '',
      i % 11 === 0 ? '' : `2024-05-${day}T0${dev % 10}:00:00.000Z`,
      `2024-06-${day}T1${dev % 10}:30:15.250Z`,
    ]);
    if (batch.length > 1 << 20 || i === rows - 1) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end();
  await once(out, 'finish');
}
