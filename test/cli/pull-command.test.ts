/**
 * The real `remdesk pull` process against the Defender API stand-in over real HTTPS: msal-node signs
 * in for real (nothing of it is mocked), the stand-in's certificate is trusted only through
 * NODE_EXTRA_CA_CERTS, as a user would set it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSnapshot } from '../../cli/archive/read.ts';
import { parseManifest } from '../../core/index.ts';
import { ALL_ROLES, type AuthMode, type StandIn, startStandIn } from '../defender-stand-in/index.ts';
import { hashTree, latestSnapshotDir, remdesk, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn({ seed: 3, size: { devices: 300 } });
}, 60_000);
afterAll(async () => {
  await standIn?.close();
});

const pull = (s: StandIn, data: string, mode: AuthMode, ...args: string[]) =>
  remdesk(['pull', '--data', data, ...args], undefined, s.env(mode));

async function manifestOf(data: string) {
  return parseManifest(await readFile(join(await latestSnapshotDir(data), 'manifest.json')), 'manifest.json');
}

/** Every secret the stand-in handed out: none may appear in anything pull prints. */
function secretsOf(s: StandIn): string[] {
  const env = { ...s.env('secret'), ...s.env('federated') };
  return [env.AZURE_CLIENT_SECRET ?? '', s.ca.slice(40, 80)].filter((x) => x !== '');
}

describe('remdesk pull', () => {
  it('fills a fresh archive from the tenant (client secret): every table, where each came from; the same again is nothing new; a delta by name', async () => {
    const data = join(await tempDir('pull'), 'archive');
    const r = await pull(standIn, data, 'secret', '--at', '2026-12-06T08:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /wrote snapshot 2026-12-06T080000Z \(300 devices, \d+ exposures, 12 activities; exposures from SoftwareVulnerabilitiesByMachine/,
    );
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    expect(state.devices).toHaveLength(300);
    expect(state.recommendations.length).toBeGreaterThan(0);
    expect(state.activityDevices.length).toBeGreaterThan(0);
    const manifest = await manifestOf(data);
    expect(Object.keys(manifest.origins ?? {})).toEqual([
      'recommendations',
      'activities',
      'devices',
      'exposures',
    ]);
    expect(manifest.origins?.exposures?.asOf).not.toBeNull();
    expect((await remdesk(['validate', data])).code).toBe(0);
    for (const secret of secretsOf(standIn)) expect(r.stdout + r.stderr).not.toContain(secret);
    // The same tenant a minute later: the same data, so nothing new is written.
    const again = await pull(standIn, data, 'secret', '--at', '2026-12-06T08:01:00Z', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: false, snapshot: '2026-12-06T080000Z' });
    // Asked for by name, the delta since the last pull: the changes after the exposures' own time.
    const delta = await pull(
      standIn,
      data,
      'secret',
      '--exposures',
      'delta',
      '--at',
      '2026-12-06T08:02:00Z',
      '--json',
    );
    expect(delta.code, delta.stderr).toBe(0);
    expect(JSON.parse(delta.stdout).origins.exposures.from).toMatch(
      /^SoftwareVulnerabilityChangesByMachine since /,
    );
    expect((await remdesk(['validate', data])).code).toBe(0);
  });

  it('every page of the paged export, followed from the first, is one whole picture dated by its generation', async () => {
    const data = join(await tempDir('pull-pages'), 'archive');
    const r = await pull(standIn, data, 'secret', '--exposures', 'pages', '--page-size', '300', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.origins.exposures.from).toMatch(/^SoftwareVulnerabilitiesByMachine \(\d+ pages\)$/);
    expect(Number(/\((\d+) pages/.exec(summary.origins.exposures.from)?.[1])).toBeGreaterThan(3);
    // The skip token names the export's generation: the stand-in's last six-hour boundary.
    expect(summary.origins.exposures.asOf).toMatch(/T(00|06|12|18):00:00\.000Z$/);
    const { state } = await readSnapshot(await latestSnapshotDir(data));
    expect(state.exposures.length).toBeGreaterThan(0);
  });

  it('the export via files, with a 429, an expired SAS link and a token refused mid-run (certificate): retried, logged, written', async () => {
    const generatedTime = new Date('2026-12-06T06:00:00Z');
    const s = await startStandIn({
      seed: 4,
      size: { devices: 200 },
      generatedTime,
      faults: {
        throttle: [{ endpoint: 'exportFiles', call: 1, retryAfterSeconds: 1 }],
        expiredSasListings: 1,
        tokenValidForCalls: 3,
      },
    });
    try {
      const data = join(await tempDir('pull-files'), 'archive');
      const r = await pull(s, data, 'certificate', '--exposures', 'files', '--at', '2026-12-06T08:00:00Z');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/retry exportFiles: try 1 failed \(HTTP 429/);
      expect(r.stderr).toMatch(/download link of .* has expired; asking for a new listing/);
      expect(r.stderr).toMatch(/refused the access token; signing in again/);
      expect(r.stdout).toMatch(/exposures from SoftwareVulnerabilitiesExport \(\d+ parts\)/);
      expect(r.stdout + r.stderr).not.toMatch(/sig=(?!\[redacted\])/);
      const manifest = await manifestOf(data);
      expect(manifest.origins?.exposures?.asOf).toBe(generatedTime.toISOString());
      const { state } = await readSnapshot(await latestSnapshotDir(data));
      expect(state.devices).toHaveLength(200);
    } finally {
      await s.close();
    }
  });

  it('a federated token, and --dry-run: everything fetched and checked, nothing written', async () => {
    const data = join(await tempDir('pull-dry'), 'archive');
    const r = await pull(standIn, data, 'federated', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/would write snapshot .*nothing written \(--dry-run\)/);
    expect(await hashTree(join(data, '..'))).toEqual({});
  });

  it('a missing permission: exit 4 naming it, and the archive as it was', async () => {
    const s = await startStandIn({
      seed: 5,
      size: { devices: 50 },
      roles: ALL_ROLES.filter((r) => r !== 'Vulnerability.Read.All'),
    });
    try {
      const data = join(await tempDir('pull-403'), 'archive');
      const first = await remdesk(['sample', '--out', data, '--devices', '50', '--weeks', '1']);
      expect(first.code, first.stderr).toBe(0);
      const before = await hashTree(data);
      const r = await pull(s, data, 'secret');
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('Vulnerability.Read.All');
      expect(r.stderr).toContain('nothing was written');
      expect(await hashTree(data)).toEqual(before);
    } finally {
      await s.close();
    }
  });

  it('usage: no archive, a bad --exposures, files given', async () => {
    const env = standIn.env('secret');
    expect((await remdesk(['pull'], undefined, env)).code).toBe(2);
    expect((await remdesk(['pull', '--data', 'x', '--exposures', 'some'], undefined, env)).code).toBe(2);
    expect((await remdesk(['pull', '--data', 'x', 'file.json'], undefined, env)).code).toBe(2);
  });
});
