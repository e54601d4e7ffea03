import type { DeviceId, RecommendationId } from './ids.ts';
import type { Instant } from './time.ts';

export type SeverityLevel = 'Low' | 'Medium' | 'High' | 'Critical';

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

/** A row of the delta export: what changed for a device since the previous export. */
export type ExposureChange = {
  readonly deviceId: DeviceId;
  readonly recommendationId: RecommendationId;
  readonly status: 'New' | 'Fixed' | 'Updated';
  readonly eventTimestamp: Instant;
};
