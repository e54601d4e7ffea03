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
const SEVERITY_RANK: ReadonlyMap<unknown, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Up to this many distinct vulnerabilities are held in an array (a device × software has a few); past it, a set. */
const VULN_LIST_LIMIT = 16;

/** One device × recommendation while rows are still coming in. */
interface Tally {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** Distinct vulnerabilities, by number (see `vulnNumbers`): one alone, a few in an array, many in a set. */
  vulns: number | number[] | Set<number> | null;
  severity: number;
  firstSeen: Instant | null;
  lastSeen: Instant | null;
}

function countVulns(t: Tally, cve: number): void {
  const v = t.vulns;
  if (v === null) t.vulns = cve;
  else if (typeof v === 'number') {
    if (v !== cve) t.vulns = [v, cve];
  } else if (Array.isArray(v)) {
    if (v.includes(cve)) return;
    if (v.length < VULN_LIST_LIMIT) v.push(cve);
    else t.vulns = new Set(v).add(cve);
  } else v.add(cve);
}

const vulnCount = (v: Tally['vulns']): number =>
  v === null ? 0 : typeof v === 'number' ? 1 : Array.isArray(v) ? v.length : v.size;

/** The fields of a row this reads, as JSON.parse gives them: checked before use. */
interface Row {
  readonly deviceId?: unknown;
  readonly recommendationReference?: unknown;
  readonly cveId?: unknown;
  readonly vulnerabilitySeverityLevel?: unknown;
  readonly firstSeenTimestamp?: unknown;
  readonly lastSeenTimestamp?: unknown;
}

/**
 * The full software-vulnerabilities export (one row per device × software × vulnerability) folded
 * into one Exposure per device × recommendation: distinct vulnerabilities (CVEs and vendor ids like
 * TVM-0001-00000000), the highest severity, the earliest first-seen and latest last-seen. Rows come
 * one at a time, so a file of millions of rows is never held whole. The other fields of a row are
 * not read: the aggregate does not use them.
 */
export function createVulnerabilityAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows<Tally>(file, 'lastSeenTimestamp');
  const f = rows.f;
  // Held as numbers rather than the row's strings: a million CVE strings kept until the end cost
  // far more garbage collection than one string per distinct vulnerability.
  const vulnNumbers = new Map<string, number>();
  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const r = record as Row;
      const device = rows.device(r.deviceId);
      const rec = rows.recommendation(r.recommendationReference);
      if (rec === null) return;
      const rawCve = r.cveId;
      const cve = typeof rawCve === 'string' && rawCve !== '' ? rawCve : f.optString('cveId');
      const rawSeverity = r.vulnerabilitySeverityLevel;
      const severity =
        rawSeverity === null || rawSeverity === undefined
          ? -1
          : (SEVERITY_RANK.get(rawSeverity) ??
            SEVERITIES.indexOf(f.oneOf('vulnerabilitySeverityLevel', SEVERITIES)));
      const firstSeen = rows.stamp('firstSeenTimestamp', r.firstSeenTimestamp);
      const lastSeen = rows.stamp('lastSeenTimestamp', r.lastSeenTimestamp);
      let t = device.cells.get(rec);
      if (t === undefined) {
        t = { deviceId: device.id, recommendationId: rec, vulns: null, severity, firstSeen, lastSeen };
        rows.addCell(device, rec, t);
      } else {
        if (firstSeen !== null && (t.firstSeen === null || firstSeen < t.firstSeen)) t.firstSeen = firstSeen;
        if (lastSeen !== null && (t.lastSeen === null || lastSeen > t.lastSeen)) t.lastSeen = lastSeen;
        if (severity > t.severity) t.severity = severity;
      }
      if (cve !== null) {
        let n = vulnNumbers.get(cve);
        if (n === undefined) {
          n = vulnNumbers.size;
          vulnNumbers.set(cve, n);
        }
        countVulns(t, n);
      }
    },
    finish(observedAt) {
      const exposures: Exposure[] = rows.cells().map((t) => ({
        deviceId: t.deviceId,
        recommendationId: t.recommendationId,
        vulnerabilities: vulnCount(t.vulns),
        highestSeverity: SEVERITIES[t.severity] ?? null,
        firstSeen: t.firstSeen,
        lastSeen: t.lastSeen,
      }));
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
