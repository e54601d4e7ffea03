/**
 * `remdesk import` against hostile and damaged input files, through the real process: every
 * refusal is exit 1 with the file (and line) named, no stack trace, and the archive byte for byte
 * as it was; every accepted form of a valid export part (gzip members, line ends) gives the same
 * snapshot, which validates, and importing it again changes nothing. Cases are generated with
 * fast-check from one real export part of a sample archive.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readSnapshot } from '../../cli/archive/read.ts';
import { vulnerabilityRows } from '../../cli/sample/vendor-export.ts';
import { instant, LIMITS } from '../../core/index.ts';
import { listingOf } from '../fixtures/defender-api/paged.ts';
import { hashTree, latestSnapshotDir, ROOT, remdesk, run, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 60_000 });

const AT = '2026-12-06T08:00:00Z';
const PART = 'part-00000.json.gz';
const MIB = 1024 * 1024;

let template: string;
let dir: string;
/** The export's records, one JSON text each, and its listing naming one part. */
let records: string[];
let listing: string;

beforeAll(async () => {
  dir = await tempDir('hostile');
  template = join(dir, 'template');
  const r = await remdesk(['sample', '--out', template, '--devices', '50', '--weeks', '2']);
  if (r.code !== 0) throw new Error(`sample failed: ${r.stderr}`);
  const { state } = await readSnapshot(await latestSnapshotDir(template));
  // Every other exposure gone: an import that changes the archive.
  const kept = { devices: state.devices, exposures: state.exposures.filter((_, i) => i % 2 === 0) };
  records = [...vulnerabilityRows(kept, instant('2026-12-05T10:00:00Z'))].map((x) => JSON.stringify(x));
  listing = join(dir, 'SoftwareVulnerabilitiesExport.json');
  await writeFile(listing, listingOf([PART], '2026-12-05T10:00:00Z'));
}, 60_000);

let copies = 0;
async function freshArchive(): Promise<string> {
  const data = join(dir, `archive-${copies++}`);
  await cp(template, data, { recursive: true });
  return data;
}

/** The part, written under its listed name in a folder of its own. */
async function writePart(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `case-${copies++}`);
  await mkdir(path);
  await writeFile(join(path, PART), bytes);
  return join(path, PART);
}

const textOf = (lines: readonly string[], eol = '\n', trailing = true): string =>
  lines.join(eol) + (trailing ? eol : '');

/** Runs an import that must be refused: exit 1, each text in stderr, no stack, the archive untouched. */
async function refused(data: string, files: readonly string[], ...expected: (string | RegExp)[]) {
  const before = await hashTree(data);
  const r = await remdesk(['import', ...files, '--data', data, '--at', AT]);
  expect(r.code, r.stderr).toBe(1);
  for (const e of expected) expect(r.stderr).toMatch(e);
  expect(r.stderr).toContain('nothing was written');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(await hashTree(data)).toEqual(before);
  return r;
}

describe('remdesk import: every accepted form of an export part reads the same', () => {
  it('gzip members, CRLF or LF, a final newline or none, blank lines between records', async () => {
    let expected: Record<string, string> | null = null;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        async (cuts, eol, trailing, blanks) => {
          const lines = blanks ? records.flatMap((r, i) => (i % 7 === 3 ? [r, ''] : [r])) : records;
          const text = Buffer.from(textOf(lines, eol, trailing));
          // Members cut anywhere, even inside a line or a character: their bytes join up again.
          const at = [0, ...cuts.map((c) => c % text.length).sort((a, b) => a - b), text.length];
          const members = at.slice(1).map((end, i) => gzipSync(text.subarray(at[i], end)));
          // One path for every case: the snapshot's manifest names where its tables came from.
          const part = join(dir, 'accepted', PART);
          await mkdir(join(dir, 'accepted'), { recursive: true });
          await writeFile(part, Buffer.concat(members));
          const data = await freshArchive();
          const r = await remdesk(['import', listing, part, '--data', data, '--at', AT]);
          expect(r.code, r.stderr).toBe(0);
          const written = await hashTree(data);
          expected ??= written;
          expect(written).toEqual(expected);
          expect((await remdesk(['validate', data])).code).toBe(0);
          const again = await remdesk(['import', listing, part, '--data', data, '--at', AT]);
          expect(again.code, again.stderr).toBe(0);
          expect(again.stdout).toContain('nothing changed');
          expect(await hashTree(data)).toEqual(written);
        },
      ),
      { numRuns: 5 },
    );
  });
});

