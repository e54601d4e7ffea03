import type { ExposureChange } from '../../model/exposure.ts';
import type { Instant } from '../../model/time.ts';
import {
  accumulateLines,
  accumulateRecords,
  ExportRows,
  type ParsedVendorBatch,
  type RowAccumulator,
} from './export-rows.ts';
import type { JsonRecord } from './fields.ts';

const STATUSES: readonly ExposureChange['status'][] = ['New', 'Fixed', 'Updated'];

/**
 * The delta export: rows of the full export plus `status` (New, Fixed, Updated) and
 * `eventTimestamp`. One change is kept per device × recommendation: the latest event wins (on a
 * tie, the later row).
 */
export function createVulnerabilityDeltaAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows(file, 'eventTimestamp');
  const f = rows.f;
  const latest = new Map<string, ExposureChange>();
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const deviceId = rows.device();
      const recommendationId = rows.recommendation();
      if (recommendationId === null) return;
      const status = f.oneOf('status', STATUSES);
      const eventTimestamp = rows.stamp('eventTimestamp');
      if (eventTimestamp === null) throw f.error('eventTimestamp', 'is missing');
      const key = `${deviceId}\u0000${recommendationId}`;
      const before = latest.get(key);
      if (before === undefined || eventTimestamp >= before.eventTimestamp) {
        latest.set(key, { deviceId, recommendationId, status, eventTimestamp });
      }
    },
    finish(observedAt) {
      return {
        kind: 'exposureDelta',
        changes: [...latest.values()],
        devices: rows.devicesSeen(),
        observedAt: rows.observedAt(observedAt),
        warnings: rows.warnings(),
      };
    },
  };
}

export const parseVulnerabilityDelta = (
  records: readonly JsonRecord[],
  file: string,
  observedAt?: Instant,
): ParsedVendorBatch => accumulateRecords(createVulnerabilityDeltaAccumulator(file), records, observedAt);

export const parseVulnerabilityDeltaLines = (
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
  observedAt?: Instant,
): Promise<ParsedVendorBatch> =>
  accumulateLines(createVulnerabilityDeltaAccumulator(file), lines, file, observedAt);
