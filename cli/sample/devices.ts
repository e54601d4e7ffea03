import { type Device, deviceId, type RiskScore } from '../../core/index.ts';
import { GROUPS, groupName, HOSTILE, SERVER_OS, WORKSTATION_OS } from './catalogue.ts';
import { type ExposedSince, seedExposures } from './exposures.ts';
import type { Week } from './week.ts';
import type { World } from './world.ts';

const RISK_SCORES: readonly (readonly [RiskScore, number])[] = [
  ['None', 2],
  ['Informational', 1],
  ['Low', 4],
  ['Medium', 3],
  ['High', 1],
];
const VIP_SHARE = 0.1;
/** The tenant's devices were exposed for a while before the first snapshot. */
const BEFORE_THE_ARCHIVE: ExposedSince = { kind: 'daysAgo', min: 1, max: 200 };

/** The tenant at the first snapshot: `size` devices with what they were already exposed to. */
export function startWorld(week: Omit<Week, 'world'>, size: number): World {
  const world: World = { devices: new Map(), exposures: new Map(), initialSize: size, joined: 0 };
  for (let i = 0; i < size; i++) joinDevice({ ...week, world }, BEFORE_THE_ARCHIVE);
  return world;
}

/** A new device in a weighted group, with its exposures seeded. */
export function joinDevice(week: Week, since: ExposedSince): void {
  const { rng, now, world } = week;
  const group = rng.weighted(GROUPS.map((g) => [g, g.weight] as const));
  const os = rng.weighted(group.servers ? SERVER_OS : WORKSTATION_OS);
  world.joined += 1;
  const serial = world.joined;
  // A handful of devices carry hostile names: every export and page must render them inertly.
  const hostile = serial <= HOSTILE.length ? ` ${HOSTILE[serial - 1]}` : '';
  const riskScore = rng.weighted(RISK_SCORES);
  const device: Device = {
    id: deviceId(rng.hex(40)),
    computerDnsName: `${group.prefix}-${String(serial).padStart(6, '0')}.contoso.com${hostile}`,
    osPlatform: os,
    rbacGroupName: groupName(group.name),
    machineTags: group.servers ? ['server'] : rng.chance(VIP_SHARE) ? ['vip'] : [],
    exposureLevel: null,
    riskScore,
    lastSeen: now,
  };
  world.devices.set(device.id, device);
  seedExposures(week, { device, since });
}
