import type { DeviceId, RecommendationId } from './ids.ts';
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
 * What the delta export says of one device × recommendation. Its rows are per software version ×
 * vulnerability; each vulnerability (or, on rows that name none, each software version) is counted
 * once, by its latest event. Fixed and New of the same vulnerability together — the device moved
 * group, or the software was upgraded to a version still exposed to the same CVE — is no fix: it is
 * counted as `kept`.
 */
export interface ExposureChange {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  /** Vulnerabilities whose latest event is Fixed. */
  readonly fixed: number;
  /** Vulnerabilities newly exposed (New, not also Fixed in the same delta). */
  readonly added: number;
  /** Vulnerabilities still exposed that were there before (Updated, or Fixed and New together). */
  readonly kept: number;
  /** The highest severity among those still exposed. */
  readonly highestSeverity: SeverityLevel | null;
  /** The earliest first-seen among those still exposed. */
  readonly firstSeen: Instant | null;
  /** The latest event of the device × recommendation. */
  readonly eventTimestamp: Instant;
}