describe('remdesk import refuses a damaged export part, naming it', () => {
  let data: string;
  let gz: Buffer;
  beforeAll(async () => {
    data = await freshArchive();
    gz = gzipSync(textOf(records));
  });

  it('cut at any length', async () => {
    await fc.assert(
      // Two bytes at least: one alone is not known for gzip (and is refused as JSON).
      fc.asyncProperty(fc.integer({ min: 2, max: gz.length - 1 }), async (length) => {
        const part = await writePart(gz.subarray(0, length));
        await refused(data, [listing, part], `${part}:`, /not a readable gzip file/);
      }),
      { numRuns: 4, examples: [[gz.length >> 1], [gz.length - 1], [10]] },
    );
  });

  it('a flipped byte anywhere it is checked', async () => {
    // Bytes 3–9 of the header (flags, time, extra flags, system) carry no data and gzip checks
    // none of them: a change there reads the same text. Everything else is checked.
    const checked = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 10, max: gz.length - 1 }));
    await fc.assert(
      fc.asyncProperty(checked, fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const bytes = Buffer.from(gz);
        bytes[at] = (bytes[at] as number) ^ mask;
        const part = await writePart(bytes);
        await refused(data, [listing, part], `${part}:`);
      }),
      { numRuns: 5 },
    );
  });

  it('a bad CRC or length in the trailer', async () => {
    for (const [at, why] of [
      [gz.length - 8, /CRC-32 check failed/],
      [gz.length - 3, /length check failed/],
    ] as const) {
      const bytes = Buffer.from(gz);
      bytes[at] = (bytes[at] as number) ^ 1;
      const part = await writePart(bytes);
      await refused(data, [listing, part], `${part}:`, why);
    }
  });

  it('anything after the last gzip member, zero bytes too (zlib drops those silently)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), async (tail) => {
        const part = await writePart(Buffer.concat([gz, gz, tail]));
        await refused(data, [listing, part], `${part}:`, /not a readable gzip file/);
      }),
      { numRuns: 4, examples: [[new Uint8Array(512)], [new Uint8Array([0x1f, 0x8b])]] },
    );
  });

  it('a line that is not JSON, in the middle or at the end, by its line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: records.length - 1 }), fc.boolean(), async (i, trailing) => {
        const lines = records.map((r, j) => (j === i ? r.slice(0, r.length >> 1) : r));
        const part = await writePart(gzipSync(textOf(lines, '\n', trailing)));
        await refused(data, [listing, part], `${part}:${i + 1}:`, /malformed JSON/);
      }),
      {
        numRuns: 4,
        examples: [
          [records.length - 1, false],
          [records.length - 1, true],
        ],
      },
    );
  });
});

/** Runs an import under `/usr/bin/time -v`: its result and the peak memory (resident) of the process. */
async function measured(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string; peakMiB: number }> {
  const r = await run('/usr/bin/time', ['-v', process.execPath, join(ROOT, 'bin/remdesk.mjs'), ...args], {
    timeoutMs: 50_000,
  });
  const kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  // time(1) reports a child's non-zero exit on its own line.
  const code = /Command exited with non-zero status (\d+)/.exec(r.stderr)?.[1];
  return { code: code === undefined ? r.code : Number(code), stderr: r.stderr, peakMiB: kib / 1024 };
}

/** `member` repeated `times`: a gzip file that inflates to `times` copies of what `member` holds. */
const repeated = (member: Buffer, times: number): Buffer => Buffer.concat(Array(times).fill(member));

