import type { Device, DeviceId, Exposure } from '../../core/index.ts';

/**
 * The tenant as the vendor sees it: its devices and what they are exposed to. The maps are updated
 * in place because every week touches each device and exposure once anyway; their insertion order is
 * part of the sample's identity, since the weekly changes walk them while drawing from the generator.
 */
export interface World {
  readonly devices: Map<DeviceId, Device>;
  readonly exposures: Map<string, Exposure>;
  /** How many devices the tenant started with: later weeks scale by it. */
  readonly initialSize: number;
  /** How many devices ever joined: the next one's name carries this number plus one. */
  joined: number;
}

export const exposureKey = (device: DeviceId, recommendation: string): string =>
  `${device}|${recommendation}`;
