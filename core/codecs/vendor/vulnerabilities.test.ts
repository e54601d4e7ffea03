import { describe, expect, it } from 'vitest';
import { defenderFixture } from '../../../test/fixtures/defender-api/fixtures.ts';
import { asyncInputErrorOf, inputErrorOf } from '../../../test/support/core/input-error.ts';
import { parseVulnerabilities, parseVulnerabilityLines } from '../../../test/support/core/vendor-batch.ts';
import type { Instant } from '../../model/time.ts';
import { readJsonDocument } from './json-document.ts';
import { createVulnerabilityAccumulator } from './vulnerabilities.ts';

const FILE = 'export_SoftwareVulnerabilitiesByMachine.clean.json';
const DEV_A = 'aa'.repeat(20);
const DEV_B = 'bb'.repeat(20);

const row = (over: object = {}) => ({
  deviceId: DEV_A,
  deviceName: 'a.contoso.com',
  rbacGroupName: 'Servers',
  osPlatform: 'WindowsServer2019',
  softwareVendor: 'google',
  softwareName: 'chrome',
  softwareVersion: '119.0',
  cveId: 'CVE-2023-0001',
  vulnerabilitySeverityLevel: 'Medium',
  recommendationReference: 'va-_-google-_-chrome',
  lastSeenTimestamp: '2021-01-10 10:00:00',
  firstSeenTimestamp: '2021-01-01 10:00:00',
  exploitabilityLevel: 'NoExploit',
  ...over,
});

const exposuresOf = (rows: readonly object[], observedAt?: Instant) => {
  const acc = createVulnerabilityAccumulator('v.json');
  for (const [i, r] of rows.entries()) acc.add(r, i + 1);
  const batch = acc.finish(observedAt);
  if (batch.kind !== 'exposures') throw new Error(batch.kind);
  return batch;
};

