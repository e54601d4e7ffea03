import type { ActivityDevice, ActivityDeviceState, ActivityId } from '../../core/index.ts';
import type { Report } from './report.ts';

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

const sorted = new WeakMap<Report, Map<ActivityId, readonly ActivityDevice[]>>();
// One collator for every comparison: String#localeCompare builds one per call.
const byName = new Intl.Collator('en');

/** An activity's devices by group, still exposed first, then by name: the order of its device pages. */
export function devicesInOrder(r: Report, id: ActivityId): readonly ActivityDevice[] {
  let ofReport = sorted.get(r);
  if (!ofReport) {
    ofReport = new Map();
    sorted.set(r, ofReport);
  }
  let rows = ofReport.get(id);
  if (!rows) {
    const rank = (s: ActivityDeviceState) => DEVICE_STATES.indexOf(s);
    const name = (d: ActivityDevice) => r.devices.get(d.deviceId)?.computerDnsName ?? d.deviceId;
    rows = [...(r.devicesOf.get(id) ?? [])].sort(
      (a, b) =>
        (a.rbacGroupName < b.rbacGroupName ? -1 : a.rbacGroupName > b.rbacGroupName ? 1 : 0) ||
        rank(a.state) - rank(b.state) ||
        byName.compare(name(a), name(b)),
    );
    ofReport.set(id, rows);
  }
  return rows;
}
