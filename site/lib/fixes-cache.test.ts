import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeasuredFix } from '../../core/index.ts';
import { group, morningOf } from '../../test/support/core/builders.ts';
import { fixesCacheIn } from './fixes-cache.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const cacheDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'remdesk-fixes-cache-'));
  dirs.push(dir);
  return join(dir, 'cache');
};

const at = morningOf;
const fixes: MeasuredFix[] = [
  { group: group('Servers'), severity: 'Critical', firstSeen: at('2026-02-25'), fixedAt: at('2026-03-08') },
  { group: group('研发中心 (Shanghai)'), severity: null, firstSeen: null, fixedAt: at('2026-03-08') },
  { group: group('Servers'), severity: 'Low', firstSeen: at('2026-03-01'), fixedAt: at('2026-03-08') },
];
const bytes = new TextEncoder().encode('the bytes of a fixes.csv');

describe('the fixes cache', () => {
  it('gives back what was kept for the same bytes, and nothing for others', async () => {
    const cache = fixesCacheIn(await cacheDir());
    expect(await cache.get(bytes)).toBeNull();
    await cache.put(bytes, fixes);
    expect(await cache.get(bytes)).toEqual(fixes);
    expect(await cache.get(new TextEncoder().encode('another fixes.csv'))).toBeNull();
  });

  it('an entry that is not whole and valid, or not of these bytes, is a miss', async () => {
    const dir = await cacheDir();
    const cache = fixesCacheIn(dir);
    await cache.put(bytes, fixes);
    const [name] = await readdir(dir);
    const file = join(dir, name as string);
    const kept = await readFile(file, 'utf8');
    for (const broken of [
      kept.slice(0, -5),
      kept.replace('"format":2', '"format":1'),
      kept.replace('"count":3', '"count":2'),
      kept.replace('"Critical"', '"Severe"'),
      kept.replace('2026-03-08T08:00:00.000Z', 'yesterday'),
      kept.replace(/"fixes":\[0,/, '"fixes":[9,'),
      kept.replace(/"fixes":\[0,0,/, '"fixes":[0,7,'),
      kept.replace(/"source":"[0-9a-f]+"/, `"source":"${'0'.repeat(64)}"`),
    ]) {
      expect(broken).not.toBe(kept);
      await writeFile(file, broken);
      expect(await cache.get(bytes)).toBeNull();
    }
    // Kept under another file's name, an entry is no answer for that file.
    const other = new TextEncoder().encode('another fixes.csv');
    await cache.put(other, []);
    const otherFile = (await readdir(dir)).find((n) => join(dir, n) !== file) as string;
    await writeFile(join(dir, otherFile), kept);
    expect(await cache.get(other)).toBeNull();
  });

  it('a cache that cannot be written keeps nothing and fails nothing', async () => {
    const dir = await cacheDir();
    await writeFile(dir, 'a file where the folder would be');
    const cache = fixesCacheIn(dir);
    await cache.put(bytes, fixes);
    expect(await cache.get(bytes)).toBeNull();
    await cache.prune();
  });

  it('removes entries unused for a month; using one keeps it', async () => {
    const dir = await cacheDir();
    const cache = fixesCacheIn(dir);
    const other = new TextEncoder().encode('an older fixes.csv');
    await cache.put(bytes, fixes);
    await cache.put(other, fixes);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    for (const name of await readdir(dir)) await utimes(join(dir, name), longAgo, longAgo);
    await cache.get(bytes);
    await cache.prune();
    expect(await readdir(dir)).toHaveLength(1);
    expect(await cache.get(bytes)).toEqual(fixes);
    expect(await cache.get(other)).toBeNull();
  });
});
