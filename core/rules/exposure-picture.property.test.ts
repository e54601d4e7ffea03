/**
 * Whatever pages or parts of an exposure export arrive, in whatever order and number, no device is
 * fixed that the whole export does not show fixed, and nothing is fixed unless the export is whole
 * (R-PROG-1, R-DONE-1). Property-based: fast-check draws the export, its cutting and the files given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPOSURES_CONTEXT, listingOf, pagesOf } from '../../test/fixtures/defender-api/paged.ts';
import {
  devId,
  device,
  exposure,
  NOW,
  REC_ID,
  stateWith,
  trackedWithDevices,
} from '../../test/support/core/builders.ts';
import { VendorImport } from '../codecs/vendor/vendor-import.ts';
import { InputError } from '../errors.ts';
import { applyChanges } from '../model/apply-changes.ts';
import { sequentialIds } from '../model/id-source.ts';
import type { State } from '../model/state.ts';
import { applyImport } from './apply-import.ts';

const DEVICES = 12;
/** An activity over devices 1..12, all exposed. */
function start(): State {
  const { activity, rows } = trackedWithDevices('a', DEVICES);
  const all = Array.from({ length: DEVICES }, (_, i) => i + 1);
  return stateWith({
    activities: [activity],
    activityDevices: rows,
    devices: all.map((n) => device(n)),
    exposures: all.map((n) => exposure(n)),
  });
}

const rowOf = (n: number) => ({
  deviceId: devId(n),
  deviceName: `host${n}.contoso.com`,
  rbacGroupName: 'Servers',
  osPlatform: 'Windows11',
  softwareVendor: 'google',
  softwareName: 'chrome',
  softwareVersion: '1.0',
  cveId: 'CVE-2024-1',
  vulnerabilitySeverityLevel: 'High',
  recommendationReference: REC_ID,
  firstSeenTimestamp: '2024-06-01 00:00:00',
  lastSeenTimestamp: '2024-06-15 09:00:00',
});

