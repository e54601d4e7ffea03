import { counted } from '../../counted.ts';
import { InputError, type InputIssue } from '../../errors.ts';
import type { DeviceLink } from '../../model/batch.ts';
import { type Instant, instant } from '../../model/time.ts';
import {
  detectVendorKind,
  parseVendorRecords,
  type VendorParseOptions,
  vendorKindOfRecord,
} from './detect.ts';
import { feedLines, type ParsedVendorBatch, type RowAccumulator } from './export-rows.ts';
import { FieldReader, isJsonObject } from './fields.ts';
import { parseJsonText, readJsonDocument } from './json-document.ts';
import { type ChainPage, pagesShowWhole } from './page-chain.ts';
import { createVulnerabilityAccumulator } from './vulnerabilities.ts';
import { createVulnerabilityDeltaAccumulator } from './vulnerabilities-delta.ts';

type PictureKind = 'exposures' | 'exposureDelta';

/** What the caller knows of one vendor JSON file, beyond its text. */
export interface JsonFileOptions {
  /**
   * Where a page stands in its paged answer: 'first' for the answer's first page, else the address
   * it was fetched from. Only a caller that fetched the pages itself (`remdesk pull`) knows.
   */
  readonly self?: string;
  /** What machine references were fetched for (overrides the import's own `link`). */
  readonly link?: DeviceLink;
}

/** One exposure picture (the full export, or the delta) as its files arrive, and what says it is whole. */
interface Picture {
  readonly kind: PictureKind;
  readonly acc: RowAccumulator;
  readonly files: string[];
  readonly pages: ChainPage[];
  /** Parts of a via-files export, by the name the listing gives them. */
  readonly parts: Map<string, string>;
}

/** A via-files listing: every part's address and the name it is matched by, and the export's time. */
export interface ExportListing {
  readonly file: string;
  readonly parts: readonly { readonly address: string; readonly name: string }[];
  readonly generatedTime: Instant;
}

/** One batch to merge, with the files it came from (the first says where it stands among the others). */
export interface ImportEntry {
  readonly files: readonly string[];
  readonly batch: ParsedVendorBatch;
}

/** The name of a part as a via-files listing gives it: the last segment of its address's path. */
function exportPartName(addressOrPath: string): string {
  let path = addressOrPath;
  try {
    path = new URL(addressOrPath).pathname;
  } catch {
    // a local path, not an address
  }
  const last = path.split(/[\\/]/).pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a stray % is part of the name
  }
}

/**
 * The files of one import, of any vendor kind, in any order; which parser a file needs is decided
 * here from its content. Exposure exports are gathered into one picture per kind (full, delta): the
 * pages of a paged answer and the parts of a via-files export are one picture however many files
 * carry them. A picture fixes devices only when the vendor's own signals show it whole (see
 * `finish`); the extension and the command line both import through this.
 */
export class VendorImport {
  private readonly entries: { files: readonly string[]; batch: ParsedVendorBatch | PictureKind }[] = [];
  private readonly pictures = new Map<PictureKind, Picture>();
  private readonly listings: ExportListing[] = [];

  constructor(private readonly opts: VendorParseOptions = {}) {}

  /**
   * A vendor JSON file: an API answer (or one page of it), a single entity, or a via-files listing.
   * Returns how many records it holds.
   */
  addJson(text: string, file: string, known: JsonFileOptions = {}): number {
    const doc = readJsonDocument(text, file);
    const kind = detectVendorKind(doc, file);
    if (kind === 'exportFiles') {
      this.listings.push(parseExportListing(doc.records[0]?.value, file));
    } else if (kind !== 'exposures' && kind !== 'exposureDelta') {
      const opts = known.link ? { ...this.opts, link: known.link } : this.opts;
      this.entries.push({ files: [file], batch: parseVendorRecords(doc.records, file, kind, opts) });
    } else {
      const picture = this.picture(kind, file);
      for (const r of doc.records) picture.acc.add(r.value, r.line, r.path);
      picture.pages.push({ file, next: doc.nextLink, self: known.self ?? null });
    }
    return doc.records.length;
  }

