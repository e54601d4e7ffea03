import { describe, expect, it, vi } from 'vitest';
import { remdesk } from './helpers.ts';

// Each test starts the real command (tsx compiles on start): slow on a loaded machine.
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

  it('writes no progress to a stderr that is not a terminal', async () => {
    const r = await remdesk(['validate', 'data']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
