import { readFile } from 'node:fs/promises';
import {
  type ChangeBundle,
  type DeviceLink,
  decodeChangeBundle,
  decodeSnapshot,
  type ImportEntry,
  InputError,
  type InputIssue,
  type ParsedVendorBatch,
  type State,
  TEAM_STATE_FILE,
  VendorImport,
  wholeFileTooLarge,
} from '../../core/index.ts';
import { readSnapshotFiles } from '../archive/snapshot-files.ts';
import type { Io } from '../io.ts';
import { gunzipFileLines } from './gz-lines.ts';
import { fileKindAt, statInput } from './named-path.ts';
import { decodeUtf8 } from './text.ts';

/** One step of `remdesk import`, in the order of the files given. */
export type ImportStep =
  /** Vendor files: one file, or every page or part of one exposure export. */
  | { readonly kind: 'vendor'; readonly files: readonly string[]; readonly batch: ParsedVendorBatch }
  /** A snapshot exported by the extension: a complete state. */
  | { readonly kind: 'snapshot'; readonly file: string; readonly state: State }
  /** An admin's changes, exported by the extension (R-MERGE-1). */
  | { readonly kind: 'bundle'; readonly file: string; readonly bundle: ChangeBundle };

export interface LoadOptions {
  readonly link?: DeviceLink;
  /** Merge part of an exposure export as seen exposed, fixing nothing, instead of refusing it. */
  readonly partial?: boolean;
}

/**
 * Reads every input file, each detected by its content, not its name: a snapshot folder or zip
 * (the extension's export), a gzip-compressed one-record-per-line export part, or a vendor JSON
 * file. Vendor files go through core's VendorImport, which gathers the pages and parts of an
 * exposure export into one picture and refuses one that is not whole (unless `partial`). Every
 * file is read before anything is refused, so one run names every bad file.
 */
export async function loadInputs(
  paths: readonly string[],
  io: Io,
  opts: LoadOptions = {},
): Promise<{ steps: ImportStep[]; notes: string[] }> {
  const vendor = new VendorImport(opts.link ? { link: opts.link } : {});
  const order: (Exclude<ImportStep, { kind: 'vendor' }> | { kind: 'vendor'; file: string })[] = [];
  const issues: InputIssue[] = [];
  for (const file of paths) {
    io.progress(`reading ${file}…`);
    try {
      order.push((await readOne(file, vendor, io)) ?? { kind: 'vendor', file });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const { entries, notes } = vendor.finish(opts.partial ?? false);
  const byFirstFile = new Map<string, ImportEntry>(entries.map((e) => [e.files[0] ?? '', e]));
  const steps: ImportStep[] = [];
  for (const o of order) {
    if (o.kind !== 'vendor') steps.push(o);
    else {
      const entry = byFirstFile.get(o.file);
      if (entry) steps.push({ kind: 'vendor', files: entry.files, batch: entry.batch });
    }
  }
  return { steps, notes };
}

/** Reads one file: a snapshot or a change bundle, or null once a vendor file was handed to `vendor`. */
async function readOne(
  file: string,
  vendor: VendorImport,
  io: Io,
): Promise<Exclude<ImportStep, { kind: 'vendor' }> | null> {
  const info = await statInput(file);
  const kind = info.isDirectory() ? 'folder' : await fileKindAt(file);
  // A bundle or vendor JSON is read whole here (a snapshot's reader holds its own bounds).
  const tooLarge = kind === 'bundle' || kind === 'text' ? wholeFileTooLarge(file, info.size) : null;
  if (tooLarge) throw tooLarge;
  if (kind === 'folder' || kind === 'zip') {
    const files = await readSnapshotFiles(file);
    if (files.has(TEAM_STATE_FILE))
      throw new InputError([
        {
          file,
          line: null,
          field: TEAM_STATE_FILE,
          message:
            "a team state is what the extension loads (remdesk export wrote it); an admin's work comes back as their change bundle",
        },
      ]);
    return { kind: 'snapshot', file, state: (await decodeSnapshot(files, file)).state };
  }
  if (kind === 'bundle') {
    const text = decodeUtf8(new Uint8Array(await readFile(file)), file);
    return { kind: 'bundle', file, bundle: await decodeChangeBundle(text, file) };
  }
  if (kind === 'gzip') {
    const size = info.size;
    await vendor.addLines(
      gunzipFileLines(file, file, (n) =>
        io.progress(`${file}: ${Math.round((100 * n) / Math.max(1, size))}% read`),
      ),
      file,
    );
    return null;
  }
  vendor.addJson(decodeUtf8(new Uint8Array(await readFile(file)), file), file);
  return null;
}
