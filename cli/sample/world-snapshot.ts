import {
  canonicalState,
  type DeviceId,
  type ExposureLevel,
  type Instant,
  type SeverityLevel,
  type State,
} from '../../core/index.ts';
import { recommendationRows } from './recommendation-rows.ts';
import type { World } from './world.ts';

const SEVERITY_TO_LEVEL: Record<SeverityLevel, ExposureLevel> = {
  Low: 'Low',
  Medium: 'Medium',
  High: 'High',
  Critical: 'High',
};
const LEVEL_RANK: Record<ExposureLevel, number> = { None: 0, Low: 1, Medium: 2, High: 3 };

/**
 * The tables the vendor would report for the world this week, each device at the level of its worst
 * exposure. `state` is last week's: the recommendations' statuses are refreshed again after this
 * week's exceptions.
 */
export function worldTables(
  world: World,
  at: { readonly state: State; readonly now: Instant },
): Pick<State, 'devices' | 'exposures' | 'recommendations'> {
  const byDevice = new Map<DeviceId, ExposureLevel>();
  for (const e of world.exposures.values()) {
    const level = e.highestSeverity ? SEVERITY_TO_LEVEL[e.highestSeverity] : 'Low';
    const prev = byDevice.get(e.deviceId);
    if (!prev || LEVEL_RANK[level] > LEVEL_RANK[prev]) byDevice.set(e.deviceId, level);
  }
  // Only devices whose level changed get a new object: the rest are shared with the last week.
  for (const d of world.devices.values()) {
    const level = byDevice.get(d.id) ?? 'None';
    if (d.exposureLevel !== level) world.devices.set(d.id, { ...d, exposureLevel: level });
  }
  const s = canonicalState({
    ...at.state,
    devices: [...world.devices.values()],
    exposures: [...world.exposures.values()],
  });
  return { devices: s.devices, exposures: s.exposures, recommendations: recommendationRows(world, at) };
}
