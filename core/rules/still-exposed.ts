import { type Activity, isTracked } from '../model/activity.ts';

/**
 * R-PROG-1: an activity's target devices still exposed: neither fixed nor out of its scope (left
 * its groups, vanished from the data, reported apart). Null for attention required, whose devices
 * are not tracked (R-ATTN-1).
 */
export function devicesStillExposed(activity: Activity): number | null {
  if (!isTracked(activity)) return null;
  const p = activity.progress;
  const outOfScope = p.kind === 'counts' ? 0 : p.leftScopeDevices + p.vanishedDevices;
  return Math.max(0, p.targetDevices - p.fixedDevices - outOfScope);
}
