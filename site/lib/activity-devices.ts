import type { ActivityDevice, ActivityDeviceState, ActivityId } from '../../core/index.ts';
import type { DeviceReport } from './device-report.ts';

export const DEVICE_STATES: readonly ActivityDeviceState[] = ['exposed', 'fixed', 'leftScope', 'vanished'];

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

const sorted = new WeakMap<DeviceReport, Map<ActivityId, readonly ActivityDevice[]>>();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An activity's devices by group, still exposed first, then by name (case aside): the order of its
 * device pages. Names compare by code point, not by collation: a locale collator made sorting
 * 100,000 devices a noticeable part of the build, and host names are ASCII.
 */
export function devicesInOrder(r: DeviceReport, id: ActivityId): readonly ActivityDevice[] {
  let ofReport = sorted.get(r);
  if (!ofReport) {
    ofReport = new Map();
    sorted.set(r, ofReport);
  }
  let rows = ofReport.get(id);
  if (!rows) {
    // Each row's sort keys are made once, not on every one of a sort's comparisons.
    const keyed = (r.devicesOf.get(id) ?? []).map((d) => {
      const name = r.devices.get(d.deviceId)?.computerDnsName || d.deviceId;
      return { d, rank: DEVICE_STATES.indexOf(d.state), folded: name.toLowerCase(), name };
    });
    keyed.sort(
      (a, b) =>
        byText(a.d.rbacGroupName, b.d.rbacGroupName) ||
        a.rank - b.rank ||
        byText(a.folded, b.folded) ||
        byText(a.name, b.name),
    );
    rows = keyed.map((k) => k.d);
    ofReport.set(id, rows);
  }
  return rows;
}
