/**
 * Hostile values and structure at each place core parses them (issue 15): counts past
 * LIMITS.maxCount, moments outside [LIMITS.earliestInstant, LIMITS.latestInstant), fixed devices
 * above target devices (R-PROG-1), JSON nested past LIMITS.maxJsonDepth. Each is refused with an
 * InputError naming the file, the line and the field, never a crash; generated cases by fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exposure, rec, stateWith, tracked } from '../../test/support/core/builders.ts';
import { asyncInputErrorOf, inputErrorOf } from '../../test/support/core/input-error.ts';
import { activitiesFileText, vendorActivityRecord } from '../../test/support/core/vendor-files.ts';
import { InputError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { Instant } from '../model/time.ts';
import { instant } from '../model/time.ts';
import { decodeChangeBundle } from './bundle/change-bundle-file.ts';
import { integer } from './snapshot/cells.ts';
import { decodeSnapshot } from './snapshot/decode.ts';
import { encodeSnapshot } from './snapshot/encode.ts';
import { parseManifest, sha256Hex } from './snapshot/manifest.ts';
import { VendorImport } from './vendor/vendor-import.ts';

const META = { generatedAt: instant('2024-06-15T10:00:00Z'), source: 'test' };
const BOUND = `from 0 to ${LIMITS.maxCount}`;

const ACTIVITY = vendorActivityRecord('2024-06-01');

/**
 * The one issue of importing one vendor activity with `over` applied (the record starts on line
 * 4). Numbers in `raw` are written as given, as JSON text: `-0`, `9007199254740993`.
 */
function activityIssue(over: object, raw: Readonly<Record<string, string>> = {}) {
  const json = activitiesFileText({ ...ACTIVITY, ...over }, raw);
  const e = inputErrorOf(() => new VendorImport().addJson(json, 'tasks.json'));
  expect(e.issues).toHaveLength(1);
  return e.issues[0];
}

/** Counts no archive may hold, as JSON text: past 2^53, far past maxCount, negative, -0, fractional. */
const hostileCountText = fc.oneof(
  fc.constantFrom('9007199254740993', '1e21', '1e300', '-0', '-1', '1.5', String(LIMITS.maxCount + 1)),
  fc.integer({ min: LIMITS.maxCount + 1 }).map(String),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isInteger(n) || n < 0 || n > LIMITS.maxCount)
    .map(String),
);

describe('vendor files: counts and moments out of range', () => {
  it('a count past maxCount, negative, -0 or fractional is refused, naming the field and the bound', () => {
    fc.assert(
      fc.property(hostileCountText, fc.constantFrom('targetDevices', 'fixedDevices'), (n, field) => {
        const issue = activityIssue({ fixedDevices: 0 }, { [field]: n });
        expect(issue).toMatchObject({ file: 'tasks.json', line: 4, field });
        expect(issue?.message).toContain(BOUND);
      }),
    );
  });

  it('maxCount itself is a count', () => {
    const vendor = new VendorImport();
    vendor.addJson(
      JSON.stringify([{ ...ACTIVITY, targetDevices: LIMITS.maxCount, fixedDevices: LIMITS.maxCount }]),
      't.json',
    );
    const [entry] = vendor.finish().entries;
    expect(entry?.batch.kind === 'activities' && entry.batch.activities[0]).toMatchObject({
      progress: { targetDevices: LIMITS.maxCount, fixedDevices: LIMITS.maxCount },
    });
  });

  it('R-PROG-1: fixed devices above target devices is refused, naming fixedDevices', () => {
    fc.assert(
      fc.property(fc.nat({ max: LIMITS.maxCount - 1 }), fc.integer({ min: 1, max: 1000 }), (target, more) => {
        const fixed = Math.min(target + more, LIMITS.maxCount);
        const issue = activityIssue({ targetDevices: target, fixedDevices: fixed });
        expect(issue).toMatchObject({ file: 'tasks.json', line: 4, field: 'fixedDevices' });
        expect(issue?.message).toMatch(/^R-PROG-1: /);
      }),
    );
  });

  it('a created, modified or due time outside [earliestInstant, latestInstant) is refused, naming the field and the bounds', () => {
    const far = fc.constantFrom(
      '9999-12-31T23:59:59+14:00',
      '0001-01-01',
      '+010000-01-01T00:00:00Z',
      '2200-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31',
    );
    fc.assert(
      fc.property(far, fc.constantFrom('createdOn', 'statusLastModifiedOn', 'dueOn'), (raw, field) => {
        const issue = activityIssue({ [field]: raw });
        expect(issue).toMatchObject({ file: 'tasks.json', line: 4, field });
        if (raw !== '+010000-01-01T00:00:00Z') expect(issue?.message).toContain(LIMITS.latestInstant);
      }),
    );
  });
});

