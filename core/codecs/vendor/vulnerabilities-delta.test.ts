import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { inputErrorOf } from '../../../test/support/core/input-error.ts';
import {
  parseVulnerabilityDelta,
  parseVulnerabilityDeltaLines,
} from '../../../test/support/core/vendor-batch.ts';
import { readJsonDocument } from './json-document.ts';

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
  b.changes.map((c) => [
    c.recommendationId,
    { fixed: c.fixed, added: c.added, kept: c.kept, noCve: [c.fixedWithoutCve, c.exposedWithoutCve] },
  ]);

describe('software vulnerabilities delta export', () => {
  it('reads the vendor sample: a CVE New then Fixed in the one delta came and went; rows without a recommendation are skipped', () => {
    const batch = parseVulnerabilityDelta(records(), FILE);
    if (batch.kind !== 'exposureDelta') throw new Error(batch.kind);
    expect(batch.changes).toEqual([
      {
        deviceId: '00044f612345daf756462bde6bd733b9a9c59ab4',
        recommendationId: 'va-_-google-_-chrome',
        fixed: 0,
        added: 0,
        kept: 0,
        fixedWithoutCve: 0,
        exposedWithoutCve: 0,
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

  it('the order of the rows changes nothing: each is judged by its event time', async () => {
    const [first, second] = records().map((r) => JSON.stringify(r.value));
    const forward = await parseVulnerabilityDeltaLines([first ?? '', second ?? ''], 'd.json');
    const backward = await parseVulnerabilityDeltaLines([second ?? '', first ?? ''], 'd.json');
    expect(backward).toEqual(forward);
    const fixedLater = delta([
      row({ status: 'Fixed', eventTimestamp: '2021-01-12 08:00:00' }),
      row({ status: 'Updated', eventTimestamp: '2021-01-10 08:00:00' }),
    ]);
    expect(counts(fixedLater)).toEqual([
      ['va-_-google-_-chrome', { fixed: 1, added: 0, kept: 0, noCve: [0, 0] }],
    ]);
  });

  it("R-PROG-1: a CVE New then Fixed in the one delta counts for nothing: it fixes none of the archive's", () => {
    const b = delta([
      row({ status: 'New', eventTimestamp: '2021-01-10 08:00:00' }),
      row({ status: 'Fixed', eventTimestamp: '2021-01-12 08:00:00' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 0, noCve: [0, 0] }]]);
  });

  it('R-PROG-1: an upgrade across two runs (New 2.0 earlier than Fixed 1.0, same CVE) is no fix', () => {
    const b = delta([
      row({ status: 'New', softwareVersion: '2.0', eventTimestamp: '2021-01-10 08:00:00' }),
      row({ status: 'Fixed', softwareVersion: '1.0', eventTimestamp: '2021-01-12 08:00:00' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 1, noCve: [0, 0] }]]);
  });

  it('R-PROG-1: a device that moved group (Fixed in the old, New in the new) is kept exposed, in its new group', () => {
    const at = '2021-01-12 08:00:00';
    const b = delta([
      row({ status: 'New', rbacGroupName: 'Servers', eventTimestamp: at }),
      row({ status: 'Fixed', rbacGroupName: 'hhh', eventTimestamp: at }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 1, noCve: [0, 0] }]]);
    expect(b.devices.map((d) => d.rbacGroupName)).toEqual(['Servers']);
  });

  it('R-PROG-1: an upgrade still exposed to the same CVE (Fixed 1.0, New 2.0) is no fix', () => {
    const b = delta([
      row({ status: 'Fixed', softwareVersion: '1.0', eventTimestamp: '2021-01-12 08:00:00' }),
      row({ status: 'New', softwareVersion: '2.0', eventTimestamp: '2021-01-12 08:00:00' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 1, noCve: [0, 0] }]]);
  });

  it('R-PROG-1: versions with no CVE named are counted apart from CVEs: one fixed, one still exposed', () => {
    const b = delta([
      row({ status: 'Fixed', cveId: null, softwareVersion: '1.0' }),
      row({ status: 'New', cveId: null, softwareVersion: '2.0' }),
    ]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 0, added: 0, kept: 0, noCve: [1, 1] }]]);
  });

  it('a Fixed row alone adds no device: it says nothing of a device the archive lacks', () => {
    const b = delta([row({ status: 'Fixed' })]);
    expect(b.devices).toEqual([]);
    expect(counts(b)).toEqual([['va-_-google-_-chrome', { fixed: 1, added: 0, kept: 0, noCve: [0, 0] }]]);
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
