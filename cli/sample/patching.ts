import type { State } from '../../core/index.ts';
import type { Week } from './week.ts';
import { exposureKey } from './world.ts';

/** Weekly chance that an exposure is fixed, by how an active activity targets its device. */
export interface Patching {
  readonly kind: 'patching';
  readonly untargeted: number;
  readonly targeted: number;
  readonly sentToIntune: number;
}

export function patch(week: Week, rates: Patching, state: State): void {
  const { rng, now, world } = week;
  const sentToTask = new Map<string, boolean>();
  const active = new Map(state.activities.filter((a) => a.status === 'Active').map((a) => [a.id, a]));
  for (const row of state.activityDevices) {
    const a = active.get(row.activityId);
    if (row.state === 'exposed' && a?.recommendationId) {
      sentToTask.set(exposureKey(row.deviceId, a.recommendationId), row.sentToTask);
    }
  }
  for (const [key, e] of world.exposures) {
    const sent = sentToTask.get(key);
    const p = sent === undefined ? rates.untargeted : sent ? rates.sentToIntune : rates.targeted;
    if (rng.chance(p)) world.exposures.delete(key);
    else world.exposures.set(key, { ...e, lastSeen: now });
  }
}
