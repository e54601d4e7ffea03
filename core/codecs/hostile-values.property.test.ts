/**
 * Whatever values a vendor record carries — numbers past 2^53, negative, fractional or -0; moments
 * far in the past or future, in odd zones; long, Chinese, hostile or control-character text — a
 * record core's parsers accept gives a state that is written as a snapshot and read back the same
 * (what `remdesk validate` checks), and importing it again changes nothing. What they refuse is an
 * InputError naming the file, line and field. Property-based: fast-check draws the records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOSTILE } from '../../test/support/core/snapshot-state.ts';
import { InputError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { canonicalState } from '../model/canonical-order.ts';
import { sequentialIds } from '../model/id-source.ts';
import { emptyState, type State } from '../model/state.ts';
import { instant } from '../model/time.ts';
import { applyImport } from '../rules/apply-import.ts';
import { decodeSnapshot } from './snapshot/decode.ts';
import { encodeSnapshot } from './snapshot/encode.ts';
import { sameContent } from './snapshot/manifest.ts';
import { VendorImport } from './vendor/vendor-import.ts';

const NOW = instant('2026-12-06T08:00:00Z');
const META = { generatedAt: NOW, source: 'property test' };

/**
 * Mostly sound, sometimes hostile: a record is refused for one bad field, so each field is rarely
 * bad, or nearly no record would be accepted and the round trip would go untested.
 */
const mostly = <T>(sound: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: sound, weight: 30 }, { arbitrary: hostile, weight: 1 });

