import type { DeviceGroupName, DeviceId, RecommendationId } from './ids.ts';
import type { Instant } from './time.ts';

/** A vulnerability's severity, in rising order: the index is the rank. */
export const SEVERITY_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/**
 * One device exposed to one recommendation. The vendor's export has a row per device × software ×
 * CVE; we keep one row per device × recommendation, which is all the rules need (and far fewer rows
 * for IndexedDB to write).
 */
export interface Exposure {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** Distinct vulnerabilities (CVE or vendor ids) behind this exposure; 0 when only null cveIds were seen. */
  readonly vulnerabilities: number;
  readonly highestSeverity: SeverityLevel | null;
  readonly firstSeen: Instant | null;
  readonly lastSeen: Instant | null;
}

/** The statuses of a delta export row, as the vendor writes them. */
export const DELTA_STATUSES = ['New', 'Fixed', 'Updated'] as const;
export type DeltaStatus = (typeof DELTA_STATUSES)[number];

/**
 * What the delta export says of one device × recommendation, counted as the full export counts an
 * exposure: by distinct CVE. Its rows are per software version × vulnerability; each is judged by
 * its latest event. A CVE is fixed when every version of it named ends Fixed; Fixed and New of the
 * same CVE — a device that moved group, software upgraded to a version still exposed — is no fix
 * (`kept`); New then Fixed in the same delta came and went, and counts for nothing. Rows that name
 * no CVE are counted apart: the full export does not count them.
 */
export interface ExposureChange {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** CVEs every version of which ends Fixed. */
  readonly fixed: number;
  /** CVEs newly exposed (only New). */
  readonly added: number;
  /** CVEs still exposed that were there before (Updated, or Fixed and New together). */
  readonly kept: number;
  /** Software versions without a CVE that end Fixed, and that end exposed. */
  readonly fixedWithoutCve: number;
  readonly exposedWithoutCve: number;
  /** The highest severity among those still exposed. */
  readonly highestSeverity: SeverityLevel | null;
  /** The earliest first-seen among those still exposed. */
  readonly firstSeen: Instant | null;
  /** The latest event of the device × recommendation. */
  readonly eventTimestamp: Instant;
}

/** An exposure that a newer picture no longer shows on a device still in the data: a fix. */
export interface ExposureFix {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** The device's group when it was last seen exposed: where the fix counts. */
  readonly group: DeviceGroupName;
  readonly severity: SeverityLevel | null;
  readonly firstSeen: Instant | null;
  readonly fixedAt: Instant;
}
