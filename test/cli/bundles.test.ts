import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readSnapshot } from '../../cli/archive/read.ts';
import {
  type ChangeBundle,
  deviceGroupName,
  encodeChangeBundle,
  encodeSnapshot,
  instant,
  type State,
  TEAM_STATE_FILE,
  type TeamStateRef,
  unzipSnapshot,
  zipSnapshot,
} from '../../core/index.ts';
import { AdminSession } from '../support/core/admin-session.ts';
import { hashTree, latestSnapshotDir, remdesk, smallArchive, tempDir } from './helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let template: string;
beforeAll(async () => {
  template = await smallArchive('bundles-template');
}, 120_000);

async function archive(): Promise<{ data: string; dir: string }> {
  const dir = await tempDir('bundles');
  const data = join(dir, 'archive');
  await cp(template, data, { recursive: true });
  return { data, dir };
}

/** The team state `remdesk export` writes, as the extension would load it. */
async function teamState(data: string, dir: string): Promise<{ ref: TeamStateRef; state: State }> {
  const out = join(dir, `team-${Math.random()}.zip`);
  const r = await remdesk(['export', '--data', data, '--out', out, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const files = unzipSnapshot(new Uint8Array(await readFile(out)), out);
  expect(files.has(TEAM_STATE_FILE)).toBe(true);
  const { archive: id, snapshot } = JSON.parse(r.stdout) as TeamStateRef;
  return { ref: { archive: id, snapshot }, state: (await readSnapshot(await latestSnapshotDir(data))).state };
}

/** Recommendations with exposed devices, and a device group of each. */
function exposed(state: State): { rec: string; group: string }[] {
  const groupOf = new Map(state.devices.map((d) => [d.id, d.rbacGroupName]));
  const seen = new Map<string, string>();
  for (const x of state.exposures)
    if (!seen.has(x.recommendationId)) seen.set(x.recommendationId, groupOf.get(x.deviceId) ?? '');
  return [...seen].map(([rec, group]) => ({ rec, group }));
}

const T = (h: number) => instant(`2026-12-06T${String(h).padStart(2, '0')}:00:00Z`);

/** Two admins' work from one team state: A requests and makes an exception, B requests and completes. */
function twoAdmins(state: State, ref: TeamStateRef): { a: ChangeBundle; b: ChangeBundle } {
  const [first, second, third] = exposed(state);
  if (!first || !second || !third) throw new Error('the sample archive has too few exposed recommendations');
  const a = new AdminSession(state, 'alice@contoso.com', 'install-a', ref);
  expect(a.request(first.rec, 'all', T(1))).not.toBeNull();
  expect(a.except(second.rec, 'global', T(2))).not.toBeNull();
  const b = new AdminSession(state, 'bob@contoso.com', 'install-b', ref);
  expect(b.request(first.rec, [deviceGroupName(first.group)], T(1))).not.toBeNull();
  const mine = b.request(third.rec, 'all', T(2), false);
  expect(b.complete(mine as string, T(3))).toBe(true);
  return { a: a.bundle(T(4)), b: b.bundle(T(4)) };
}

async function write(dir: string, name: string, bundle: ChangeBundle): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, await encodeChangeBundle(bundle));
  return file;
}

