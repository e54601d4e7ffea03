import { closeSync, constants, openSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { mkdir, open, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { printable } from '../../core/index.ts';
import { UsageError } from '../args.ts';
import type { Io } from '../io.ts';
import { withPath } from './fs-path.ts';

/**
 * One writer at a time: a command that writes an archive (`import`, `pull`, `sample`) holds its
 * lock from reading the latest snapshot to writing the next, so a second writer never builds on a
 * state that is about to be replaced. The lock is a file in the archive, made atomically (`open`
 * with 'wx' fails when it exists), naming its holder. Readers never look at it.
 */
export const LOCK_FILE = '.remdesk.lock';
/** Made, also with 'wx', by the one waiter that replaces a stale lock (see `takeOver`). */
const TAKEOVER_SUFFIX = '.takeover';

/**
 * How long a second writer waits for the lock before giving up: a minute (a person's import takes
 * seconds), or `REMDESK_LOCK_WAIT` seconds (0: do not wait; a nightly job may wait longer). Any
 * other value (-1, 0.5, abc, 1e999, empty) is a usage error, not a silent minute: a job that
 * meant not to wait, or to wait an hour, would otherwise do neither.
 */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REMDESK_LOCK_WAIT;
  if (raw === undefined) return 60_000;
  if (!/^\d{1,6}$/.test(raw))
    throw new UsageError(
      `REMDESK_LOCK_WAIT must be a whole number of seconds from 0 to 999999, got "${raw}"`,
    );
  return Number(raw) * 1000;
}
/** A lock older than this is stale even when its holder cannot be asked (another host). */
export const LOCK_STALE_MS = 12 * 60 * 60_000;
/** A lock file with no holder in it yet is being written; past this it was left half made. */
const HALF_MADE_MS = 5_000;

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the lock was taken, ISO 8601. */
  readonly since: string;
  /** What holds it: `remdesk import`. */
  readonly command: string;
}

/** The lock is held by another writer and was not released within the wait: exit code 6. */
export class ArchiveBusyError extends Error {
  override readonly name = 'ArchiveBusyError';
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
    waitedMs: number,
  ) {
    super(
      `${printable(lockFile)}: the archive is being written by ${describeHolder(holder)}; still held after ${Math.round(waitedMs / 1000)} s. Try again later; if that process is gone, delete the lock file.`,
    );
  }
}

export const describeHolder = (h: LockHolder | null): string =>
  h === null
    ? 'another remdesk (its lock file names no holder yet)'
    : `${printable(h.command)} (pid ${h.pid} on ${printable(h.host)}) since ${h.since}`;

/** A holder read from a lock file; null when it is empty or not one (being written, or damaged). */
function parseHolder(text: string): LockHolder | null {
  try {
    const o = JSON.parse(text) as Partial<LockHolder>;
    return typeof o.pid === 'number' &&
      typeof o.host === 'string' &&
      typeof o.since === 'string' &&
      typeof o.command === 'string'
      ? { pid: o.pid, host: o.host, since: o.since, command: o.command }
      : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a lock is stale, or null while its holder may still be writing: a holder on this host whose
 * process is gone (a crash, kill -9, a power cut), any holder past LOCK_STALE_MS (another host's
 * cannot be asked), or a file that never got its holder written.
 */
function staleness(holder: LockHolder | null, ageMs: number, now: number): string | null {
  if (holder === null) return ageMs > HALF_MADE_MS ? 'it names no holder' : null;
  const since = Date.parse(holder.since);
  if (holder.host === hostname()) {
    if (!alive(holder.pid)) return `process ${holder.pid} is no longer running`;
    // Our own pid, taken before this process started: an earlier process that had it (pids are
    // reused, often at once in a container).
    if (holder.pid === process.pid && since < now - process.uptime() * 1000)
      return `process ${holder.pid} that took it has ended`;
  }
  if (!Number.isFinite(since) || now - since > LOCK_STALE_MS)
    return `it is older than ${LOCK_STALE_MS / 3_600_000} hours`;
  return null;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Opened with O_NOFOLLOW: a lock path that is a symbolic link (to /etc/passwd, say) is refused,
 * ELOOP naming it (exit 3), never read, judged stale or replaced through. O_NONBLOCK: a fifo put
 * in its place does not hang the open.
 */
const LOCK_READ = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

async function readLock(file: string): Promise<{ text: string; ageMs: number } | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, LOCK_READ);
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    const [text, info] = await Promise.all([handle.readFile('utf8'), handle.stat()]);
    return { text, ageMs: Date.now() - info.mtimeMs };
  } catch (e) {
    throw withPath(e, file);
  } finally {
    await handle.close();
  }
}

