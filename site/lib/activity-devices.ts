import {
  ACTIVITY_DEVICE_STATES,
  type ActivityDevice,
  type ActivityDeviceState,
  type ActivityId,
  type Device,
} from '../../core/index.ts';
import type { DeviceReport } from './device-report.ts';

export interface GroupTally {
  readonly group: string;
  readonly total: number;
  readonly byState: Readonly<Record<ActivityDeviceState, number>>;
}

/** How an activity's device rows split by group and state (the rows' own states, from core). */
export function tallyByGroup(rows: readonly ActivityDevice[]): readonly GroupTally[] {
  const groups = new Map<string, Record<ActivityDeviceState, number>>();
  for (const d of rows) {
    let g = groups.get(d.rbacGroupName);
    if (!g) {
      g = { exposed: 0, fixed: 0, leftScope: 0, vanished: 0 };
      groups.set(d.rbacGroupName, g);
    }
    g[d.state]++;
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, byState]) => ({
      group,
      byState,
      total: byState.exposed + byState.fixed + byState.leftScope + byState.vanished,
    }));
}

/**
 * A row of an activity's device list, with its device where the archive knows it: looked up once
 * while the list is ordered, not again for each page and language (the map of 100,000 devices is
 * slow to search row by row: rendering the rows took 40 % longer).
 */
export interface ListedDevice {
  readonly row: ActivityDevice;
  readonly device: Device | undefined;
}

const sorted = new WeakMap<DeviceReport, Map<ActivityId, readonly ListedDevice[]>>();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An activity's devices by group, still exposed first, then by name (case aside): the order of its
 * device pages. Names compare by code point, not by collation: a locale collator made sorting
 * 100,000 devices a noticeable part of the build, and host names are ASCII.
 */
export function devicesInOrder(r: DeviceReport, id: ActivityId): readonly ListedDevice[] {
  let ofReport = sorted.get(r);
  if (!ofReport) {
    ofReport = new Map();
    sorted.set(r, ofReport);
  }
  let listed = ofReport.get(id);
  if (!listed) {
    // Each row's sort keys are made once, not on every one of a sort's comparisons.
    const keyed = (r.devicesOf.get(id) ?? []).map((row) => {
      const device = r.devices.get(row.deviceId);
      const name = device?.computerDnsName || row.deviceId;
      return {
        row,
        device,
        rank: ACTIVITY_DEVICE_STATES.indexOf(row.state),
        folded: name.toLowerCase(),
        name,
      };
    });
    keyed.sort(
      (a, b) =>
        byText(a.row.rbacGroupName, b.row.rbacGroupName) ||
        a.rank - b.rank ||
        byText(a.folded, b.folded) ||
        byText(a.name, b.name),
    );
    listed = keyed.map(({ row, device }) => ({ row, device }));
    ofReport.set(id, listed);
  }
  return listed;
}
