import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../test-support/input-error.ts';
import { readJsonDocument } from './json-document.ts';
import { parseVulnerabilityDelta, parseVulnerabilityDeltaLines } from './vulnerabilities-delta.ts';

const FILE = 'export_SoftwareVulnerabilityChanges.delta.json';
const records = () => readJsonDocument(defenderFixture(FILE), FILE).records;

describe('software vulnerabilities delta export', () => {
  it('keeps the latest change per device × recommendation and skips rows without one', () => {
    const batch = parseVulnerabilityDelta(records(), FILE);
    if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
    expect(batch.changes).toEqual([
      {
        deviceId: '00044f612345daf756462bde6bd733b9a9c59ab4',
        recommendationId: 'va-_-google-_-chrome',
        status: 'Fixed',
        eventTimestamp: '2021-01-12T08:00:00.123Z',
      },
    ]);
    expect(batch.devices.map((d) => [d.computerDnsName, d.rbacGroupName])).toEqual([
      ['client1.contoso.com', 'hhh'],
      ['client2.contoso.com', 'UnassignedGroup'],
    ]);
    expect(batch.observedAt).toBe('2021-01-12T08:00:00.123Z');
    expect(batch.warnings[0]?.count).toBe(1);
  });

  it('an older event does not replace a newer one, whatever the row order', async () => {
    const [first, second] = records().map((r) => JSON.stringify(r.value));
    const batch = await parseVulnerabilityDeltaLines([second ?? '', first ?? ''], 'd.json');
    if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
    expect(batch.changes.map((c) => c.status)).toEqual(['Fixed']);
  });

  it('a later change replaces an earlier one in place: changes stay in the order first seen', () => {
    const [r] = records();
    const at = (over: object, line: number) => ({
      value: { ...(r?.value as object), ...over },
      line,
      path: '$',
    });
    const batch = parseVulnerabilityDelta(
      [
        at({ recommendationReference: 'r1', status: 'New', eventTimestamp: '2021-01-01 00:00:00' }, 1),
        at({ recommendationReference: 'r2', status: 'New', eventTimestamp: '2021-01-01 00:00:00' }, 2),
        at({ recommendationReference: 'r1', status: 'Fixed', eventTimestamp: '2021-01-02 00:00:00' }, 3),
        at({ recommendationReference: 'r2', status: 'Updated', eventTimestamp: '2020-12-31 00:00:00' }, 4),
      ],
      'd.json',
    );
    if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
    expect(batch.changes.map((c) => [c.recommendationId, c.status, c.eventTimestamp])).toEqual([
      ['r1', 'Fixed', '2021-01-02T00:00:00.000Z'],
      ['r2', 'New', '2021-01-01T00:00:00.000Z'],
    ]);
  });

  it('refuses an unknown status and a missing event time, naming the line', () => {
    const [r] = records();
    const bad = (over: object) => () =>
      parseVulnerabilityDelta(
        [{ value: { ...(r?.value as object), ...over }, line: 9, path: '$.value[0]' }],
        'd.json',
      );
    expect(inputErrorOf(bad({ status: 'Gone' })).message).toBe(
      'd.json:9: $.value[0].status: status: "Gone" is not one of New, Fixed, Updated',
    );
    expect(inputErrorOf(bad({ eventTimestamp: null })).issues[0]).toMatchObject({
      line: 9,
      field: 'eventTimestamp',
    });
  });
});
