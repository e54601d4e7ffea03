import type { DeviceGroupName, DeviceId } from './ids.ts';
import type { Instant } from './time.ts';

export const EXPOSURE_LEVELS = ['None', 'Low', 'Medium', 'High'] as const;
export type ExposureLevel = (typeof EXPOSURE_LEVELS)[number];
export const RISK_SCORES = ['None', 'Informational', 'Low', 'Medium', 'High'] as const;
export type RiskScore = (typeof RISK_SCORES)[number];

export interface Device {
  readonly id: DeviceId;
  readonly computerDnsName: string;
  readonly osPlatform: string;
  /** Its device group; the vendor's "UnassignedGroup"/"Unassigned" when none. */
  readonly rbacGroupName: DeviceGroupName;
  readonly machineTags: readonly string[];
  readonly exposureLevel: ExposureLevel | null;
  readonly riskScore: RiskScore | null;
  readonly lastSeen: Instant | null;
}
