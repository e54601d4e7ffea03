import { describe, expect, it } from 'vitest';
import { recommendationId } from '../../core/index.ts';
import { device, exposure } from '../../test/support/core/builders.ts';
import { releaseBrowsers } from './browser-releases.ts';
import { HOSTILE } from './catalogue.ts';
import { churn } from './churn.ts';
import { moveExposedDevice, upgradeStillExposed } from './no-fix.ts';
import { mulberry32 } from './prng.ts';
import { REFUSING, testWeek } from './test-week.ts';
import { exposureKey } from './world.ts';
import { WORLD_CHANGES, type WorldChange } from './world-changes.ts';

const change = <K extends WorldChange['kind']>(kind: K): Extract<WorldChange, { kind: K }> => {
  const found = WORLD_CHANGES.find((c): c is Extract<WorldChange, { kind: K }> => c.kind === kind);
  if (!found) throw new Error(`no ${kind} in WORLD_CHANGES`);
  return found;
};
/** Every chance comes true. */
const always = { ...mulberry32(1), chance: () => true };

describe('WORLD_CHANGES', () => {
  it('browsers release only in their weeks, exposing again the devices they apply to', () => {
    const release = change('browserRelease');
    const quiet = testWeek({ index: release.everyWeeks + 1, rng: REFUSING, devices: [device(1)] });
    releaseBrowsers(quiet, release);
    expect(quiet.world.exposures.size).toBe(0);
    const due = testWeek({
      index: release.everyWeeks,
      rng: always,
      devices: [device(1), device(2, 'Finance', { osPlatform: 'macOS' })],
    });
    releaseBrowsers(due, release);
    expect([...due.world.exposures.values()].map((e) => [e.deviceId, e.recommendationId])).toEqual(
      release.browsers.map((b) => [device(1).id, b]),
    );
  });

  it('never retires a device with a hostile name', () => {
    const hostile = device(1, 'Finance', { computerDnsName: `fin-000001.contoso.com ${HOSTILE[0]}` });
    const week = testWeek({ index: 1, rng: always, devices: [hostile, device(2)] });
    churn(week, change('churn'));
    expect([...week.world.devices.keys()]).toEqual([hostile.id]);
  });

  it('in its week alone, and drawing nothing, an exposed device moves group and keeps its exposure', () => {
    const move = change('groupMove');
    const rec = recommendationId(move.recommendation);
    const world = (index: number) => {
      const week = testWeek({
        index,
        rng: REFUSING,
        devices: [device(1, move.toGroup), device(2, 'Servers')],
      });
      for (const n of [1, 2]) week.world.exposures.set(exposureKey(device(n).id, rec), exposure(n, rec));
      return week;
    };
    const other = world(move.week + 1);
    moveExposedDevice(other, move);
    expect(other.world.devices.get(device(2).id)?.rbacGroupName).toBe('Servers');
    const due = world(move.week);
    moveExposedDevice(due, move);
    // Device 1 is in the group already: the next exposed device moves.
    expect(due.world.devices.get(device(2).id)?.rbacGroupName).toBe(move.toGroup);
    expect(due.world.exposures.size).toBe(2);
  });

  it("in its week alone, an upgrade halves an exposure's vulnerabilities and keeps it", () => {
    const upgrade = change('stillExposedUpgrade');
    const rec = recommendationId(upgrade.recommendation);
    const week = testWeek({ index: upgrade.week, rng: REFUSING, devices: [device(1), device(2)] });
    const since = { firstSeen: week.now, vulnerabilities: 1 };
    week.world.exposures.set(exposureKey(device(1).id, rec), exposure(1, rec, since));
    week.world.exposures.set(
      exposureKey(device(2).id, rec),
      exposure(2, rec, { ...since, vulnerabilities: 5 }),
    );
    upgradeStillExposed({ ...week, index: upgrade.week + 1 }, upgrade);
    expect(week.world.exposures.get(exposureKey(device(2).id, rec))?.vulnerabilities).toBe(5);
    upgradeStillExposed(week, upgrade);
    expect(week.world.exposures.get(exposureKey(device(2).id, rec))).toMatchObject({
      vulnerabilities: 3,
      firstSeen: week.now,
    });
  });
});
