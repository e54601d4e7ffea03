import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { sortSnapshotsListing } from '../../core/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/remdesk.mjs');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to its end, collecting what it prints. `env` replaces the environment when given
 * (tests that must not inherit this process's); `timeoutMs` kills a command that hangs.
 */
export function run(
  command: string,
  args: readonly string[],
  opts: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer =
      opts.timeoutMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/**
 * Runs the real `remdesk` as a subprocess, as a user would (`env` added to this process's);
 * `timeoutMs` kills it if it has not ended by then (its code is then null).
 */
export const remdesk = (
  args: readonly string[],
  cwd = ROOT,
  env: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RunResult> =>
  run(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });

/**
 * Runs the real `remdesk` with its stdout closed before it writes, as `remdesk … | head` ends up:
 * its first line of output meets EPIPE.
 */
export function remdeskIntoClosedPipe(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

export const tempDir = (name: string): Promise<string> => mkdtemp(join(tmpdir(), `remdesk-${name}-`));

/** Every file under `dir` (relative path → SHA-256), to prove a command left it byte-for-byte unchanged. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const p = join(d, name);
      if ((await stat(p)).isDirectory()) await walk(p);
      else
        out[relative(dir, p)] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** A small archive made by the real command: 200 devices, 2 weeks. */
export async function smallArchive(name: string): Promise<string> {
  const dir = await tempDir(name);
  const r = await remdesk(['sample', '--out', dir, '--devices', '200', '--weeks', '2', '--seed', '5']);
  if (r.code !== 0) throw new Error(`sample failed: ${r.stderr}`);
  return dir;
}

/** The newest snapshot folder of an archive. */
export async function latestSnapshotDir(archive: string): Promise<string> {
  const last = sortSnapshotsListing(await readdir(join(archive, 'snapshots'))).snapshots.at(-1);
  if (!last) throw new Error('no snapshot');
  return join(archive, 'snapshots', last.name);
}
