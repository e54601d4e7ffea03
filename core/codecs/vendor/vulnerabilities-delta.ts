import type { ExposureChange } from '../../model/exposure.ts';
import type { Instant } from '../../model/time.ts';
import {
  accumulateLines,
  accumulateRecords,
  ExportRows,
  grown,
  instants,
  type ParsedVendorBatch,
  type RowAccumulator,
} from './export-rows.ts';
import type { JsonRecord } from './fields.ts';

const STATUSES: readonly ExposureChange['status'][] = ['New', 'Fixed', 'Updated'];

const NONE = -1;

/** The fields of a row this reads, as JSON.parse gives them: checked before use. */
interface Row {
  readonly deviceId?: unknown;
  readonly recommendationReference?: unknown;
  readonly eventTimestamp?: unknown;
}

/**
 * The delta export: rows of the full export plus `status` (New, Fixed, Updated) and
 * `eventTimestamp`. One change is kept per device × recommendation: the latest event wins (on a
 * tie, the later row). Kept per cell in typed arrays until `finish` (see ExportRows).
 */
export function createVulnerabilityDeltaAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows(file, 'eventTimestamp');
  const f = rows.f;
  const eventOf = rows.stamps('eventTimestamp');
  let status = new Int8Array(1024);
  let eventAt = new Float64Array(1024);
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const r = record as Row;
      const device = rows.device(r.deviceId);
      const rec = rows.recommendation(r.recommendationReference);
      if (rec === NONE) return;
      const change = STATUSES.indexOf(f.oneOf('status', STATUSES));
      const at = eventOf.read(r.eventTimestamp);
      if (Number.isNaN(at)) throw f.error('eventTimestamp', 'is missing');
      let cell = rows.cell(device, rec);
      if (cell === NONE) {
        cell = rows.addCell(device, rec);
        status = grown(status, rows.cellCount());
        eventAt = grown(eventAt, rows.cellCount());
      } else if (at < (eventAt[cell] ?? Number.NaN)) return;
      status[cell] = change;
      eventAt[cell] = at;
    },
    finish(observedAt) {
      const changes: ExposureChange[] = [];
      const instantOf = instants();
      for (let cell = 0, n = rows.cellCount(); cell < n; cell++)
        changes.push({
          deviceId: rows.deviceOf(cell),
          recommendationId: rows.recommendationOf(cell),
          status: STATUSES[status[cell] ?? NONE] as ExposureChange['status'],
          eventTimestamp: instantOf(eventAt[cell] ?? Number.NaN) as Instant,
        });
      return {
        kind: 'exposureDelta',
        changes,
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
