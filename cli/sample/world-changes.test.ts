import { describe, expect, it } from 'vitest';
import { device } from '../../test/support/core/builders.ts';
import { releaseBrowsers } from './browser-releases.ts';
import { HOSTILE } from './catalogue.ts';
import { churn } from './churn.ts';
import { mulberry32 } from './prng.ts';
import { REFUSING, testWeek } from './test-week.ts';
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
});