describe('software vulnerabilities export', () => {
  it('imports the vendor sample: one exposure per device × recommendation, devices seen', () => {
    const batch = parseVulnerabilities(readJsonDocument(defenderFixture(FILE), FILE).records, FILE);
    if (batch.kind !== 'exposures') throw new Error(batch.kind);
    expect(batch.exposures).toEqual([
      {
        deviceId: '00044f612345daf756462bde6bd733b9a9c59ab4',
        recommendationId: 'va-_-microsoft-_-edge',
        vulnerabilities: 0,
        highestSeverity: null,
        firstSeen: '2020-12-30T11:07:15.000Z',
        lastSeen: '2020-12-30T14:17:26.000Z',
      },
      {
        deviceId: '00044f912345daf756462bde6db733b6a9c59ad4',
        recommendationId: 'va-_-microsoft-_-.net_framework',
        vulnerabilities: 0,
        highestSeverity: null,
        firstSeen: '2020-12-30T11:07:15.000Z',
        lastSeen: '2020-12-30T13:18:33.000Z',
      },
    ]);
    expect(batch.devices.map((d) => [d.id, d.osPlatform, d.rbacGroupName])).toEqual([
      ['00044f612345daf756462bde6bd733b9a9c59ab4', 'Windows10', 'hhh'],
      ['00044f912345daf756462bde6db733b6a9c59ad4', 'Windows10', 'hhh'],
    ]);
    expect(batch.devices[0]?.computerDnsName).toMatch(/^ComputerPII_18663b45.*\.corp\.contoso\.com$/);
    // No observation time given: the newest lastSeenTimestamp dates the export.
    expect(batch.observedAt).toBe('2020-12-30T14:17:26.000Z');
    expect(batch.warnings).toEqual([]);
  });

  it('counts distinct vulnerabilities (CVE and vendor ids), keeps the highest severity and the seen range', () => {
    const batch = exposuresOf(
      [
        row(),
        row({
          cveId: 'CVE-2023-0001',
          softwareVersion: '118.0',
          firstSeenTimestamp: '2020-12-01T00:00:00.0000000Z',
        }),
        row({ cveId: 'TVM-0001-00000000', vulnerabilitySeverityLevel: 'Critical' }),
        row({ cveId: null, vulnerabilitySeverityLevel: null, lastSeenTimestamp: '2021-02-01 00:00:00' }),
        row({ deviceId: DEV_B, cveId: 'CVE-2023-0002', vulnerabilitySeverityLevel: 'Low' }),
      ],
      '2021-03-01T00:00:00.000Z' as Instant,
    );
    expect(batch.exposures).toEqual([
      {
        deviceId: DEV_A,
        recommendationId: 'va-_-google-_-chrome',
        vulnerabilities: 2,
        highestSeverity: 'Critical',
        firstSeen: '2020-12-01T00:00:00.000Z',
        lastSeen: '2021-02-01T00:00:00.000Z',
      },
      expect.objectContaining({ deviceId: DEV_B, vulnerabilities: 1, highestSeverity: 'Low' }),
    ]);
    expect(batch.observedAt).toBe('2021-03-01T00:00:00.000Z');
  });

  it('skips rows without a recommendation, counting them in a warning, but keeps their device', () => {
    const batch = exposuresOf([row(), row({ deviceId: DEV_B, recommendationReference: null })]);
    expect(batch.exposures).toHaveLength(1);
    expect(batch.devices.map((d) => d.id)).toEqual([DEV_A, DEV_B]);
    expect(batch.warnings).toEqual([
      {
        file: 'v.json',
        field: 'recommendationReference',
        count: 1,
        message: expect.stringContaining('1 row without a recommendationReference was skipped'),
      },
    ]);
  });

  it('refuses a bad row, naming file, line and field', () => {
    expect(
      inputErrorOf(() => exposuresOf([row(), row({ vulnerabilitySeverityLevel: 'Severe' })])).message,
    ).toBe(
      'v.json:2: $.vulnerabilitySeverityLevel: vulnerabilitySeverityLevel: "Severe" is not one of Low, Medium, High, Critical',
    );
    expect(inputErrorOf(() => exposuresOf([row({ deviceId: 42 })])).issues[0]).toMatchObject({
      line: 1,
      field: 'deviceId',
    });
    expect(inputErrorOf(() => exposuresOf([row({ lastSeenTimestamp: 'soon' })])).issues[0]?.field).toBe(
      'lastSeenTimestamp',
    );
  });

  it('refuses a wrong type in every field it reads, with the same words as before', () => {
    const issue = (over: object) => inputErrorOf(() => exposuresOf([row(), row(over)])).issues[0];
    expect(issue({ cveId: 7 })).toMatchObject({
      line: 2,
      field: 'cveId',
      message: 'expected a string or null, got number 7',
    });
    expect(issue({ vulnerabilitySeverityLevel: 3 })).toMatchObject({
      field: 'vulnerabilitySeverityLevel',
      message: 'expected a string, got number 3',
    });
    expect(issue({ recommendationReference: ['x'] })).toMatchObject({ field: 'recommendationReference' });
    expect(issue({ firstSeenTimestamp: 20210101 })).toMatchObject({ field: 'firstSeenTimestamp' });
    expect(issue({ firstSeenTimestamp: '2021-02-30 10:00:00' })?.message).toMatch(/not a real date/);
    // The first bad field of a row is the one named, in the order they are read.
    expect(issue({ deviceId: 'x', cveId: 7 })?.field).toBe('deviceId');
  });

  it('one device however its id is cased; exposures in the order first seen, rows interleaved', () => {
    const batch = exposuresOf([
      row({ recommendationReference: 'r1' }),
      row({ deviceId: DEV_B, recommendationReference: 'r2' }),
      row({ deviceId: DEV_A.toUpperCase(), recommendationReference: 'r2', cveId: 'CVE-X' }),
      row({ deviceId: DEV_B, recommendationReference: 'r1', vulnerabilitySeverityLevel: 'High' }),
      row({ recommendationReference: 'r1', vulnerabilitySeverityLevel: 'Low', cveId: '' }),
      row({ recommendationReference: '' }),
    ]);
    expect(
      batch.exposures.map((e) => [e.deviceId, e.recommendationId, e.highestSeverity, e.vulnerabilities]),
    ).toEqual([
      [DEV_A, 'r1', 'Medium', 1],
      [DEV_B, 'r2', 'Medium', 1],
      [DEV_A, 'r2', 'Medium', 1],
      [DEV_B, 'r1', 'High', 1],
    ]);
    expect(batch.devices.map((d) => d.id)).toEqual([DEV_A, DEV_B]);
    expect(batch.warnings[0]?.count).toBe(1);
  });

  it('counts many distinct vulnerabilities of one exposure, repeats once', () => {
    const cves = Array.from({ length: 40 }, (_, i) => `CVE-2024-${i}`);
    const batch = exposuresOf([...cves, ...cves].map((cveId) => row({ cveId })));
    expect(batch.exposures.map((e) => e.vulnerabilities)).toEqual([40]);
  });

  it('tells vulnerability ids apart as written: leading zeros, case, long numbers, vendor ids', () => {
    const ids = [
      'CVE-2014-0160',
      'CVE-2014-160',
      'CVE-2014-00160',
      'cve-2014-0160',
      'CVE-2014-0160 ',
      'CVE-2021-1234567890',
      'CVE-2021-12345678901',
      'CVE-20x1-1234',
      'TVM-0001-00000000',
      'TVM-0001-00000001',
    ];
    const batch = exposuresOf([...ids, ...ids.slice().reverse()].map((cveId) => row({ cveId })));
    expect(batch.exposures.map((e) => e.vulnerabilities)).toEqual([ids.length]);
  });

  it('keeps the seen range of each exposure when rows of devices interleave and stamps are missing', () => {
    const batch = exposuresOf([
      row({ firstSeenTimestamp: null, lastSeenTimestamp: null }),
      row({
        deviceId: DEV_B,
        firstSeenTimestamp: '2021-01-05 00:00:00',
        lastSeenTimestamp: '2021-01-06 00:00:00',
      }),
      row({ firstSeenTimestamp: '2021-01-03 00:00:00', lastSeenTimestamp: '' }),
      row({ deviceId: DEV_B, firstSeenTimestamp: '2021-01-04 00:00:00', lastSeenTimestamp: null }),
      row({ firstSeenTimestamp: '2021-01-02T00:00:00.5Z', lastSeenTimestamp: '2021-01-07 00:00:00' }),
      row({ firstSeenTimestamp: null, lastSeenTimestamp: '2021-01-06 23:00:00' }),
    ]);
    expect(batch.exposures.map((e) => [e.deviceId, e.firstSeen, e.lastSeen])).toEqual([
      [DEV_A, '2021-01-02T00:00:00.500Z', '2021-01-07T00:00:00.000Z'],
      [DEV_B, '2021-01-04T00:00:00.000Z', '2021-01-06T00:00:00.000Z'],
    ]);
    expect(batch.observedAt).toBe('2021-01-07T00:00:00.000Z');
  });

  it('refuses timestamps outside the times an archive holds, in the quick path and the general one', () => {
    for (const stamp of [
      '9999-12-31T23:00:00-05:00',
      '9999-12-31 23:59:59.999',
      '0100-01-01 00:00:00',
      '1969-12-31 23:59:59',
      '2200-01-01T00:00:00Z',
      '2199-12-31T23:30:00-01:00',
    ]) {
      const issue = inputErrorOf(() => exposuresOf([row({ lastSeenTimestamp: stamp })])).issues[0];
      expect(issue).toMatchObject({ line: 1, field: 'lastSeenTimestamp' });
      expect(issue?.message).toContain('2200-01-01T00:00:00.000Z');
    }
    const batch = exposuresOf([
      row({ firstSeenTimestamp: '1970-01-01 00:00:00', lastSeenTimestamp: '2199-12-31T23:59:59.999Z' }),
    ]);
    expect(batch.observedAt).toBe('2199-12-31T23:59:59.999Z');
  });

  it('needs an observation time when the export has none', () => {
    expect(inputErrorOf(() => exposuresOf([])).issues[0]?.field).toBe('lastSeenTimestamp');
  });

  it('streams a gzip file of one record per line, skipping blank lines', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      row({
        deviceId: (i % 97).toString(16).padStart(40, '0'),
        recommendationReference: `va-_-vendor-_-product${i % 13}`,
        cveId: `CVE-2024-${i % 7}`,
      }),
    );
    const text = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n\n`;
    const batch = await parseVulnerabilityLines(text.split('\n'), 'export.json.gz');
    if (batch.kind !== 'exposures') throw new Error(batch.kind);
    const expected = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.deviceId} ${r.recommendationReference}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(String(r.cveId)));
    }
    expect(batch.exposures).toHaveLength(expected.size);
    for (const e of batch.exposures) {
      expect(e.vulnerabilities).toBe(expected.get(`${e.deviceId} ${e.recommendationId}`)?.size);
    }
    expect(batch.devices).toHaveLength(97);
  });

  it('reports the line of a line that is not JSON', async () => {
    const lines = [JSON.stringify(row()), '', '{"deviceId": "aa",', JSON.stringify(row())];
    const e = await asyncInputErrorOf(parseVulnerabilityLines(lines, 'export.json'));
    expect(e.issues[0]).toMatchObject({ file: 'export.json', line: 3 });
    expect(e.message).toMatch(/cut short/);
  });
});
