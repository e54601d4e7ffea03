import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readSnapshot } from '../../cli/archive/read.ts';
import { exceptionStatuses, isOverdue } from '../../core/index.ts';
import { hashTree, latestSnapshotDir, ROOT, remdesk, tempDir } from './helpers.ts';

// Each test starts the real command (tsx compiles on start): slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('the bundled sample archive in data/', () => {
  it('is exactly what the command in data/README.md makes', async () => {
    const readme = await readFile(join(ROOT, 'data/README.md'), 'utf8');
    const command = /node bin\/remdesk\.mjs (sample --out data [^\n]*)/.exec(readme)?.[1];
    expect(command).toBeDefined();
    const out = await tempDir('data');
    const args = (command ?? '').split(' ').map((a) => (a === 'data' ? out : a));
    const r = await remdesk(args);
    expect(r.code, r.stderr).toBe(0);
    const expected = await hashTree(join(ROOT, 'data'));
    delete expected['README.md'];
    expect(await hashTree(out)).toEqual(expected);
  }, 120_000);

  it('is a valid archive', async () => {
    const r = await remdesk(['validate', 'data', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, results: [{ kind: 'archive', issues: [] }] });
  }, 60_000);

  it('shows what the README promises in its last snapshot', async () => {
    const { state, manifest } = await readSnapshot(await latestSnapshotDir(join(ROOT, 'data')));
    const now = manifest.generatedAt;
    expect(state.devices.length).toBeGreaterThan(1900);
    expect(new Set(state.activities.map((a) => a.type))).toEqual(
      new Set(['Update', 'Uninstall', 'ConfigurationChange', 'AttentionRequired']),
    );
    expect(state.activities.some((a) => isOverdue(a, now))).toBe(true);
    expect(state.activityDevices.length).toBeGreaterThan(0);
    expect(new Set(state.tasks.map((t) => t.status)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(exceptionStatuses(state.exceptions, now).values())).toEqual(
      new Set(['InEffect', 'Expired', 'Canceled']),
    );
  }, 60_000);
});
