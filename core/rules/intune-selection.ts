import type { Device, ExposureLevel, RiskScore } from '../model/device.ts';
import { INTUNE_DEVICE_LIMIT } from '../model/intune-task.ts';

const EXPOSURE_RANK: Record<ExposureLevel, number> = { High: 4, Medium: 3, Low: 2, None: 1 };
const RISK_RANK: Record<RiskScore, number> = { High: 5, Medium: 4, Low: 3, Informational: 2, None: 1 };

export type IntuneCandidate = Pick<Device, 'id' | 'exposureLevel' | 'riskScore'>;

export interface IntuneSelection<T> {
  /** The devices the task carries: at most `limit`. */
  readonly sent: readonly T[];
  /** How many the request covered but the task cannot carry; the user is told this number. */
  readonly leftOut: number;
}

/**
 * R-INT-2: a task carries at most 10,000 devices. When there are more, the most exposed go first
 * (exposure level, then risk score, unknown last) and the device id breaks ties, so the same
 * request always sends the same devices.
 */
export function selectIntuneDevices<T extends IntuneCandidate>(
  devices: readonly T[],
  limit: number = INTUNE_DEVICE_LIMIT,
): IntuneSelection<T> {
  if (devices.length <= limit) return { sent: devices, leftOut: 0 };
  const rank = (d: T): number =>
    (d.exposureLevel ? EXPOSURE_RANK[d.exposureLevel] : 0) * 10 + (d.riskScore ? RISK_RANK[d.riskScore] : 0);
  const sorted = [...devices].sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sent: sorted.slice(0, limit), leftOut: devices.length - limit };
}
