import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readArchive } from '../../site/lib/load-archive.ts';
import { hashTree, latestSnapshotDir, remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let template: string;
beforeAll(async () => {
  template = await smallArchive('validate-template');
}, 120_000);

async function copy(): Promise<string> {
  const dir = join(await tempDir('validate'), 'archive');
  await cp(template, dir, { recursive: true });
  return dir;
}

describe('remdesk validate', () => {
  it('accepts a whole archive and one snapshot folder; writes nothing', async () => {
    const data = await copy();
    const before = await hashTree(data);
    const r = await remdesk(['validate', data, await latestSnapshotDir(data), '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { kind: string }) => x.kind)).toEqual([
      'archive',
      'snapshot',
    ]);
    expect(await hashTree(data)).toEqual(before);
  });

  it("checks each snapshot's fixes.csv against the exposures fixed since the one before; one missing is no problem", async () => {
    const data = await copy();
    const fixes = join(await latestSnapshotDir(data), 'fixes.csv');
    const text = await readFile(fixes, 'utf8');
    const rows = text.split('\r\n').filter((l) => l !== '');
    expect(rows.length, 'the sample fixes something in its second week').toBeGreaterThan(1);
    // One fix left out: every row is still well formed, but the file no longer says what happened.
    await writeFile(fixes, `${[rows[0], ...rows.slice(2)].join('\r\n')}\r\n`);
    const r = await remdesk(['validate', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /fixes\.csv:-: -: does not match the \d+ exposures fixed since the snapshot before/,
    );

    await writeFile(fixes, text.replace(/,(Critical|High|Medium|Low),/, ',Severe,'));
    expect((await remdesk(['validate', data])).stdout).toMatch(
      /fixes\.csv:2: highestSeverity: "Severe" is not one of/,
    );

    await rm(fixes);
    expect((await remdesk(['validate', data])).code).toBe(0);
  });

  it('lists every problem as file:line: field: message and exits 1', async () => {
    const data = await copy();
    const snap = await latestSnapshotDir(data);
    await writeFile(join(snap, 'tasks.csv'), `${await readFile(join(snap, 'tasks.csv'), 'utf8')}x`);
    await appendFile(
      join(data, 'history.jsonl'),
      '{"at": "2026-12-01T00:00:00Z", "snapshot": "nope", "figures": {}}\nnot json\n',
    );
    await mkdir(join(data, 'snapshots', '.tmp-2026-12-01T000000Z-1'));
    const dir = await tempDir('validate-files');
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, '{"@odata.context": "x#Recommendations", "value": [{"id": "va-_-a-_-b",');
    const gz = join(dir, 'broken.json.gz');
    await writeFile(gz, gzipSync('{"deviceId": "zz"}\n').subarray(0, 12));

    const r = await remdesk(['validate', data, truncated, gz]);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toMatch(/tasks\.csv:-: sha256: checksum/);
    expect(out).toMatch(/history\.jsonl:3: snapshot: nope is not in snapshots\//);
    expect(out).toMatch(/history\.jsonl:4: -: not JSON/);
    expect(out).toContain('.tmp-2026-12-01T000000Z-1');
    expect(out).toContain(`${truncated}:1:`);
    expect(out).toContain(`${gz}:`);
    expect(r.stderr).toMatch(/\d+ problems found/);
  });

  it("R-SLA-1: checks the archive's remdesk.json, naming file, line and field; a folder in its place is named", async () => {
    const data = await copy();
    const settings = join(data, 'remdesk.json');
    await writeFile(
      settings,
      '{\n  "sla": {\n    "preset": "defectdojo",\n    "exposure": { "Critical": 0 }\n  }\n}\n',
    );
    const r = await remdesk(['validate', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${settings}:4: $.sla.exposure.Critical: Critical: expected a whole number of days`,
    );
    await rm(settings);
    await mkdir(settings);
    const folder = await remdesk(['validate', data]);
    expect(folder.code).toBe(1);
    expect(folder.stdout).toContain(`${settings}:-: -: not a file`);
  });

  it('calls a stray folder in snapshots/ stray, and the report takes the newest dated snapshot, not it', async () => {
    const data = await copy();
    const latest = await latestSnapshotDir(data);
    const [first] = (await readArchive(data)).history;
    // An older snapshot set aside by hand: sorted as text, old/ comes after every dated folder.
    await cp(join(data, 'snapshots', first?.snapshot ?? ''), join(data, 'snapshots', 'old'), {
      recursive: true,
    });

    const r = await remdesk(['validate', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${join(data, 'snapshots', 'old')}:-: -: not a snapshot name (YYYY-MM-DDTHHMMSSZ)`,
    );
    expect(r.stderr).toMatch(/^1 problem found$/m);
    expect((await readArchive(data)).latest.label).toBe(basename(latest));
  });

  it('R-INT-2: refuses a task claiming more than 10,000 sent devices, checksums notwithstanding', async () => {
    const data = await copy();
    const snap = await latestSnapshotDir(data);
    const tasks = await readFile(join(snap, 'tasks.csv'), 'utf8');
    // The first task's sentDevices (the fifth cell of line 2) becomes 10,001, the manifest follows.
    const edited = tasks.replace(/\n((?:[^,\n]*,){4})\d+,/, '\n$110001,');
    expect(edited).not.toBe(tasks);
    await writeFile(join(snap, 'tasks.csv'), edited);
    const manifest = JSON.parse(await readFile(join(snap, 'manifest.json'), 'utf8'));
    manifest.files['tasks.csv'].sha256 = createHash('sha256').update(edited).digest('hex');
    await writeFile(join(snap, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const problem = `${join(snap, 'tasks.csv')}:2: sentDevices: R-INT-2: a security task (Intune) carries at most 10,000 devices, not 10,001`;

    const validated = await remdesk(['validate', data]);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(problem);
    expect(validated.stderr).toMatch(/^1 problem found$/m);

    // Import reads it with the same decoder: refused, nothing written.
    const into = await copy();
    const before = await hashTree(into);
    const imported = await remdesk(['import', snap, '--data', into]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/tasks\.csv:2: sentDevices: R-INT-2: /);
    expect(await hashTree(into)).toEqual(before);
  });

  it('needs at least one path (exit 2)', async () => {
    expect((await remdesk(['validate'])).code).toBe(2);
  });
});
