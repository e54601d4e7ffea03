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

/** The latest change of one device × recommendation so far. */
type Latest = { -readonly [K in keyof ExposureChange]: ExposureChange[K] };

/** The fields of a row this reads, as JSON.parse gives them: checked before use. */
interface Row {
  readonly deviceId?: unknown;
  readonly recommendationReference?: unknown;
  readonly eventTimestamp?: unknown;
}

/**
 * The delta export: rows of the full export plus `status` (New, Fixed, Updated) and
 * `eventTimestamp`. One change is kept per device × recommendation: the latest event wins (on a
 * tie, the later row).
 */
export function createVulnerabilityDeltaAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows<Latest>(file, 'eventTimestamp');
  const f = rows.f;
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const r = record as Row;
      const device = rows.device(r.deviceId);
      const recommendationId = rows.recommendation(r.recommendationReference);
      if (recommendationId === null) return;
      const status = f.oneOf('status', STATUSES);
      const eventTimestamp = rows.stamp('eventTimestamp', r.eventTimestamp);
      if (eventTimestamp === null) throw f.error('eventTimestamp', 'is missing');
      const before = device.cells.get(recommendationId);
      if (before === undefined) {
        rows.addCell(device, recommendationId, {
          deviceId: device.id,
          recommendationId,
          status,
          eventTimestamp,
        });
      } else if (eventTimestamp >= before.eventTimestamp) {
        before.status = status;
        before.eventTimestamp = eventTimestamp;
      }
    },
    finish(observedAt) {
      return {
        kind: 'exposureDelta',
        changes: rows.cells().map((c) => ({ ...c })),
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
