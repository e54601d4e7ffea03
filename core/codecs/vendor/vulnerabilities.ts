import { type Exposure, SEVERITY_LEVELS } from '../../model/exposure.ts';
import { ExportRows, grown, instants, type RowAccumulator } from './export-rows.ts';

const SEVERITIES = SEVERITY_LEVELS;
const SEVERITY_RANK: ReadonlyMap<unknown, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Up to this many distinct vulnerabilities of a cell are listed (a device × software has a few); past it, a set. */
const VULN_LIST_LIMIT = 16;
const NONE = -1;

/**
 * `CVE-YYYY-N…` (4 to 10 digits after the year, as written, leading zeros included) as a distinct
 * number ≥ 0, read without a lookup: most rows name a CVE, and a map of hundreds of thousands of
 * them costs a cache miss per row. NONE for any other id.
 */
function cveNumber(id: string): number {
  const n = id.length;
  if (
    n < 13 ||
    n > 19 ||
    id.charCodeAt(0) !== 67 ||
    id.charCodeAt(1) !== 86 ||
    id.charCodeAt(2) !== 69 ||
    id.charCodeAt(3) !== 45 ||
    id.charCodeAt(8) !== 45
  )
    return NONE;
  let digits = 0;
  for (let i = 4; i < n; i++) {
    if (i === 8) continue;
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NONE;
    digits = digits * 10 + d;
  }
  // At most 14 digits, times 8 for the length: exact in a double, and `0123` differs from `123`.
  return digits * 8 + (n - 13);
}

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
 * one at a time, so a file of millions of rows is never held whole; what is kept per device ×
 * recommendation lives in typed arrays indexed by its cell number (see ExportRows) until `finish`.
 * The other fields of a row are not read: the aggregate does not use them.
 */
export function createVulnerabilityAccumulator(file: string): RowAccumulator {
  const rows = new ExportRows(file, 'lastSeenTimestamp');
  const f = rows.f;
  const firstSeenOf = rows.stamps('firstSeenTimestamp');
  const lastSeenOf = rows.stamps('lastSeenTimestamp');
  // Vulnerabilities are numbered (see `vulnNumber`): a million CVE strings kept until the end cost far
  // more garbage collection than one number each. Other ids are numbered in the order seen, below 0.
  const otherIds = new Map<string, number>();
  const vulnNumber = (id: string): number => {
    const n = cveNumber(id);
    if (n !== NONE) return n;
    let other = otherIds.get(id);
    if (other === undefined) {
      other = -1 - otherIds.size;
      otherIds.set(id, other);
    }
    return other;
  };
  let severity = new Int8Array(1024);
  let firstSeen = new Float64Array(1024);
  let lastSeen = new Float64Array(1024);
  // Per cell, its count of distinct vulnerabilities and its newest listed one; the list is chained
  // through `listed`/`listedNext`. Past VULN_LIST_LIMIT, a cell's vulnerabilities move to a set.
  let vulnCount = new Int32Array(1024);
  let vulnHead = new Int32Array(1024);
  let listed = new Float64Array(4096);
  let listedNext = new Int32Array(4096);
  let listedCount = 0;
  const many = new Map<number, Set<number>>();

  const countVuln = (cell: number, vuln: number): void => {
    const n = vulnCount[cell] ?? 0;
    if (n > VULN_LIST_LIMIT) {
      const set = many.get(cell) as Set<number>;
      vulnCount[cell] = set.add(vuln).size;
      return;
    }
    for (let i = vulnHead[cell] ?? NONE; i !== NONE; i = listedNext[i] ?? NONE)
      if (listed[i] === vuln) return;
    if (n === VULN_LIST_LIMIT) {
      const set = new Set<number>([vuln]);
      for (let i = vulnHead[cell] ?? NONE; i !== NONE; i = listedNext[i] ?? NONE) set.add(listed[i] ?? NONE);
      many.set(cell, set);
      vulnCount[cell] = set.size;
      return;
    }
    const i = listedCount++;
    listed = grown(listed, listedCount);
    listedNext = grown(listedNext, listedCount);
    listed[i] = vuln;
    listedNext[i] = vulnHead[cell] ?? NONE;
    vulnHead[cell] = i;
    vulnCount[cell] = n + 1;
  };

  return {
    add(record, line, path = '$') {
      f.at(record, line, path);
      const r = record as Row;
      const device = rows.device(r.deviceId);
      const rec = rows.recommendation(r.recommendationReference);
      if (rec === NONE) return;
      const rawCve = r.cveId;
      const cve = typeof rawCve === 'string' && rawCve !== '' ? rawCve : f.optString('cveId');
      const rawSeverity = r.vulnerabilitySeverityLevel;
      const rank =
        rawSeverity === null || rawSeverity === undefined
          ? NONE
          : (SEVERITY_RANK.get(rawSeverity) ??
            SEVERITIES.indexOf(f.oneOf('vulnerabilitySeverityLevel', SEVERITIES)));
      // NaN when absent: every comparison with it is false, so it never wins and is always replaced.
      const first = firstSeenOf.read(r.firstSeenTimestamp);
      const last = lastSeenOf.read(r.lastSeenTimestamp);
      let cell = rows.cell(device, rec);
      if (cell === NONE) {
        cell = rows.addCell(device, rec);
        const size = rows.cellCount();
        severity = grown(severity, size);
        firstSeen = grown(firstSeen, size);
        lastSeen = grown(lastSeen, size);
        vulnCount = grown(vulnCount, size);
        vulnHead = grown(vulnHead, size);
        severity[cell] = rank;
        firstSeen[cell] = first;
        lastSeen[cell] = last;
        vulnCount[cell] = 0;
        vulnHead[cell] = NONE;
      } else {
        const was = firstSeen[cell] ?? Number.NaN;
        if (first < was || Number.isNaN(was)) firstSeen[cell] = first;
        const wasLast = lastSeen[cell] ?? Number.NaN;
        if (last > wasLast || Number.isNaN(wasLast)) lastSeen[cell] = last;
        if (rank > (severity[cell] ?? NONE)) severity[cell] = rank;
      }
      if (cve !== null) countVuln(cell, vulnNumber(cve));
    },
    finish(observedAt) {
      const exposures: Exposure[] = [];
      const firstAt = instants();
      const lastAt = instants();
      for (let cell = 0, n = rows.cellCount(); cell < n; cell++)
        exposures.push({
          deviceId: rows.deviceOf(cell),
          recommendationId: rows.recommendationOf(cell),
          vulnerabilities: vulnCount[cell] ?? 0,
          highestSeverity: SEVERITIES[severity[cell] ?? NONE] ?? null,
          firstSeen: firstAt(firstSeen[cell] ?? Number.NaN),
          lastSeen: lastAt(lastSeen[cell] ?? Number.NaN),
        });
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
