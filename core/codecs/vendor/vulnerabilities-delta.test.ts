import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../test-support/input-error.ts';
import { readJsonDocument } from './json-document.ts';
import { parseVulnerabilityDelta, parseVulnerabilityDeltaLines } from './vulnerabilities-delta.ts';

const FILE = 'export_SoftwareVulnerabilityChanges.delta.json';
const records = () => readJsonDocument(defenderFixture(FILE), FILE).records;
const [template] = records();
/** A delta row of the vendor's sample with some fields changed. */
const row = (over: object, line = 1) => ({
  value: { ...(template?.value as object), ...over },
  line,
  path: '$',
});
const delta = (rows: ReturnType<typeof row>[]) => {
  const batch = parseVulnerabilityDelta(rows, 'd.json');
  if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
  return batch;
};
const counts = (b: ReturnType<typeof delta>) =>
  b.changes.map((c) => [c.recommendationId, { fixed: c.fixed, added: c.added, kept: c.kept }]);

describe('software vulnerabilities delta export', () => {
  it('counts each vulnerability once by its latest event, and skips rows without a recommendation', () => {
    const batch = parseVulnerabilityDelta(records(), FILE);
    if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
    expect(batch.changes).toEqual([
      {
        deviceId: '00044f612345daf756462bde6bd733b9a9c59ab4',
        recommendationId: 'va-_-google-_-chrome',
        fixed: 1,
        added: 0,
        kept: 0,
        highestSeverity: null,
        firstSeen: null,
        eventTimestamp: '2021-01-12T08:00:00.123Z',
      },
    ]);
    // Both devices were seen exposed (New, Updated): the delta adds them to an archive that lacks them.
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
    expect(batch.changes.map((c) => c.fixed)).toEqual([1]);
  });

  it('R-PROG-1: a device that moved group (Fixed in the old, New in the new) is kept exposed, in its new group', () => {
    const at = '2021-01-12 08:00:00';
    const b = delta([
      row({ status: 'New', rbacGroupName: 'Servers', eventTimestamp: at }),
      row({ status: 'Fixed', rbacGroupName: 'hhh', eventTimestamp: at }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 1 }]]);
    expect(b.devices.map((d) => d.rbacGroupName)).toEqual(['Servers']);
  });

  it('R-PROG-1: an upgrade still exposed to the same CVE (Fixed 1.0, New 2.0) is no fix', () => {
    const b = delta([
      row({ status: 'Fixed', softwareVersion: '1.0', eventTimestamp: '2021-01-12 08:00:00' }),
      row({ status: 'New', softwareVersion: '2.0', eventTimestamp: '2021-01-12 08:00:00' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 1 }]]);
  });

  it('R-PROG-1: an upgrade of software with no CVE named counts each version apart: one fixed, one new', () => {
    const b = delta([
      row({ status: 'Fixed', cveId: null, softwareVersion: '1.0' }),
      row({ status: 'New', cveId: null, softwareVersion: '2.0' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 1, added: 1, kept: 0 }]]);
  });

  it('a Fixed row alone adds no device: it says nothing of a device the archive lacks', () => {
    const b = delta([row({ status: 'Fixed' })]);
    expect(b.devices).toEqual([]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 1, added: 0, kept: 0 }]]);
  });

  it('refuses an unknown status and a missing event time, naming the line', () => {
    const bad = (over: object) => () =>
      parseVulnerabilityDelta(
        [{ value: { ...(template?.value as object), ...over }, line: 9, path: '$.value[0]' }],
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
