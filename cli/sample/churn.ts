import { GROUP_NAMES, RECOMMENDATIONS } from './catalogue.ts';
import { joinDevice } from './devices.ts';
import type { Week } from './week.ts';
import { exposureKey } from './world.ts';

/** Shares per week: of devices retiring or moving group, and of the starting size joining. */
export interface Churn {
  readonly kind: 'churn';
  readonly retire: number;
  readonly move: number;
  readonly join: number;
}

export function churn(week: Week, rates: Churn): void {
  const { rng, now, world } = week;
  for (const d of [...world.devices.values()]) {
    // Devices with hostile names never retire, so the last snapshot still has every hostile string.
    if (rng.chance(rates.retire) && !d.computerDnsName.includes(' ')) {
      world.devices.delete(d.id);
      for (const spec of RECOMMENDATIONS) world.exposures.delete(exposureKey(d.id, spec.id));
    } else if (rng.chance(rates.move)) {
      world.devices.set(d.id, { ...d, rbacGroupName: rng.pick(GROUP_NAMES), lastSeen: now });
    } else {
      world.devices.set(d.id, { ...d, lastSeen: now });
    }
  }
  const joining = Math.round(world.initialSize * rates.join);
  for (let i = 0; i < joining; i++) joinDevice(week, { kind: 'now' });
}