/** The latest snapshot's tables (not its manifest, which names the files imported). */
async function tables(data: string): Promise<Record<string, string>> {
  const dir = await latestSnapshotDir(data);
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.csv')))
    out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

const importAt = (data: string, files: readonly string[], at: string) =>
  remdesk(['import', ...files, '--data', data, '--at', at]);

describe('remdesk import of change bundles', () => {
  it('R-MERGE-1: two admins’ bundles give the same snapshot in either order; each admin’s work is kept; again is a no-op', async () => {
    const one = await archive();
    const two = await archive();
    const { ref, state } = await teamState(one.data, one.dir);
    const { a, b } = twoAdmins(state, ref);
    const [fa, fb] = [await write(one.dir, 'a.jsonl', a), await write(one.dir, 'b.jsonl', b)];

    for (const [data, order] of [
      [one.data, [fa, fb]],
      [two.data, [fb, fa]],
    ] as const) {
      let r = await importAt(data, [order[0]], '2026-12-06T05:00:00Z');
      expect(r.code, r.stderr).toBe(0);
      r = await importAt(data, [order[1]], '2026-12-06T06:00:00Z');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/(alice|bob)@contoso.com \(install install-[ab]\): \d+ changes merged/);
    }
    expect(await tables(two.data)).toEqual(await tables(one.data));

    const merged = (await readSnapshot(await latestSnapshotDir(one.data))).state;
    const requesters = merged.activities.filter((x) => x.createdOn >= T(1)).map((x) => x.requesterEmail);
    expect(requesters.sort()).toEqual(['alice@contoso.com', 'bob@contoso.com', 'bob@contoso.com']);
    expect(merged.exceptions.some((x) => x.createdBy === 'alice@contoso.com')).toBe(true);

    const before = await hashTree(one.data);
    const again = await importAt(one.data, [fa, fb], '2026-12-06T07:00:00Z');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing changed');
    expect(again.stderr).toMatch(/already in the archive/);
    expect(await hashTree(one.data)).toEqual(before);

    const diff = await remdesk(['diff', '--data', two.data]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/Changes by alice@contoso.com: /);
  });

  it('refuses a bundle that was edited, or made from another archive, and leaves the archive as it was', async () => {
    const { data, dir } = await archive();
    const { ref, state } = await teamState(data, dir);
    const { a } = twoAdmins(state, ref);
    const text = await encodeChangeBundle(a);
    const edited = join(dir, 'edited.jsonl');
    await writeFile(edited, text.replace('alice@contoso.com asked', 'alice@contoso.com asked twice'));
    const other = await write(dir, 'other.jsonl', {
      ...a,
      base: { archive: 'another-archive', snapshot: ref.snapshot },
    });
    const before = await hashTree(data);
    for (const [file, message] of [
      [edited, `${edited}:1: sha256: the changes do not match their checksum`],
      [other, `${other}:1: base.archive: the bundle was made from another archive (another-archive)`],
    ] as const) {
      const r = await importAt(data, [file], '2026-12-06T05:00:00Z');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(message);
      expect(await hashTree(data)).toEqual(before);
    }
  });

  it('R-MERGE-1: snapshots exported by two admins (older extensions) both join the archive; neither replaces the other', async () => {
    const { data, dir } = await archive();
    const { ref, state } = await teamState(data, dir);
    const [first, , third] = exposed(state);
    const a = new AdminSession(state, 'alice@contoso.com', 'install-a', ref);
    a.request(first?.rec as string, 'all', T(1));
    const b = new AdminSession(state, 'bob@contoso.com', 'install-b', ref);
    b.request(third?.rec as string, 'all', T(1));
    const zips: string[] = [];
    for (const [name, s] of [
      ['A.zip', a.state],
      ['B.zip', b.state],
    ] as const) {
      const file = join(dir, name);
      await writeFile(
        file,
        zipSnapshot(await encodeSnapshot(s, { generatedAt: T(2), source: 'remdesk extension' })),
      );
      zips.push(file);
    }
    for (const [i, zip] of zips.entries()) {
      const r = await importAt(data, [zip], `2026-12-06T0${5 + i}:00:00Z`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("joins data as the admins' changes");
    }
    const merged = (await readSnapshot(await latestSnapshotDir(data))).state;
    expect(
      merged.activities
        .filter((x) => x.createdOn >= T(1))
        .map((x) => x.requesterEmail)
        .sort(),
    ).toEqual(['alice@contoso.com', 'bob@contoso.com']);
  });

  it('remdesk export writes the team state once and never replaces a file; import refuses it, naming what it is', async () => {
    const { data, dir } = await archive();
    const out = join(dir, 'team.zip');
    expect((await remdesk(['export', '--data', data, '--out', out])).code).toBe(0);
    const imported = await importAt(data, [out], '2026-12-06T05:00:00Z');
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`${out}:-: team.json: a team state is what the extension loads`);
    const r = await remdesk(['export', '--data', data, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exists');
  });
});