describe('remdesk import holds memory and time bounded', () => {
  let data: string;
  beforeAll(async () => {
    data = await freshArchive();
  });

  async function boundedRefusal(part: string, expected: RegExp) {
    const before = await hashTree(data);
    const started = Date.now();
    const r = await measured(['import', listing, part, '--data', data, '--at', AT]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.peakMiB).toBeLessThan(400);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await hashTree(data)).toEqual(before);
  }

  it('2.5 GB of blank lines before the first record: refused at line 1, never held', async () => {
    const blanks = gzipSync(Buffer.alloc(64 * MIB, '\n'));
    const part = await writePart(Buffer.concat([repeated(blanks, 40), gzipSync(textOf(records))]));
    await boundedRefusal(part, new RegExp(`${PART}:1: -: a blank line before the first record`));
  });

  it('one 64 MB line: refused as soon as it passes the line limit, naming its line', async () => {
    const line = gzipSync(Buffer.alloc(64 * MIB, 'x'));
    const part = await writePart(Buffer.concat([gzipSync(textOf(records)), line]));
    await boundedRefusal(
      part,
      new RegExp(`${PART}:${records.length + 1}: -: the line is longer than 8,388,608 characters`),
    );
  });

  it('a gzip bomb (4 GiB of blank lines after the records, from 4 MB): refused by its inflation', async () => {
    // Lines of spaces, which core skips as blank: one-character lines would cost a second per
    // few million lines before the bomb shows.
    const blanks = gzipSync(Buffer.alloc(64 * MIB, `${' '.repeat(1023)}\n`));
    const part = await writePart(Buffer.concat([gzipSync(textOf(records)), repeated(blanks, 64)]));
    await boundedRefusal(part, /decompresses to over 200 times its compressed size.*a gzip bomb/);
  });
});

describe('remdesk import reads regular files and folders only', () => {
  let data: string;
  beforeAll(async () => {
    data = await freshArchive();
  });

  it('a device, a fifo, a socket: refused by what they are, never read', async () => {
    const fifo = join(dir, 'fifo.json.gz');
    execFileSync('mkfifo', [fifo]);
    const socket = join(dir, 'socket.json');
    const server = createServer().listen(socket);
    try {
      for (const path of ['/dev/zero', '/dev/urandom', fifo, socket])
        await refused(data, [path], `${path}:-: -: not a regular file`);
    } finally {
      server.close();
    }
  });

  it('validate and diff refuse a device, a fifo, a socket too: exit 1 naming it, at once', async () => {
    const fifo = join(dir, 'fifo-2.zip');
    execFileSync('mkfifo', [fifo]);
    const socket = join(dir, 'socket-2.zip');
    const server = createServer().listen(socket);
    const snapshot = await latestSnapshotDir(data);
    try {
      for (const path of ['/dev/zero', '/dev/urandom', fifo, socket]) {
        for (const args of [
          ['validate', path],
          ['diff', path, snapshot],
          ['diff', snapshot, path],
          ['diff', '--data', path],
          ['export', '--data', path, '--out', join(dir, 'never.zip')],
          ['report', '--data', path, '--out', join(dir, 'never-site')],
        ]) {
          // A hang or an endless read is killed at 10 s: its code is then null, not 1.
          const r = await remdesk(args, ROOT, {}, 10_000);
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
          expect(r.stdout + r.stderr).toContain(`${path}:-: -: not a regular file`);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        }
      }
    } finally {
      server.close();
    }
  });

  it('a damaged snapshot zip is named by the path given, not its base name', async () => {
    const folder = join(dir, 'zips', 'team');
    await mkdir(folder, { recursive: true });
    const zip = join(folder, 'nested.zip');
    await writeFile(zip, zipSync({ 'inner/manifest.json': new TextEncoder().encode('{}') }));
    const expected = `${zip}:-: inner/manifest.json: a snapshot zip holds files at its top level only`;
    for (const args of [
      ['validate', zip],
      ['diff', zip, await latestSnapshotDir(data)],
    ]) {
      const r = await remdesk(args);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout + r.stderr).toContain(expected);
    }
    await refused(data, [zip], expected);
  });

  it('a file read whole larger than the limit (a sparse 3 GB file): refused before it is read', async () => {
    const big = join(dir, 'huge.json');
    execFileSync('truncate', ['-s', '3G', big]);
    await refused(data, [big], `${big}:-: -: the file is 3,072 MiB, more than the 512 MiB`);
    expect(LIMITS.maxWholeFileBytes).toBe(512 * MIB);
  });

  it('a file of a snapshot folder larger than a snapshot file may be (sparse, 3 GB): named, never read', async () => {
    const big = await freshArchive();
    const events = join(await latestSnapshotDir(big), 'events.csv');
    execFileSync('truncate', ['-s', '3G', events]);
    const expected = `${events}:-: -: the file is 3,072 MiB, more than the 1,024 MiB a file of a snapshot may be`;
    const checked = await remdesk(['validate', big]);
    expect(checked.code, checked.stderr).toBe(1);
    expect(checked.stdout + checked.stderr).toContain(expected);
    // Not hashed (3 GB): the import refuses before writing, and its snapshot list is unchanged.
    const part = await writePart(gzipSync(textOf(records)));
    const r = await remdesk(['import', listing, part, '--data', big, '--at', AT]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
