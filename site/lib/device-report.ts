/**
 * What an activity's device pages and device CSV show: its devices, and the devices' names. A
 * thread that renders only those pages decodes only these tables of the latest snapshot (a third
 * of a large one); the full Report (report.ts) holds the same fields.
 */
import type {
  Activity,
  ActivityDevice,
  ActivityId,
  Device,
  DeviceId,
  Instant,
  State,
} from '../../core/index.ts';
import { groupBy } from './group-by.ts';
import { slugOf } from './slug.ts';

export const DEVICE_TABLES = ['devices', 'activities', 'activityDevices'] as const;
export type DeviceTables = Pick<State, (typeof DEVICE_TABLES)[number]>;

export interface DeviceReport {
  /** When the latest snapshot was taken: "now" for every figure. */
  readonly at: Instant;
  /** Every activity (the full Report lists them most urgent first). */
  readonly activities: readonly Activity[];
  readonly slugs: ReadonlyMap<ActivityId, string>;
  /** The activity each slug names: how an activity page finds its activity from its address. */
  readonly bySlug: ReadonlyMap<string, Activity>;
  readonly devices: ReadonlyMap<DeviceId, Device>;
  readonly devicesOf: ReadonlyMap<ActivityId, readonly ActivityDevice[]>;
}

export function buildDeviceReport(state: DeviceTables, at: Instant): DeviceReport {
  const slugs = new Map(state.activities.map((a) => [a.id, slugOf(a.id)]));
  return {
    at,
    activities: state.activities,
    slugs,
    bySlug: new Map(state.activities.map((a) => [slugs.get(a.id) ?? '', a])),
    devices: new Map(state.devices.map((d) => [d.id, d])),
    devicesOf: groupBy(state.activityDevices, (d) => d.activityId),
  };
}