/** A snapshot of `state`, decoded: the encoder writes what it is given, the decoder judges it. */
const decoded = async (state: Parameters<typeof encodeSnapshot>[0]) =>
  decodeSnapshot(await encodeSnapshot(state, META), 'snap');

describe('snapshots: what the decoder refuses, whoever wrote the file (manifest checksums rewritten to match)', () => {
  it('R-PROG-1: an activity with more fixed devices than target devices', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 100 }), async (target, more) => {
        const activity = tracked('a', {
          progress: { kind: 'counts', targetDevices: target, fixedDevices: target + more },
        });
        const e = await asyncInputErrorOf(decoded(stateWith({ activities: [activity] })));
        expect(e.issues[0]).toMatchObject({ file: 'snap/activities.csv', line: 2, field: 'fixedDevices' });
      }),
      { numRuns: 30 },
    );
  });

  it('R-PROG-1: fixed, left-scope and vanished devices together above the target', async () => {
    const activity = tracked('a', {
      progress: {
        kind: 'devices',
        targetDevices: 5,
        fixedDevices: 2,
        leftScopeDevices: 2,
        vanishedDevices: 2,
      },
    });
    const e = await asyncInputErrorOf(decoded(stateWith({ activities: [activity] })));
    expect(e.issues[0]).toMatchObject({ file: 'snap/activities.csv', line: 2, field: 'targetDevices' });
  });

  it('counts past maxCount or not whole, in any count column', async () => {
    // What the encoder writes for such numbers: 9007199254740994, 1e+21, '-1, 1.5, 1000000001.
    const written = fc.oneof(
      fc.constantFrom(2 ** 53 + 2, 1e21, -1, 1.5, LIMITS.maxCount + 1),
      fc.integer({ min: LIMITS.maxCount + 1 }),
    );
    await fc.assert(
      fc.asyncProperty(written, async (n) => {
        const state = stateWith({ exposures: [exposure(1, undefined, { vulnerabilities: n })] });
        const e = await asyncInputErrorOf(decoded(state));
        expect(e.issues[0]).toMatchObject({ file: 'snap/exposures.csv', line: 2, field: 'vulnerabilities' });
        expect(e.message).toContain(BOUND);
      }),
      { numRuns: 30 },
    );
    const e = await asyncInputErrorOf(
      decoded(stateWith({ recommendations: [rec({ weaknesses: 2 ** 53 + 2 })] })),
    );
    expect(e.issues[0]).toMatchObject({ file: 'snap/recommendations.csv', field: 'weaknesses' });
  });

  it('a count cell is plain digits up to maxCount, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[-+ 0-9.ex]{0,12}$/),
          fc.constantFrom(
            '-0',
            '0x10',
            ' 5',
            '007',
            '1e3',
            '5.0',
            String(LIMITS.maxCount),
            String(LIMITS.maxCount + 1),
          ),
        ),
        (cell) => {
          const plain = /^(0|[1-9][0-9]*)$/.test(cell) && Number(cell) <= LIMITS.maxCount;
          if (plain) expect(integer(cell)).toBe(Number(cell));
          else expect(() => integer(cell)).toThrow(BOUND);
        },
      ),
    );
  });

  it('times outside [earliestInstant, latestInstant) and days outside it', async () => {
    for (const at of ['2200-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']) {
      const activity = tracked('a', { createdOn: at as Instant });
      const e = await asyncInputErrorOf(decoded(stateWith({ activities: [activity] })));
      expect(e.issues[0]).toMatchObject({ file: 'snap/activities.csv', line: 2, field: 'createdOn' });
      expect(e.message).toContain(LIMITS.latestInstant);
    }
    const due = tracked('a', { dueOn: '2200-01-01' as never });
    const e = await asyncInputErrorOf(decoded(stateWith({ activities: [due] })));
    expect(e.issues[0]).toMatchObject({ file: 'snap/activities.csv', field: 'dueOn' });
  });

  it('the last moment and maxCount are kept', async () => {
    const last = '2199-12-31T23:59:59.999Z' as Instant;
    const state = stateWith({
      activities: [
        tracked('a', { createdOn: last, statusLastModifiedOn: last, dueOn: '2199-12-31' as never }),
      ],
      exposures: [exposure(1, undefined, { vulnerabilities: LIMITS.maxCount, lastSeen: last })],
    });
    const { state: back } = await decoded(state);
    expect(back.activities[0]?.createdOn).toBe(last);
    expect(back.exposures[0]?.vulnerabilities).toBe(LIMITS.maxCount);
  });
});