/** The files of one import, applied as remdesk import applies them; null when refused. */
async function imported(
  files: readonly ({ json: string; self?: string } | { lines: string[]; name: string })[],
  partial: boolean,
): Promise<State | null> {
  const vendor = new VendorImport();
  for (const [i, f] of files.entries()) {
    if ('json' in f)
      vendor.addJson(f.json, `file${i}.json`, f.self === undefined ? undefined : { self: f.self });
    else
      await vendor.addLines(
        (async function* () {
          yield* f.lines;
        })(),
        f.name,
      );
  }
  let entries: ReturnType<VendorImport['finish']>['entries'];
  try {
    entries = vendor.finish(partial).entries;
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
  const ids = sequentialIds('prop');
  let state = start();
  for (const { batch } of entries) state = applyChanges(state, applyImport(state, batch, NOW, ids));
  return state;
}

const fixedDevices = (s: State) =>
  s.activityDevices.filter((r) => r.state === 'fixed').map((r) => r.deviceId);

/** Devices still exposed in the whole export (at least one row), and how many rows go on a page or in a part. */
const exportShape = fc.record({
  exposed: fc.uniqueArray(fc.integer({ min: 1, max: DEVICES }), { minLength: 1, maxLength: DEVICES }),
  size: fc.integer({ min: 1, max: 5 }),
  partial: fc.boolean(),
});

/** An export cut into pages, and which of them are given, in which order. */
const pagedExport = exportShape.chain((shape) => {
  const pages = pagesOf(EXPOSURES_CONTEXT, shape.exposed.map(rowOf), shape.size);
  return fc.record({
    shape: fc.constant(shape),
    pages: fc.constant(pages),
    given: fc.shuffledSubarray(
      pages.map((_, i) => i),
      { minLength: 1 },
    ),
  });
});

describe('an exposure picture fixes only what the whole export shows fixed', () => {
  it('R-PROG-1: any pages of a paged export saved as files, in any order, fix nothing', async () => {
    await fc.assert(
      fc.asyncProperty(pagedExport, async ({ shape, pages, given }) => {
        const after = await imported(
          given.map((i) => ({ json: pages[i] ?? '' })),
          shape.partial,
        );
        // Nothing in a saved page says where it started: pages from files never show they are all.
        if (!shape.partial) expect(after).toBeNull();
        else expect(after && fixedDevices(after)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('R-PROG-1: pages fetched by following the links fix exactly what the whole export shows fixed', async () => {
    await fc.assert(
      fc.asyncProperty(pagedExport, async ({ shape, pages, given }) => {
        const links = pages.map((p) => (JSON.parse(p) as { '@odata.nextLink'?: string })['@odata.nextLink']);
        const after = await imported(
          given.map((i) => ({ json: pages[i] ?? '', self: i === 0 ? 'first' : (links[i - 1] ?? '') })),
          shape.partial,
        );
        const whole = given.length === pages.length;
        if (!whole && !shape.partial) expect(after).toBeNull();
        if (after === null) return;
        const fixed = fixedDevices(after).sort();
        const shownFixed = Array.from({ length: DEVICES }, (_, i) => i + 1)
          .filter((n) => !shape.exposed.includes(n))
          .map(devId)
          .sort();
        expect(fixed).toEqual(whole ? shownFixed : []);
      }),
      { numRuns: 200 },
    );
  });

  it('R-PROG-1: any parts of a via-files export, with or without its listing, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        exportShape.chain((shape) => {
          const rows = shape.exposed.map((n) => JSON.stringify(rowOf(n)));
          const parts: { name: string; lines: string[] }[] = [];
          for (let i = 0; i * shape.size < rows.length; i++)
            parts.push({
              name: `part-${String(i).padStart(5, '0')}.json.gz`,
              lines: rows.slice(i * shape.size, (i + 1) * shape.size),
            });
          return fc.record({
            shape: fc.constant(shape),
            parts: fc.constant(parts),
            given: fc.shuffledSubarray(
              parts.map((_, i) => i),
              { minLength: 1 },
            ),
            listing: fc.boolean(),
          });
        }),
        async ({ shape, parts, given, listing }) => {
          const files = given.map((i) => parts[i] as { name: string; lines: string[] });
          const all = listing ? [{ json: listingOf(parts.map((p) => p.name)) }, ...files] : files;
          const after = await imported(all, shape.partial);
          const whole = listing && given.length === parts.length;
          if (!whole && !shape.partial) expect(after).toBeNull();
          if (after === null) return;
          const fixed = fixedDevices(after);
          if (!whole) expect(fixed).toEqual([]);
          for (const n of shape.exposed) expect(fixed).not.toContain(devId(n));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a delta fixes only what its events show fixed', () => {
  /** The archive's exposure of device 1: CVE-A and CVE-B on version 1.0 (counted 2). */
  const START = ['A|1.0', 'B|1.0'];
  const step = fc.record({
    cve: fc.constantFrom('A', 'B', 'C'),
    version: fc.constantFrom('1.0', '2.0'),
    fix: fc.boolean(),
    minute: fc.integer({ min: 0, max: 5 }),
  });

  // The vendor's events are true to what it saw: New for a vulnerability not exposed, Fixed or
  // Updated for one that is. (A device with one CVE on two versions side by side, which the archive
  // counts once, is the delta's known limit: docs/cli.md.)
  it('R-PROG-1: any true events, in any order in the file: a device is fixed only when nothing it had or gained is left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (steps, reversed) => {
          const items = new Set(START);
          const events: { cve: string; version: string; status: string; minute: number }[] = [];
          for (const e of [...steps].sort((a, b) => a.minute - b.minute)) {
            const key = `${e.cve}|${e.version}`;
            const status = !items.has(key) ? 'New' : e.fix ? 'Fixed' : 'Updated';
            if (status === 'Fixed') items.delete(key);
            else items.add(key);
            events.push({ ...e, status });
          }
          const rows = (reversed ? [...events].reverse() : events).map((e) => ({
            ...rowOf(1),
            cveId: `CVE-2024-${e.cve === 'A' ? 1 : e.cve === 'B' ? 2 : 3}`,
            softwareVersion: e.version,
            status: e.status,
            eventTimestamp: `2024-06-15 08:${String(e.minute).padStart(2, '0')}:00`,
          }));
          const vendor = new VendorImport();
          vendor.addJson(
            JSON.stringify({
              '@odata.context': 'x/$metadata#Collection(DeltaAssetVulnerability)',
              value: rows,
            }),
            'delta.json',
            { self: 'first' },
          );
          const [entry] = vendor.finish().entries;
          const s = start();
          const before = {
            ...s,
            exposures: s.exposures.map((x) => (x.deviceId === devId(1) ? { ...x, vulnerabilities: 2 } : x)),
          };
          if (!entry) throw new Error('no batch');
          const after = applyChanges(before, applyImport(before, entry.batch, NOW, sequentialIds('d')));
          const stillThere = after.exposures.some((x) => x.deviceId === devId(1));
          if (!stillThere) expect([...items]).toEqual([]);
          expect(fixedDevices(after).includes(devId(1))).toBe(!stillThere);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
