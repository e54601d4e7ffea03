import type { Activity, ActivityDevice } from './activity.ts';
import type { Device } from './device.ts';
import type { Exposure, ExposureChange } from './exposure.ts';
import type { ActivityId, RecommendationId } from './ids.ts';
import type { Recommendation } from './recommendation.ts';
import type { Instant } from './time.ts';

/** What machine references were fetched for, when the caller says (`--for activity:ID`). */
export type DeviceLink =
  | { readonly kind: 'activity'; readonly id: ActivityId }
  | { readonly kind: 'recommendation'; readonly id: RecommendationId };

/**
 * One vendor file, parsed and checked, ready to merge into a State. Files arrive in any order and
 * each imports on its own: an activity whose recommendation or devices are not known yet is kept
 * and linked when they arrive.
 */
export type VendorBatch =
  | { readonly kind: 'recommendations'; readonly recommendations: readonly Recommendation[] }
  | {
      readonly kind: 'activities';
      readonly activities: readonly Activity[];
      /** Device rows when the vendor record listed devices; usually empty (counts only). */
      readonly activityDevices: readonly ActivityDevice[];
    }
  /** Machine references carry only id, name, OS and group: alone they add devices. */
  | {
      readonly kind: 'machineReferences';
      readonly devices: readonly Device[];
      readonly link: DeviceLink | null;
    }
  | { readonly kind: 'machines'; readonly devices: readonly Device[] }
  /** The full software-vulnerabilities export: the whole new exposure picture. */
  | {
      readonly kind: 'exposures';
      readonly exposures: readonly Exposure[];
      readonly devices: readonly Device[];
      readonly observedAt: Instant;
    }
  /**
   * Part of an exposure picture — a page that still has a next page, some parts of a via-files
   * export — merged only because the user asked: what it shows is seen exposed; it fixes nothing.
   */
  | {
      readonly kind: 'exposuresSeen';
      readonly exposures: readonly Exposure[];
      readonly devices: readonly Device[];
      readonly observedAt: Instant;
    }
  /** The delta export: New / Fixed / Updated since the previous export. */
  | {
      readonly kind: 'exposureDelta';
      readonly changes: readonly ExposureChange[];
      readonly devices: readonly Device[];
      readonly observedAt: Instant;
    };

export type VendorBatchKind = VendorBatch['kind'];
