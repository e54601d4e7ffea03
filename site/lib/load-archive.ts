/**
 * Reads an archive (docs/archive.md) at build time: the latest snapshot and the one before it, as
 * core States, and history.jsonl for the trends. Read once per build and shared by every page.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  decodeSnapshot,
  type Figures,
  InputError,
  type Instant,
  instant,
  type State,
} from '../../core/index.ts';

export interface LoadedSnapshot {
  /** The folder name under snapshots/ (its UTC timestamp). */
  readonly label: string;
  readonly at: Instant;
  readonly state: State;
  /** The snapshot's own files (CSV + manifest.json), offered for download beside the pages. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export interface HistoryLine {
  readonly at: Instant;
  readonly snapshot: string;
  readonly figures: Figures;
}

export interface Archive {
  readonly dir: string;
  readonly latest: LoadedSnapshot;
  readonly previous: LoadedSnapshot | null;
  readonly history: readonly HistoryLine[];
}

/** The archive folder the site is built from: REMDESK_DATA, else ./data. */
export const archiveDir = (): string => resolve(process.env.REMDESK_DATA || 'data');

/** A snapshot folder decoded: what `readSnapshotFolder` returns, in this thread or another. */
export interface DecodedFolder {
  readonly at: Instant;
  readonly state: State;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** Decodes one snapshot folder (checksums checked by core's `decodeSnapshot`). */
export async function readSnapshotFolder(folder: string): Promise<DecodedFolder> {
  const names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const files = new Map<string, Uint8Array>();
  for (const name of names.sort()) files.set(name, new Uint8Array(await readFile(join(folder, name))));
  const { state, manifest } = await decodeSnapshot(files, folder);
  return { at: manifest.generatedAt, state, files };
}

/** How snapshot folders get decoded: here by default; `remdesk report` passes worker threads. */
export type FolderDecoder = (folder: string) => Promise<DecodedFolder>;

function parseHistory(text: string, file: string): HistoryLine[] {
  const lines: HistoryLine[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const raw = JSON.parse(line) as { at: string; snapshot: string; figures: Figures };
      lines.push({ at: instant(raw.at), snapshot: String(raw.snapshot), figures: raw.figures });
    } catch (e) {
      throw new InputError([{ file, line: i + 1, field: null, message: (e as Error).message }]);
    }
  });
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export async function readArchive(dir: string, decode: FolderDecoder = readSnapshotFolder): Promise<Archive> {
  const snapshotsDir = join(dir, 'snapshots');
  let labels: string[];
  try {
    labels = (await readdir(snapshotsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    throw new InputError([
      { file: snapshotsDir, line: null, field: null, message: 'no snapshots folder: is this an archive?' },
    ]);
  }
  const [prevLabel, lastLabel] =
    labels.slice(-2).length === 2 ? labels.slice(-2) : [undefined, labels.at(-1)];
  if (lastLabel === undefined) {
    throw new InputError([
      { file: snapshotsDir, line: null, field: null, message: 'the archive has no snapshot' },
    ]);
  }
  const historyFile = join(dir, 'history.jsonl');
  const historyText = await readFile(historyFile, 'utf8').catch(() => '');
  const read = async (label: string): Promise<LoadedSnapshot> => ({
    label,
    ...(await decode(join(snapshotsDir, label))),
  });
  const [latest, previous] = await Promise.all([
    read(lastLabel),
    prevLabel === undefined ? null : read(prevLabel),
  ]);
  return { dir, latest, previous, history: parseHistory(historyText, historyFile) };
}

// The pages run from Astro's own bundle of this module, a second instance beside the one the
// report command imports: the archive being built is kept on globalThis so both see one copy, and
// `remdesk report` can start reading it before Astro starts compiling (docs/site.md).
const CURRENT = Symbol.for('remdesk.site.archive');
interface Slot {
  readonly dir: string;
  readonly archive: Promise<Archive>;
}
const slots = globalThis as { [CURRENT]?: Slot };

/** Starts reading the archive for this build now, replacing any archive read before. */
export function preloadArchive(dir: string, decode?: FolderDecoder): Promise<Archive> {
  const archive = readArchive(dir, decode);
  // A failure is reported to whoever awaits it (a page, or the report command), not as unhandled.
  archive.catch(() => {});
  slots[CURRENT] = { dir, archive };
  return archive;
}

/** Forgets the archive once the build is done, so a long-lived process does not keep it. */
export function releaseArchive(): void {
  delete slots[CURRENT];
}

/** The archive for this build, read once however many pages ask. */
export function loadArchive(dir: string = archiveDir()): Promise<Archive> {
  const slot = slots[CURRENT];
  return slot?.dir === dir ? slot.archive : preloadArchive(dir);
}
