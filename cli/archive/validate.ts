import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSnapshot, InputError, type InputIssue, MANIFEST_FILE } from '../../core/index.ts';
import { loadInputs } from '../inputs/load.ts';
import type { Io } from '../io.ts';
import {
  HISTORY,
  historyFile,
  listSnapshots,
  SNAPSHOTS,
  snapshotsDir,
  strayEntries,
  TEMP_PREFIX,
} from './layout.ts';
import { readSnapshotFiles } from './snapshot-files.ts';

export type ValidatedKind = 'archive' | 'snapshot' | 'vendor file';

export interface Validation {
  readonly path: string;
  readonly kind: ValidatedKind;
  readonly issues: readonly InputIssue[];
}

const issuesOf = async (f: () => Promise<unknown>): Promise<InputIssue[]> => {
  try {
    await f();
    return [];
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
};

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Checks one path: an archive (every snapshot and history.jsonl), a snapshot, or a vendor file. */
export async function validatePath(path: string, io: Io): Promise<Validation> {
  if (!(await exists(path))) {
    return {
      path,
      kind: 'vendor file',
      issues: [{ file: path, line: null, field: null, message: 'no such file or folder' }],
    };
  }
  const isDir = (await stat(path)).isDirectory();
  if (isDir && ((await exists(snapshotsDir(path))) || (await exists(historyFile(path))))) {
    return { path, kind: 'archive', issues: await validateArchive(path, io) };
  }
  if (isDir && !(await exists(join(path, MANIFEST_FILE))) && (await readdir(path)).length === 0) {
    return {
      path,
      kind: 'archive',
      issues: [
        { file: path, line: null, field: null, message: 'empty folder: not an archive or a snapshot' },
      ],
    };
  }
  // One file is checked as data: a page or part alone is valid, though it fixes nothing on import.
  const loaded = await issuesOf(() => loadInputs([path], io, { partial: true }));
  const kind: ValidatedKind = isDir || (await isZipFile(path)) ? 'snapshot' : 'vendor file';
  return { path, kind, issues: loaded };
}

async function isZipFile(path: string): Promise<boolean> {
  const b = await readFile(path).catch(() => new Uint8Array());
  return b[0] === 0x50 && b[1] === 0x4b;
}

export async function validateArchive(archive: string, io: Io): Promise<InputIssue[]> {
  const issues: InputIssue[] = [];
  const refs = await listSnapshots(archive);
  for (const [i, ref] of refs.entries()) {
    io.progress(`checking ${ref.name} (${i + 1}/${refs.length})…`);
    const label = join(archive, SNAPSHOTS, ref.name);
    issues.push(...(await issuesOf(async () => decodeSnapshot(await readSnapshotFiles(ref.dir), label))));
  }
  for (const stray of await strayEntries(archive)) {
    issues.push({
      file: join(archive, SNAPSHOTS, stray),
      line: null,
      field: null,
      message: 'not a snapshot name (YYYY-MM-DDTHHMMSSZ)',
    });
  }
  const temps = (await readdir(snapshotsDir(archive)).catch(() => [] as string[])).filter((n) =>
    n.startsWith(TEMP_PREFIX),
  );
  for (const t of temps) {
    issues.push({
      file: join(archive, SNAPSHOTS, t),
      line: null,
      field: null,
      message: 'left over from an interrupted write; delete it',
    });
  }
  issues.push(...(await validateHistory(archive, new Set(refs.map((r) => r.name)))));
  return issues;
}

/** history.jsonl: one JSON object per line, naming an existing snapshot, each snapshot once. */
async function validateHistory(archive: string, snapshots: ReadonlySet<string>): Promise<InputIssue[]> {
  const file = join(archive, HISTORY);
  const issues: InputIssue[] = [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return snapshots.size === 0 ? [] : [{ file, line: null, field: null, message: 'missing' }];
  }
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const at = (field: string | null, message: string) => issues.push({ file, line: i + 1, field, message });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      at(null, `not JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      at(null, 'not a JSON object');
      continue;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.at !== 'string') at('at', 'missing or not a string');
    if (typeof o.figures !== 'object' || o.figures === null) at('figures', 'missing or not an object');
    if (typeof o.snapshot !== 'string') at('snapshot', 'missing or not a string');
    else if (!snapshots.has(o.snapshot)) at('snapshot', `${o.snapshot} is not in ${SNAPSHOTS}/`);
    else if (seen.has(o.snapshot)) at('snapshot', `${o.snapshot} has more than one line`);
    else seen.add(o.snapshot);
  }
  for (const name of snapshots)
    if (!seen.has(name)) issues.push({ file, line: null, field: 'snapshot', message: `no line for ${name}` });
  return issues;
}