/** Makes the lock file if there is none; false when another holds it. */
async function create(file: string, text: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // 'wx' is O_CREAT|O_EXCL: atomic, and it does not follow a symbolic link put in its place.
    handle = await open(file, 'wx');
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Replaces a stale lock by ours. Two waiters may judge the same lock stale at once: only the one
 * that makes the takeover file may replace it, and it does so only if the lock still holds what
 * was judged (so a lock taken meanwhile is never removed); ours goes in place by rename, in one
 * step. A takeover file outlives its maker only if that one died within these few steps: it is
 * then removed after HALF_MADE_MS.
 */
async function takeOver(file: string, judged: string, ours: string): Promise<boolean> {
  const guard = `${file}${TAKEOVER_SUFFIX}`;
  if (!(await create(guard, ours))) {
    const left = await readLock(guard);
    if (left && left.ageMs > HALF_MADE_MS) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const now = await readLock(file);
    if (now !== null && now.text !== judged) return false;
    const staged = `${file}.${process.pid}`;
    await unlink(staged).catch(() => undefined);
    await writeFile(staged, ours, { flag: 'wx' });
    await rename(staged, file);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `work` holding the archive's lock, made in `archive` (created if missing, and removed again
 * if nothing was written into it). A lock held by another waits up to `waitMs`, saying so once;
 * a stale lock is reported and taken over. The lock is removed when `work` ends, throws, or the
 * process is interrupted (SIGINT, SIGTERM, SIGHUP), and then only if it is still ours.
 */
export async function withArchiveLock<T>(
  archive: string,
  io: Io,
  command: string,
  work: () => Promise<T>,
  waitMs = lockWaitMs(),
): Promise<T> {
  const created = await mkdir(archive, { recursive: true });
  const file = join(archive, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command };
  const ours = `${JSON.stringify(holder)}\n`;
  await acquire(file, ours, io, waitMs);
  const releaseNow = () => {
    try {
      const fd = openSync(file, LOCK_READ);
      try {
        if (readFileSync(fd, 'utf8') === ours) unlinkSync(file);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Already gone: nothing to release.
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    releaseNow();
    if (created !== undefined) removeEmpty(archive, created);
    for (const s of SIGNALS) process.off(s, onSignal);
    // Ends as the signal would have without the handler (exit 130 for SIGINT).
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', releaseNow);
  try {
    return await work();
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', releaseNow);
    releaseNow();
    if (created !== undefined) removeEmpty(archive, created);
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

async function acquire(file: string, ours: string, io: Io, waitMs: number): Promise<void> {
  const started = Date.now();
  let told: string | null = null;
  for (;;) {
    if (await create(file, ours)) return;
    const found = await readLock(file);
    if (found === null) continue; // released between the two calls
    const holder = parseHolder(found.text);
    const stale = staleness(holder, found.ageMs, Date.now());
    if (stale !== null) {
      if (await takeOver(file, found.text, ours)) {
        io.err(`remdesk: ${printable(file)}: took over a stale lock of ${describeHolder(holder)}: ${stale}`);
        return;
      }
      continue;
    }
    const waited = Date.now() - started;
    // A lock file named no holder yet is being written (its maker is between 'wx' and the write):
    // it is read again, not reported, until it names one or is stale (HALF_MADE_MS).
    if (waited >= waitMs && holder !== null) throw new ArchiveBusyError(file, holder, waited);
    if (holder !== null && told !== found.text) {
      told = found.text;
      io.err(
        `remdesk: waiting for the archive, being written by ${describeHolder(holder)} (up to ${Math.round(waitMs / 1000)} s)…`,
      );
    }
    // Jittered, so two waiters do not ask in step.
    await sleep(100 + Math.random() * 150);
  }
}

/**
 * An archive folder this command made and left empty (nothing was written) is removed again, with
 * the parents it made. Synchronous, as it also runs on a signal, just before the process ends.
 */
function removeEmpty(archive: string, created: string): void {
  for (let dir = resolve(archive); ; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === resolve(created)) return;
  }
}
