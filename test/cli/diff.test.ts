import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { remdesk, remdeskIntoClosedPipe, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let data: string;
beforeAll(async () => {
  data = await smallArchive('diff');
}, 120_000);

describe('remdesk diff', () => {
  it('compares the latest two snapshots of an archive in plain English', async () => {
    const r = await remdesk(['diff', '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    for (const heading of [
      'Activities created',
      'Activities completed',
      'Progress',
      'Tickets',
      'Exceptions added',
      'Exceptions expired',
      'Exceptions canceled',
      'Recommendations with exposure changes',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^${heading}: `, 'm'));
    }
  });

  it('compares two named snapshots as JSON, the same as --data does', async () => {
    const a = join(data, 'snapshots/2026-11-22T080000Z');
    const b = join(data, 'snapshots/2026-11-29T080000Z');
    const named = await remdesk(['diff', a, b, '--json']);
    expect(named.code).toBe(0);
    const d = JSON.parse(named.stdout);
    expect(d).toMatchObject({ from: '2026-11-22T08:00:00.000Z', to: '2026-11-29T08:00:00.000Z' });
    expect(d.activities.created.length).toBeGreaterThan(0);
    expect(JSON.parse((await remdesk(['diff', '--data', data, '--json'])).stdout)).toEqual(d);
  });

  it('exits quietly with code 0 when its reader closes stdout early (remdesk diff | head)', async () => {
    for (const args of [
      ['diff', '--data', data],
      ['diff', '--data', data, '--json'],
    ]) {
      // The read end is closed before the command starts writing: its first line meets EPIPE.
      const { code, stderr } = await remdeskIntoClosedPipe(args);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });

  it('usage errors exit 2', async () => {
    expect((await remdesk(['diff', join(data, 'snapshots/2026-11-22T080000Z')])).code).toBe(2);
    expect((await remdesk(['diff', 'a', 'b', '--data', data])).code).toBe(2);
    const one = await tempDir('diff-one');
    expect((await remdesk(['sample', '--out', one, '--devices', '50', '--weeks', '1'])).code).toBe(0);
    const r = await remdesk(['diff', '--data', one]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has 1 snapshot; diff needs two');
  });
});