/** Counts as the vendor might send them: fine, at the bounds, and far past them. */
const count = mostly(
  fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(0, LIMITS.maxCount)),
  fc.oneof(
    fc.constantFrom(LIMITS.maxCount + 1, 2 ** 53, 2 ** 53 + 2, 1e21, 1e300, -0, -1, 1.5),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  ),
);
/** Scores and impacts: any finite number JSON can hold. */
const decimal = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, -1e21, 5e-324, 7.5),
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Timestamps in the forms the vendor writes, in any zone, from year 0 to 9999. */
const anyStamp = fc.oneof(
  fc.constantFrom(
    '9999-12-31T23:59:59+14:00',
    '9999-12-31T23:00:00-05:00',
    '0001-01-01',
    '+010000-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:30:00+01:00',
    '2199-12-31T23:59:59.9999999Z',
    '2200-01-01T00:00:00Z',
    '2199-12-31T20:00:00-05:00',
    '2021-02-10T13:20:36.4718166Z',
    '2021-01-05 17:04:30',
    '2024-02-29T12:00:00+23:59',
    '2024-02-30T00:00:00Z',
  ),
  fc
    .record({
      y: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1960, max: 2210 })),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      frac: fc.constantFrom('', '.5', '.4718166', '.999999999'),
      zone: fc.constantFrom('Z', '', '+14:00', '-12:00', '+05:45', '-0930', '+23:59'),
    })
    .map(
      ({ y, mo, d, h, mi, frac, zone }) =>
        `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${frac}${zone}`,
    ),
);
const stamp = mostly(
  fc
    .date({
      min: new Date(LIMITS.earliestInstant),
      max: new Date(Date.parse(LIMITS.latestInstant) - 1),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  anyStamp,
);

/** Text fields: hostile to spreadsheets and CSV, control characters, Chinese, long. */
const text = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  // Halves of surrogate pairs, alone or paired: JSON holds them, UTF-8 cannot.
  fc.string({ unit: fc.constantFrom('\uD800', '\uDC00', '\uDBFF\uDFFF', 'a'), maxLength: 4 }),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const productId = fc.constantFrom('google-_-chrome', 'microsoft-_-edge', 'vendor-_-产品');

const recommendation = fc.record({
  id: productId.map((p) => `va-_-${p}`),
  productName: text,
  recommendationName: text,
  weaknesses: count,
  vendor: text,
  recommendedVersion: text,
  recommendedVendor: text,
  recommendedProgram: text,
  recommendationCategory: fc.constantFrom('Application', 'OS'),
  subCategory: text,
  severityScore: decimal,
  publicExploit: fc.boolean(),
  activeAlert: fc.boolean(),
  associatedThreats: fc.array(text, { maxLength: 3 }),
  remediationType: fc.constantFrom('Update', 'Uninstall'),
  status: fc.constantFrom('Active', 'Exception'),
  configScoreImpact: decimal,
  exposureImpact: decimal,
  totalMachineCount: count,
  exposedMachinesCount: count,
  nonProductivityImpactedAssets: count,
  relatedComponent: text,
  exposedCriticalDevices: maybe(count),
  tags: fc.array(text, { maxLength: 3 }),
  hasUnpatchableCve: maybe(fc.boolean()),
});

const machine = fc.record({
  id: hex40,
  computerDnsName: text,
  osPlatform: text,
  rbacGroupName: fc.constantFrom('Servers', '服务器', 'UnassignedGroup', null),
  machineTags: fc.array(text, { maxLength: 3 }),
  exposureLevel: fc.constantFrom('None', 'Low', 'High', null),
  riskScore: fc.constantFrom('None', 'Medium', null),
  lastSeen: maybe(stamp),
});

const activity = fc.record({
  id: fc.uuid(),
  title: text,
  createdOn: stamp,
  requesterId: maybe(text),
  requesterEmail: fc.constantFrom('user1@contoso.com', null, 'Display Name'),
  status: fc.constantFrom('Active', 'Completed'),
  statusLastModifiedOn: stamp,
  description: text,
  relatedComponent: text,
  targetDevices: count,
  rbacGroupNames: fc.array(fc.constantFrom('Servers', 'hhh', '服务器'), { maxLength: 2 }),
  fixedDevices: count,
  requesterNotes: text,
  dueOn: maybe(stamp),
  category: fc.constant('Software'),
  productivityImpactRemediationType: fc.constantFrom('AllExposedAssets', null),
  priority: fc.constantFrom('High', 'Low'),
  completionMethod: fc.constantFrom('Manual', 'Automatic', null),
  completerId: maybe(text),
  completerEmail: fc.constantFrom('admin@contoso.com', null),
  scid: fc.constant(null),
  type: fc.constantFrom('Update', 'AttentionRequired', 'Uninstall'),
  productId,
  vendorId: maybe(text),
  nameId: maybe(text),
  recommendedVersion: maybe(text),
  recommendedVendor: maybe(text),
  recommendedProgram: maybe(text),
});

/** A row of the software-vulnerabilities export (one device × software × CVE). */
const vulnerability = fc.record({
  id: fc.string({ maxLength: 4 }),
  deviceId: fc.constantFrom('a'.repeat(40), 'b'.repeat(40)),
  deviceName: text,
  rbacGroupName: fc.constantFrom('Servers', null),
  osPlatform: text,
  softwareVendor: text,
  softwareName: text,
  softwareVersion: maybe(text),
  cveId: fc.constantFrom('CVE-2024-1', 'CVE-2024-2', 'TVM-0001-00000000', null),
  vulnerabilitySeverityLevel: fc.constantFrom('Low', 'Critical'),
  recommendationReference: productId.map((p) => `va-_-${p}`),
  firstSeenTimestamp: stamp,
  lastSeenTimestamp: stamp,
  exploitabilityLevel: text,
});

const FILES: readonly { readonly context: string; readonly records: fc.Arbitrary<{ id: string }> }[] = [
  { context: 'Recommendations', records: recommendation },
  { context: 'Machines', records: machine },
  { context: 'RemediationTasks', records: activity },
  { context: 'SoftwareVulnerabilitiesByMachine', records: vulnerability },
];

/**
 * A vendor file of `records`, through the import path (an export as seen exposed: a page alone is
 * not a whole export); null when core refuses it, as it must, naming file, line and field.
 */
function parsed(context: string, records: readonly unknown[]) {
  const file = `${context}.json`;
  const json = JSON.stringify(
    { '@odata.context': `https://api.securitycenter.microsoft.com/api/$metadata#${context}`, value: records },
    null,
    2,
  );
  try {
    const vendor = new VendorImport();
    vendor.addJson(json, file);
    return vendor.finish(true).entries.map((e) => e.batch);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const issue of e.issues) {
      expect(issue.file).toBe(file);
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.field).not.toBeNull();
    }
    return null;
  }
}

const imported = (state: State, batches: ReturnType<typeof parsed> & object): State =>
  batches.reduce((s, b) => applyChanges(s, applyImport(s, b, NOW, sequentialIds('ev'))), state);

let accepted = 0;
let refused = 0;

describe('what core accepts from a vendor file, a snapshot holds (issue 15)', () => {
  for (const { context, records } of FILES) {
    it(`${context}: an accepted file gives a state that encodes, decodes the same, and imports again as a no-op`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(records, { minLength: 1, maxLength: 3, selector: (r) => r.id }),
          async (recs) => {
            const batches = parsed(context, recs);
            if (batches === null) {
              refused++;
              return;
            }
            accepted++;
            const state = imported(emptyState(), batches);
            const files = await encodeSnapshot(state, META);
            const { state: decoded } = await decodeSnapshot(files, 'snap');
            expect(decoded).toEqual(canonicalState(state));
            const again = imported(decoded, parsed(context, recs) ?? []);
            expect(sameContent(await encodeSnapshot(again, META), files)).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('the draws were both accepted and refused, often', () => {
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(30);
  });
});
