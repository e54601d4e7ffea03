import { describe, expect, it } from 'vitest';
import { recommendationId } from '../../core/index.ts';
import {
  devId,
  device,
  exc,
  exposure,
  GLOBAL,
  NOW,
  REC_ID,
  rec,
  row,
  stateWith,
  tracked,
} from '../../test/support/core/builders.ts';
import { deviceIdAt, readExplorerFile } from './explorer-file.ts';
import { explorerFiles } from './explorer-index.ts';

const JAVA = recommendationId('va-_-oracle-_-jre');
// Device 1 "zeta" (Servers), 2 "alpha" (Laptops); device 3 is known only from an activity row.
const state = stateWith({
  recommendations: [
    rec({ recommendationName: 'Update Chrome' }),
    rec({ id: JAVA, recommendationName: 'Java' }),
  ],
  devices: [
    device(1, 'Servers', { computerDnsName: 'zeta.contoso.com' }),
    device(2, 'Laptops', { computerDnsName: 'alpha.contoso.com' }),
  ],
  exposures: [exposure(2, JAVA)],
  activities: [
    tracked('a-chrome', { priority: 'High', rbacGroupNames: [] }),
    tracked('a-java', { recommendationId: JAVA }),
  ],
  activityDevices: [
    row('a-chrome', 1, 'Servers', { state: 'fixed' }),
    row('a-chrome', 3, 'Servers', { state: 'vanished' }),
    row('a-java', 1, 'Servers', { state: 'leftScope' }),
  ],
  exceptions: [
    exc('e-chrome'),
    exc('e-java', { recommendationId: JAVA, scope: GLOBAL, justification: 'RiskAccepted' }),
  ],
});
// The activities in the order the site lists them (java first), as the report hands them over.
const activities = [...state.activities].reverse();
const files = explorerFiles(state, NOW, {
  activities,
  recommendationPath: (id) => `recommendations/#rec-${id}`,
});
const data = readExplorerFile(JSON.parse(JSON.stringify(files.index)));

describe('the explorer files', () => {
  it('order devices by name, the nameless first, with their ids end to end in the same order', () => {
    expect(files.index.devices.names).toEqual(['', 'alpha.contoso.com', 'zeta.contoso.com']);
    expect([0, 1, 2].map((k) => deviceIdAt(files.deviceIds, k))).toEqual([devId(3), devId(2), devId(1)]);
    expect(files.index.groups).toEqual(['Laptops', 'Servers', 'UnassignedGroup']);
    expect(files.index.devices.group).toEqual([2, 0, 1]);
  });

  it("R-REQ-3, R-EXC-2..4: read back, each device has what core's deviceCoverage says covers it", () => {
    if (data === null) throw new Error('the index was not read');
    const title = (k: number) => files.index.activities.titles[k];
    const excRec = (k: number) =>
      files.index.recommendations.names[files.index.exceptions.recommendation[k] ?? -1];
    // zeta: fixed in a-chrome, left a-java's scope; Chrome's Servers exception covers it, Java's global one too.
    expect(data.activitiesOf(2).map((a) => [title(a.activity), a.state])).toEqual([
      ['Update Google Chrome', 'fixed'],
      ['Update Google Chrome', 'leftScope'],
    ]);
    expect(data.activitiesOf(2).map((a) => activities[a.activity]?.id)).toEqual(['a-chrome', 'a-java']);
    expect(data.exceptionsOf(2).map((e) => [excRec(e.exception), e.status, e.coversGroup])).toEqual([
      ['Update Chrome', 'InEffect', true],
      ['Java', 'InEffect', true],
    ]);
    // alpha: exposed to Java only, no activity; the nameless device: Chrome's exception, not its group.
    expect(data.activitiesOf(1)).toEqual([]);
    expect(data.exceptionsOf(1).map((e) => [excRec(e.exception), e.coversGroup])).toEqual([['Java', true]]);
    expect(data.exceptionsOf(0).map((e) => [excRec(e.exception), e.status, e.coversGroup])).toEqual([
      ['Update Chrome', 'InEffect', false],
    ]);
  });

  it("number the activities' values in core's lists and name their recommendation by its place", () => {
    const a = files.index.activities;
    expect(a.slugs).toEqual(['a-java', 'a-chrome']);
    expect(a.priority.map((p) => files.index.priorities[p])).toEqual(['Medium', 'High']);
    expect(a.recommendation.map((r) => files.index.recommendations.ids[r])).toEqual([JAVA, REC_ID]);
    expect(files.index.recommendations.paths).toEqual([
      `recommendations/#rec-${REC_ID}`,
      `recommendations/#rec-${JAVA}`,
    ]);
  });

  it('is refused when it is not the format the island reads', () => {
    expect(readExplorerFile({ format: 0 })).toBeNull();
    expect(readExplorerFile(null)).toBeNull();
  });
});