  /**
   * One part of a via-files export, gzip already undone: one JSON record per line, every line read.
   * `name` is the part's name in the listing (by default the file's own name).
   */
  async addLines(lines: AsyncIterable<string>, file: string, name = exportPartName(file)): Promise<void> {
    // The first record says which export this is; the same iterator then goes on from there.
    const it = lines[Symbol.asyncIterator]();
    const head: string[] = [];
    let kind: PictureKind | null = null;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      head.push(next.value);
      if (next.value.trim() === '') continue;
      const first = parseJsonText(next.value, file, head.length);
      const found = isJsonObject(first) ? vendorKindOfRecord(first) : null;
      if (found !== 'exposures' && found !== 'exposureDelta')
        throw new InputError([
          {
            file,
            line: head.length,
            field: null,
            message:
              'a one-record-per-line file must be a software-vulnerabilities export (or its delta), record by record',
          },
        ]);
      kind = found;
      break;
    }
    if (kind === null)
      throw new InputError([{ file, line: null, field: null, message: 'the file holds no records' }]);
    const picture = this.picture(kind, file);
    const earlier = picture.parts.get(name);
    if (earlier !== undefined)
      throw new InputError([
        { file, line: null, field: null, message: `the same part as ${earlier} (${name}) was given twice` },
      ]);
    picture.parts.set(name, file);
    const rest = { [Symbol.asyncIterator]: () => it };
    await feedLines(picture.acc, concat(head, rest), file);
  }

  /**
   * The batches to merge, in the order of their first files. A picture the vendor's signals do not
   * show whole — a page whose next page is missing, parts without their listing or with parts of it
   * missing — is refused, saying what is missing; with `partial`, it is merged as seen exposed
   * (`exposuresSeen`; a delta without its Fixed rows), fixing nothing, and `notes` say so.
   */
  finish(partial = false): { entries: ImportEntry[]; notes: string[] } {
    const issues: InputIssue[] = [];
    const notes: string[] = [];
    const pictures = new Map<PictureKind, ParsedVendorBatch>();
    const usedListings = new Set<ExportListing>();
    for (const picture of this.pictures.values()) {
      const listing = this.listingFor(picture, issues);
      if (listing) usedListings.add(listing);
      const missing = this.missing(picture, listing);
      const observedAt = this.opts.observedAt ?? listing?.generatedTime;
      const batch = picture.acc.finish(observedAt);
      if (missing.length === 0) {
        pictures.set(picture.kind, batch);
        continue;
      }
      const what = `${picture.kind === 'exposures' ? 'the exposure export' : 'the delta export'} in ${picture.files.join(', ')} is not whole: ${missing.join('; ')}`;
      if (!partial) {
        issues.push({
          file: picture.files[0] ?? '',
          line: null,
          field: null,
          message: `${what}. Nothing is fixed from part of an export: give every page or part, or --partial to merge it as seen exposed, fixing nothing`,
        });
        continue;
      }
      notes.push(`${what}; merged as seen exposed, fixing nothing`);
      pictures.set(picture.kind, seenOnly(batch));
    }
    for (const l of this.listings)
      if (!usedListings.has(l))
        issues.push({
          file: l.file,
          line: null,
          field: 'exportFiles',
          message: `none of the ${counted(l.parts.length, 'part')} this listing names was given`,
        });
    if (issues.length > 0) throw new InputError(issues);
    const entries = this.entries.map(({ files, batch }) => ({
      files,
      batch: typeof batch === 'string' ? (pictures.get(batch) as ParsedVendorBatch) : batch,
    }));
    return { entries, notes };
  }

  private picture(kind: PictureKind, file: string): Picture {
    let picture = this.pictures.get(kind);
    if (!picture) {
      const acc =
        kind === 'exposures'
          ? createVulnerabilityAccumulator(file)
          : createVulnerabilityDeltaAccumulator(file, this.opts.changesAfter);
      picture = { kind, acc, files: [], pages: [], parts: new Map() };
      this.pictures.set(kind, picture);
      this.entries.push({ files: picture.files, batch: kind });
    }
    picture.files.push(file);
    return picture;
  }

  /** The one listing that names this picture's parts; parts of two exports are refused. */
  private listingFor(picture: Picture, issues: InputIssue[]): ExportListing | null {
    if (picture.parts.size === 0) return null;
    const named = this.listings.filter((l) => l.parts.some((p) => picture.parts.has(p.name)));
    if (named.length > 1) {
      issues.push({
        file: named[1]?.file ?? '',
        line: null,
        field: 'exportFiles',
        message: `parts of two via-files exports (${named.map((l) => l.file).join(', ')}) cannot make one picture`,
      });
      return null;
    }
    const listing = named[0] ?? null;
    if (listing)
      for (const [name, file] of picture.parts)
        if (!listing.parts.some((p) => p.name === name))
          issues.push({
            file,
            line: null,
            field: null,
            message: `this part (${name}) is not among those ${listing.file} names: it belongs to another export`,
          });
    return listing;
  }

  /** What is missing from the picture for the vendor to call it whole; empty when nothing is. */
  private missing(picture: Picture, listing: ExportListing | null): string[] {
    const fromParts =
      picture.parts.size === 0
        ? null
        : listing === null
          ? [
              'the listing of the via-files export (SoftwareVulnerabilitiesExport, with exportFiles and generatedTime) was not given, so nothing shows these parts are all of it',
            ]
          : listing.parts
              .map((p) => p.name)
              .filter((n) => !picture.parts.has(n))
              .map((n, i, all) =>
                i === 0 ? `${all.length} of ${listing.parts.length} parts missing: ${n}` : n,
              );
    if (fromParts !== null && fromParts.length === 0) return [];
    const fromPages = picture.pages.length === 0 ? null : pagesShowWhole(picture.pages);
    if (fromPages !== null && fromPages.length === 0) return [];
    return [...(fromParts ?? []), ...(fromPages ?? [])];
  }
}

async function* concat(head: readonly string[], rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield* head;
  yield* rest;
}

/** The via-files listing: `exportFiles` (the parts' addresses, each with its name) and `generatedTime`. */
export function parseExportListing(value: unknown, file: string): ExportListing {
  const f = new FieldReader(file).at(value, null, '$');
  const addresses = f.strings('exportFiles');
  if (addresses.length === 0) throw f.error('exportFiles', 'lists no files');
  const parts = addresses.map((address) => ({ address, name: exportPartName(address) }));
  // Parts are matched by name: two of one name could not be told apart, and one file would stand
  // for both.
  const twice = parts.find((p, i) => parts.findIndex((q) => q.name === p.name) !== i)?.name;
  if (twice !== undefined)
    throw f.error('exportFiles', `names two parts ${twice}: they cannot be told apart`);
  return { file, parts, generatedTime: f.parsed('generatedTime', f.string('generatedTime'), instant) };
}

/** Part of a picture: what it shows exposed, and nothing fixed. */
function seenOnly(batch: ParsedVendorBatch): ParsedVendorBatch {
  if (batch.kind === 'exposures') {
    const { exposures, devices, observedAt, warnings } = batch;
    return { kind: 'exposuresSeen', exposures, devices, observedAt, warnings };
  }
  if (batch.kind === 'exposureDelta')
    return {
      ...batch,
      changes: batch.changes.filter((c) => c.added + c.kept > 0).map((c) => ({ ...c, fixed: 0 })),
    };
  return batch;
}
