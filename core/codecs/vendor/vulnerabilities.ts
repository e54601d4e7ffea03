import type { Exposure, SeverityLevel } from '../../model/exposure.ts';
import type { DeviceId, RecommendationId } from '../../model/ids.ts';
import type { Instant } from '../../model/time.ts';
import {
  accumulateLines,
  accumulateRecords,
  ExportRows,
  type ParsedVendorBatch,
  type RowAccumulator,
} from './export-rows.ts';
import type { JsonRecord } from './fields.ts';

/** In rising order: the index is the rank. */
const SEVERITIES: readonly SeverityLevel[] = ['Low', 'Medium', 'High', 'Critical'];

/** One device × recommendation while rows are still coming in. */
interface Tally {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** Distinct vulnerability ids: one held as a string, a set only once there is a second. */
  vulns: string | Set<string> | null;
  severity: number;
  firstSeen: Instant | null;
  lastSeen: Instant | null;
}

function countVulns(t: Tally, cve: string): void {
  if (t.vulns === null) t.vulns = cve;
  else if (typeof t.vulns === 'string') {
    if (t.vulns !== cve) t.vulns = new Set([t.vulns, cve]);
  } else t.vulns.add(cve);
}

/**
 * The full software-vulnerabilities export (one row per device × software × vulnerability) folded
 * into one Exposure per device × recommendation: distinct vulnerabilities (CVEs and vendor ids like
 * TVM-0001-00000000), the highest severity, the earliest first-seen and latest last-seen. Rows come
 * one at a time, so a file of millions of rows is never held whole.
 */
export function createVulnerabilityAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows(file, 'lastSeenTimestamp');
  const f = rows.f;
  const tallies = new Map<string, Tally>();
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const device = rows.device();
      const rec = rows.recommendation();
      if (rec === null) return;
      const cve = f.optString('cveId');
      const severity = f.optOneOf('vulnerabilitySeverityLevel', SEVERITIES);
      const firstSeen = rows.stamp('firstSeenTimestamp');
      const lastSeen = rows.stamp('lastSeenTimestamp');
      const key = `${device}\u0000${rec}`;
      let t = tallies.get(key);
      if (t === undefined) {
        t = { deviceId: device, recommendationId: rec, vulns: null, severity: -1, firstSeen, lastSeen };
        tallies.set(key, t);
      } else {
        if (firstSeen !== null && (t.firstSeen === null || firstSeen < t.firstSeen)) t.firstSeen = firstSeen;
        if (lastSeen !== null && (t.lastSeen === null || lastSeen > t.lastSeen)) t.lastSeen = lastSeen;
      }
      if (cve !== null) countVulns(t, cve);
      if (severity !== null) t.severity = Math.max(t.severity, SEVERITIES.indexOf(severity));
    },
    finish(observedAt) {
      const exposures: Exposure[] = [];
      for (const t of tallies.values()) {
        exposures.push({
          deviceId: t.deviceId,
          recommendationId: t.recommendationId,
          vulnerabilities: t.vulns === null ? 0 : typeof t.vulns === 'string' ? 1 : t.vulns.size,
          highestSeverity: SEVERITIES[t.severity] ?? null,
          firstSeen: t.firstSeen,
          lastSeen: t.lastSeen,
        });
      }
      return {
        kind: 'exposures',
        exposures,
        devices: rows.devicesSeen(),
        observedAt: rows.observedAt(observedAt),
        warnings: rows.warnings(),
      };
    },
  };
}

/** The full export as a JSON envelope (the API's paged JSON answer). */
export const parseVulnerabilities = (
  records: readonly JsonRecord[],
  file: string,
  observedAt?: Instant,
): ParsedVendorBatch => accumulateRecords(createVulnerabilityAccumulator(file), records, observedAt);

/** The full export "via files": one JSON record per line (gunzip first, see `gunzipLines`). */
export const parseVulnerabilityLines = (
  lines: Iterable<string> | AsyncIterable<string>,
  file: string,
  observedAt?: Instant,
): Promise<ParsedVendorBatch> =>
  accumulateLines(createVulnerabilityAccumulator(file), lines, file, observedAt);
