import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashTree, remdesk, tempDir } from './helpers.ts';

// Each test starts the real command (tsx compiles on start): slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('remdesk sample', () => {
  it('writes the same bytes for the same arguments, one snapshot and history line per week', async () => {
    const [a, b] = [await tempDir('sample-a'), await tempDir('sample-b')];
    const args = ['--devices', '150', '--weeks', '3', '--seed', '9'];
    const ra = await remdesk(['sample', '--out', a, ...args]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(ra.stdout).toContain('3 snapshots written');
    expect((await remdesk(['sample', '--out', b, ...args])).code).toBe(0);
    const hashes = await hashTree(a);
    expect(await hashTree(b)).toEqual(hashes);
    expect(Object.keys(hashes).filter((p) => p.endsWith('manifest.json'))).toHaveLength(3);
    const history = (await readFile(join(a, 'history.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(history.map((h) => h.snapshot)).toEqual([
      '2026-11-15T080000Z',
      '2026-11-22T080000Z',
      '2026-11-29T080000Z',
    ]);
    expect(history[2].figures.activities.total).toBeGreaterThan(0);
  }, 60_000);

  it('running again into the same archive changes nothing', async () => {
    const dir = await tempDir('sample-again');
    const args = ['sample', '--out', dir, '--devices', '100', '--weeks', '2', '--json'];
    expect((await remdesk(args)).code).toBe(0);
    const before = await hashTree(dir);
    const r = await remdesk(args);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).snapshots.every((s: { written: boolean }) => !s.written)).toBe(true);
    expect(await hashTree(dir)).toEqual(before);
  }, 60_000);

  it("R-SLA-1: writes the team's remdesk.json (DefectDojo's SLA), and never replaces one the archive has", async () => {
    const dir = await tempDir('sample-settings');
    expect((await remdesk(['sample', '--out', dir, '--devices', '50', '--weeks', '1'])).code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'remdesk.json'), 'utf8'))).toEqual({
      sla: { preset: 'defectdojo' },
    });
    const own = '{"sla": {"preset": "cisa-bod-19-02"}}';
    await writeFile(join(dir, 'remdesk.json'), own);
    expect((await remdesk(['sample', '--out', dir, '--devices', '50', '--weeks', '1'])).code).toBe(0);
    expect(await readFile(join(dir, 'remdesk.json'), 'utf8')).toBe(own);
    expect((await remdesk(['validate', dir])).code).toBe(0);
  }, 60_000);

  it('refuses bad numbers and a missing --out with exit 2', async () => {
    expect((await remdesk(['sample'])).code).toBe(2);
    const r = await remdesk(['sample', '--out', '/tmp/x', '--devices', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--devices must be a whole number');
    expect((await remdesk(['sample', '--out', '/tmp/x', '--weeks', '0'])).code).toBe(2);
  });
});
