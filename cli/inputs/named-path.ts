import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { FILE_KIND_HEAD, type FileKind, fileKindOf, InputError } from '../../core/index.ts';

const issue = (file: string, message: string) => new InputError([{ file, line: null, field: null, message }]);

/**
 * What a path the user named is, known before anything is opened: null when nothing is there. A
 * device, fifo or socket is refused (exit 1) here, because opening a fifo blocks until a writer
 * comes and reading a device (/dev/zero) never ends. Every command that reads a path it was given
 * (import, validate, diff, export, report) asks this first.
 */
export async function statNamed(path: string): Promise<Stats | null> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (!info.isFile() && !info.isDirectory())
    throw issue(path, 'not a regular file (a device, fifo or socket); give a file or folder');
  return info;
}

/** As `statNamed`, for a path that must be there: nothing there is refused too. */
export async function statInput(path: string): Promise<Stats> {
  const info = await statNamed(path);
  if (info === null) throw issue(path, 'no such file or folder');
  return info;
}

/** What a file holds, from its first bytes only (it may be large): core's `fileKindOf`. */
export async function fileKindAt(path: string): Promise<FileKind> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(FILE_KIND_HEAD);
    const { bytesRead } = await fh.read(buf, 0, FILE_KIND_HEAD, 0);
    return fileKindOf(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}
