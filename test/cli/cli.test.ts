import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { remdesk, tempDir } from './helpers.ts';

// Each test starts the real command: slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('remdesk (the command line as a whole)', () => {
  it('lists its commands with --help and exits 0', async () => {
    const r = await remdesk(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['import', 'validate', 'diff', 'sample'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('exits 2 with the command list when called without a command or with an unknown one', async () => {
    expect((await remdesk([])).code).toBe(2);
    const r = await remdesk(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it.each(['import', 'validate', 'diff', 'sample'])('%s --help prints usage and exits 0', async (name) => {
    const r = await remdesk([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: remdesk ${name} `));
  });

  it('exits 2 on an unknown option, naming it and pointing at --help', async () => {
    const r = await remdesk(['validate', '--frobnicate', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
    expect(r.stderr).toContain('remdesk validate --help');
  });

  it('exits 3 with one line naming the path when the file system refuses, not a stack', async () => {
    const file = join(await tempDir('refused'), 'a-file');
    await writeFile(file, 'not a folder\n');
    const r = await remdesk(['sample', '--out', join(file, 'archive'), '--devices', '10', '--weeks', '1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^remdesk sample: .*a-file\/archive: a file is where a folder must be \(ENOTDIR on mkdir\)$/m,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('writes no progress to a stderr that is not a terminal', async () => {
    const r = await remdesk(['validate', 'data']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
