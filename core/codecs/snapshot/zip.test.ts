import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { asyncInputErrorOf, inputErrorOf } from '../../../test/support/core/input-error.ts';
import { testState } from '../../../test/support/core/snapshot-state.ts';
import { LIMITS } from '../../limits.ts';
import { instant } from '../../model/time.ts';
import { decodeSnapshot } from './decode.ts';
import { encodeSnapshot } from './encode.ts';
import { unzipSnapshot, zipSnapshot } from './zip.ts';

const META = { generatedAt: instant('2024-06-15T10:00:00Z'), source: 'test' };

/**
 * The zip with the inflated size its central directory declares for `name` replaced: what a zip
 * bomb or a damaged zip says of itself (fflate reads sizes from the central directory).
 */
function declaring(zip: Uint8Array, name: string, originalSize: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const entryName = out.subarray(at + 46, at + 46 + nameLength);
    if (entryName.length === wanted.length && entryName.every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, originalSize, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

const zipOf = (files: Record<string, Uint8Array>): Uint8Array => zipSync(files, { level: 6 });

describe('unzipSnapshot holds a zip to LIMITS before inflating it', () => {
  it('refuses an entry that declares more than maxZipEntryBytes, naming it, without inflating it', () => {
    const zip = declaring(zipOf({ 'exposures.csv': new Uint8Array(1000) }), 'exposures.csv', 0xffff_fff0);
    const started = performance.now();
    const e = inputErrorOf(() => unzipSnapshot(zip, 'bomb.zip'));
    expect(performance.now() - started).toBeLessThan(500);
    expect(e.issues[0]).toMatchObject({ file: 'bomb.zip', field: 'exposures.csv' });
    expect(e.message).toContain(`${(LIMITS.maxZipEntryBytes / 1024 ** 2).toLocaleString('en')} MiB`);
  });

  it('refuses entries that together declare more than maxZipTotalBytes', () => {
    const each = LIMITS.maxZipEntryBytes;
    let zip = zipOf({
      'a.csv': new Uint8Array(10),
      'b.csv': new Uint8Array(10),
      'c.csv': new Uint8Array(10),
    });
    for (const name of ['a.csv', 'b.csv', 'c.csv']) zip = declaring(zip, name, each);
    const e = inputErrorOf(() => unzipSnapshot(zip, 'many.zip'));
    expect(e.issues[0]?.field).toBe('c.csv');
    expect(e.message).toContain('altogether');
  });

  it('refuses a zip of 100,000 tiny entries at once', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100_000; i++) files[`f${i}.csv`] = new Uint8Array(0);
    const zip = zipSync(files, { level: 0 });
    const started = performance.now();
    const e = inputErrorOf(() => unzipSnapshot(zip, 'tiny.zip'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.message).toContain(`more than ${LIMITS.maxZipEntries} entries`);
  });

  it('a deflated entry that declares less than it holds costs only what it declares, and fails its checksum', async () => {
    // 64 MiB of one byte deflates to about 64 kB: declared as 100 bytes, it is cut there.
    const files = await encodeSnapshot(testState(), META);
    const big = new Uint8Array(64 * 1024 ** 2).fill(65);
    const honest = zipSnapshot(new Map([...files, ['exposures.csv', big]]));
    const lying = declaring(honest, 'exposures.csv', 100);
    expect(lying.length).toBeLessThan(1024 ** 2);
    const before = process.memoryUsage().arrayBuffers;
    const unzipped = unzipSnapshot(lying, 'lying.zip');
    expect(unzipped.get('exposures.csv')?.length).toBe(100);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 ** 2);
    const e = await asyncInputErrorOf(decodeSnapshot(unzipped, 'lying.zip'));
    expect(e.issues[0]).toMatchObject({ file: 'lying.zip/exposures.csv', field: 'sha256' });
  });

  it('refuses a stored entry whose two sizes differ', () => {
    const zip = declaring(zipSync({ 'devices.csv': new Uint8Array(50) }, { level: 0 }), 'devices.csv', 10);
    expect(inputErrorOf(() => unzipSnapshot(zip, 'x.zip')).issues[0]?.field).toBe('devices.csv');
  });

  it('still reads a real snapshot zip', async () => {
    const files = await encodeSnapshot(testState(), META);
    expect(unzipSnapshot(zipSnapshot(files), 's.zip')).toEqual(files);
  });
});