describe('JSON nested past LIMITS.maxJsonDepth: an InputError with its line, not a stack overflow', () => {
  const nested = fc.record({
    levels: fc.constantFrom(LIMITS.maxJsonDepth + 1, 10_000, 100_000),
    open: fc.constantFrom('[', '{"a":'),
    closed: fc.boolean(),
    linesBefore: fc.nat({ max: 3 }),
  });
  const text = ({
    levels,
    open,
    closed,
    linesBefore,
  }: {
    levels: number;
    open: string;
    closed: boolean;
    linesBefore: number;
  }) =>
    `${'\n'.repeat(linesBefore)}${open.repeat(levels)}${closed ? `1${(open === '[' ? ']' : '}').repeat(levels)}` : ''}`;

  it('a vendor JSON file', () => {
    fc.assert(
      fc.property(nested, (n) => {
        const e = inputErrorOf(() => new VendorImport().addJson(text(n), 'deep.json'));
        expect(e.issues[0]).toMatchObject({ file: 'deep.json', line: n.linesBefore + 1, field: null });
        expect(e.message).toContain('JSON nested too deep');
      }),
      { numRuns: 20 },
    );
  });

  it('a line of an export part', async () => {
    for (const n of [
      { levels: 100_000, open: '[', closed: false, linesBefore: 0 },
      { levels: 10_000, open: '{"a":', closed: true, linesBefore: 0 },
    ]) {
      const vendor = new VendorImport();
      const row = JSON.stringify({
        deviceId: 'a'.repeat(40),
        recommendationReference: 'va-_-a-_-b',
        cveId: null,
      });
      async function* lines() {
        yield row;
        yield text(n);
      }
      const e = await asyncInputErrorOf(vendor.addLines(lines(), 'part-1.json.gz'));
      expect(e.issues[0]).toMatchObject({ file: 'part-1.json.gz', line: 2 });
      expect(e.message).toContain('JSON nested too deep');
    }
  });

  it('a line of a change bundle, its checksum matching', async () => {
    const body = `${'['.repeat(100_000)}\n`;
    const header = {
      format: 'remdesk-change-bundle',
      version: 1,
      admin: 'alice@contoso.com',
      install: 'i',
      base: null,
      createdAt: '2024-06-01T00:00:00.000Z',
      changes: 1,
      sha256: await sha256Hex(new TextEncoder().encode(body)),
    };
    const e = await asyncInputErrorOf(decodeChangeBundle(`${JSON.stringify(header)}\n${body}`, 'b.jsonl'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues[0]).toMatchObject({ file: 'b.jsonl', line: 2 });
    expect(e.message).toMatch(/not JSON|nested too deep/);
  });

  it("a snapshot's manifest.json, in any key", () => {
    fc.assert(
      fc.property(nested, (n) => {
        const manifest = `{"formatVersion":1,\n"extra":${text({ ...n, linesBefore: 0 })}}`;
        const e = inputErrorOf(() => parseManifest(manifest, 'manifest.json'));
        expect(e.issues[0]).toMatchObject({ file: 'manifest.json', line: 2 });
        expect(e.message).toMatch(/JSON nested too deep|malformed JSON/);
      }),
      { numRuns: 20 },
    );
  });
});
