import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { exposuresTable } from '../core/codecs/snapshot/exposures-table.ts';
import { CRLF, csvLine } from '../core/index.ts';

const SEVERITIES = ['Low', 'Medium', 'High', 'Critical', ''] as const;

/**
 * Write a snapshot-format exposures.csv of `rows` rows, deterministic (same rows every run) and in
 * canonical order, streamed to disk a batch at a time rather than built as one string.
 */
export async function generateExposuresCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const devicesPerRecommendation = 5_000;
  let batch = `\ufeff${exposuresTable.columns.join(',')}${CRLF}`;
  for (let i = 0; i < rows; i++) {
    const rec = Math.floor(i / devicesPerRecommendation);
    const dev = i % devicesPerRecommendation;
    const day = String(1 + (i % 28)).padStart(2, '0');
    batch += csvLine([
      `va-_-vendor${String(rec).padStart(4, '0')}-_-product-${rec}`,
      // Sorted within a recommendation (canonical order): the counter leads, a pseudo-hash follows.
      dev.toString(16).padStart(8, '0') + ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4),
      String(i % 17),
      SEVERITIES[i % SEVERITIES.length] ?? '',
      i % 11 === 0 ? '' : `2024-05-${day}T0${i % 10}:00:00.000Z`,
      `2024-06-${day}T1${i % 10}:30:15.250Z`,
    ]);
    if (batch.length > 1 << 20 || i === rows - 1) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end();
  await once(out, 'finish');
}
