import type { DeviceGroupName, DeviceId } from './ids.ts';
import type { Instant } from './time.ts';

export type ExposureLevel = 'None' | 'Low' | 'Medium' | 'High';
export type RiskScore = 'None' | 'Informational' | 'Low' | 'Medium' | 'High';

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
