import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type ExportListing, isJsonObject, parseExportListing } from '../../core/index.ts';
import type { DefenderClient } from './client.ts';
import { PullApiError, PullNetworkError, SasExpiredError, showUrl } from './errors.ts';
import type { Family } from './limiter.ts';
import { nextLinkOf } from './odata.ts';

/**
 * The fetchers: each returns the vendor's answers verbatim (page texts, export parts on disk), for
 * the archive's codecs to parse and merge. None of them interprets the data beyond what paging
 * needs.
 */

/** One answer of the API, as it came. */
export interface VendorPage {
  readonly family: Family;
  /** The address fetched (API addresses carry no secret). */
  readonly url: string;
  /** Its place in its sequence, from 0. */
  readonly index: number;
  /** The body, verbatim (UTF-8 checked). */
  readonly text: string;
  /** Its `@odata.nextLink` as the vendor wrote it; null on the last page. */
  readonly nextLink: string | null;
}

/** Pages past this many in one sequence mean the API is going round in circles. */
const MAX_PAGES = 100_000;

/** Follows `@odata.nextLink` from `first` until a page has none. */
async function* followNextLinks(
  client: DefenderClient,
  first: string,
  family: Family,
): AsyncGenerator<VendorPage> {
  let url: string | null = first;
  const seen = new Set<string>();
  for (let index = 0; url !== null; index++) {
    if (seen.has(url) || index >= MAX_PAGES) {
      throw new PullApiError(`the API's next links go round in circles at ${showUrl(url)}`, 200, null);
    }
    seen.add(url);
    const text = await client.getText(url, family);
    const nextLink = nextLinkOf(text);
    client.emit({ type: 'page', family, url, index, bytes: Buffer.byteLength(text) });
    yield { family, url, index, text, nextLink };
    url = nextLink === null ? null : client.follow(nextLink);
  }
}

/** `GET /api/recommendations`: every security recommendation (one page; a next link is followed if given). */
export function fetchRecommendations(client: DefenderClient): AsyncGenerator<VendorPage> {
  return followNextLinks(client, client.apiUrl('/api/recommendations'), 'recommendations');
}

/** How many records a page's `value` holds (small pages only: this parses the page). */
function valueCount(page: VendorPage): number {
  try {
    const body = JSON.parse(page.text) as { value?: unknown };
    if (!Array.isArray(body.value)) throw new Error('no value array');
    return body.value.length;
  } catch (e) {
    throw new PullApiError(
      `the API's answer is not an OData collection (${(e as Error).message}): ${page.url}`,
      200,
      null,
    );
  }
}

/**
 * `GET /api/remediationTasks` with `$top`/`$skip` (the vendor's maximum `$top` is 10,000): pages
 * until one comes back shorter than `$top`.
 */
export async function* fetchRemediationTasks(
  client: DefenderClient,
  options: { readonly pageSize?: number } = {},
): AsyncGenerator<VendorPage> {
  const top = Math.min(10_000, Math.max(1, options.pageSize ?? 10_000));
  for (let index = 0, skip = 0; index < MAX_PAGES; index++) {
    const url = client.apiUrl(`/api/remediationTasks?$top=${top}&$skip=${skip}`);
    const text = await client.getText(url, 'remediation');
    const page: VendorPage = { family: 'remediation', url, index, text, nextLink: nextLinkOf(text) };
    client.emit({ type: 'page', family: 'remediation', url, index, bytes: Buffer.byteLength(text) });
    yield page;
    const count = valueCount(page);
    if (count < top) return;
    skip += count;
  }
  throw new PullApiError('the remediation activities never end (100,000 pages)', 200, null);
}

/** The ids of the Active activities in remediation-task pages. */
export function activeTaskIds(pages: Iterable<VendorPage | string>): string[] {
  const ids: string[] = [];
  for (const page of pages) {
    const text = typeof page === 'string' ? page : page.text;
    const body = JSON.parse(text) as { value?: { id?: unknown; status?: unknown }[] };
    for (const task of body.value ?? []) {
      if (task && task.status === 'Active' && typeof task.id === 'string' && task.id !== '')
        ids.push(task.id);
    }
  }
  return [...new Set(ids)];
}

/** `GET /api/remediationTasks/{id}/machineReferences` for each activity: its exposed devices. */
export async function* fetchMachineReferences(
  client: DefenderClient,
  taskIds: Iterable<string>,
): AsyncGenerator<{ readonly taskId: string; readonly page: VendorPage }> {
  for (const taskId of taskIds) {
    const first = client.apiUrl(`/api/remediationTasks/${encodeURIComponent(taskId)}/machineReferences`);
    for await (const page of followNextLinks(client, first, 'remediation')) yield { taskId, page };
  }
}

/** `GET /api/machines`, following `@odata.nextLink` (10,000 machines a page at most). */
export function fetchMachines(client: DefenderClient): AsyncGenerator<VendorPage> {
  return followNextLinks(client, client.apiUrl('/api/machines'), 'machines');
}

/**
 * The software-vulnerabilities export, JSON response (`SoftwareVulnerabilitiesByMachine`): every
 * page, in order, until the one without `@odata.nextLink`. Only all of them together are the
 * whole picture. `pageSize` at most 200,000 (the vendor's default is 50,000).
 */
export function fetchExposurePages(
  client: DefenderClient,
  options: { readonly pageSize?: number } = {},
): AsyncGenerator<VendorPage> {
  const size = Math.min(200_000, Math.max(1, options.pageSize ?? 50_000));
  return followNextLinks(
    client,
    client.apiUrl(`/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=${size}`),
    'exportJson',
  );
}

/** The delta export reaches back 14 days at most. */
export const DELTA_MAX_DAYS = 14;

/** Whether a delta since `since` is possible at `now` (with a margin of an hour for clocks and a long pull). */
export function deltaReaches(since: Date, now: Date = new Date()): boolean {
  return (
    now.getTime() - since.getTime() <= DELTA_MAX_DAYS * 86_400_000 - 3_600_000 &&
    since.getTime() <= now.getTime()
  );
}

/**
 * The delta export (`SoftwareVulnerabilityChangesByMachine?sinceTime=`): the New, Fixed and
 * Updated rows since `sinceTime`, every page. Throws a PullApiError (400) when the API refuses the
 * time; check `deltaReaches` first and pull a full export instead.
 */
export function fetchExposureDelta(
  client: DefenderClient,
  options: { readonly sinceTime: Date; readonly pageSize?: number },
): AsyncGenerator<VendorPage> {
  const size = Math.min(200_000, Math.max(1, options.pageSize ?? 50_000));
  const since = encodeURIComponent(options.sinceTime.toISOString());
  return followNextLinks(
    client,
    client.apiUrl(`/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime=${since}&pageSize=${size}`),
    'exportDelta',
  );
}

/** One file of a via-files export, downloaded whole to the spool folder. */
export interface ExportPart {
  /** Its place in the listing's `exportFiles`, from 0. */
  readonly index: number;
  /** The file's name in the listing (`part-00000-<guid>.c000.json.gz`). */
  readonly name: string;
  /** Where it was downloaded (gzip, as served). */
  readonly path: string;
  readonly bytes: number;
  /** The compressed bytes, streamed from disk. */
  open(): Readable;
}

export interface ExposureFiles {
  /** The listing that names every part (`exportFiles`, `generatedTime`), verbatim. */
  readonly listing: VendorPage;
  readonly generatedTime: string;
  /** Every file the listing names, in its order. */
  readonly parts: readonly ExportPart[];
  /** Removes the downloaded files (and the folder, when it made it). */
  dispose(): Promise<void>;
}

export interface ExposureFilesOptions {
  /** Where parts are downloaded; default a new folder in the system's temp folder. */
  readonly spoolDir?: string;
  /** Parallel downloads (default 4). */
  readonly concurrency?: number;
  /** Hours the SAS links stay valid (the vendor's default 1, at most 6). */
  readonly sasValidHours?: number;
  /** Listings asked for in all when links expire before the downloads end (default 3). */
  readonly maxListings?: number;
}

interface Listing {
  readonly page: VendorPage;
  readonly generatedTime: string;
  readonly files: readonly { readonly url: string; readonly name: string }[];
}

/** The listing, read by core's own reader (the one `remdesk import` matches parts with). */
function readListing(page: VendorPage): Listing {
  let listing: ExportListing;
  let value: unknown;
  try {
    value = JSON.parse(page.text);
    listing = parseExportListing(value, page.url);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new PullApiError(
      `the via-files export listing is not what the vendor documents: ${why}`,
      200,
      null,
    );
  }
  const files = listing.parts.map(({ address, name }) => {
    if (!URL.canParse(address))
      throw new PullApiError(
        `the via-files export listing names a file that is not an address: ${showUrl(address)}`,
        200,
        null,
      );
    return { url: address, name };
  });
  // The time as the vendor wrote it (core has checked it is one): listings compare by it.
  const written = isJsonObject(value) ? value.generatedTime : undefined;
  return { page, generatedTime: typeof written === 'string' ? written : listing.generatedTime, files };
}

/**
 * The software-vulnerabilities export via files (`SoftwareVulnerabilitiesExport`): the listing,
 * then every part it names downloaded in parallel (bounded), streamed to the spool folder, never
 * held in memory. Links that expire on the way (403 from the storage) bring a new listing: when it
 * is the same export (same `generatedTime` and files) the missing parts are fetched with its new
 * links; when the export was regenerated meanwhile, everything is fetched again from it, so the
 * parts returned always belong to the one listing returned.
 */
export async function fetchExposureFiles(
  client: DefenderClient,
  options: ExposureFilesOptions = {},
): Promise<ExposureFiles> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxListings = Math.max(1, options.maxListings ?? 3);
  const made = options.spoolDir === undefined;
  const dir = options.spoolDir ?? (await mkdtemp(join(tmpdir(), 'remdesk-pull-')));
  if (!made) await mkdir(dir, { recursive: true });
  const hours =
    options.sasValidHours === undefined
      ? ''
      : `?sasValidHours=${Math.min(6, Math.max(1, options.sasValidHours))}`;
  const listingUrl = client.apiUrl(`/api/machines/SoftwareVulnerabilitiesExport${hours}`);
  const done = new Map<string, ExportPart>();
  const dispose = async () => {
    if (made) await rm(dir, { recursive: true, force: true });
    else await Promise.all([...done.values()].map((p) => rm(p.path, { force: true })));
  };
  try {
    let current: Listing | null = null;
    for (let attempt = 1; ; attempt++) {
      const text = await client.getText(listingUrl, 'exportFiles');
      const listing = readListing({ family: 'exportFiles', url: listingUrl, index: 0, text, nextLink: null });
      client.emit({
        type: 'listing',
        parts: listing.files.length,
        generatedTime: listing.generatedTime,
        attempt,
      });
      const same =
        current !== null &&
        current.generatedTime === listing.generatedTime &&
        current.files.length === listing.files.length &&
        current.files.every((f, i) => f.name === listing.files[i]?.name);
      if (!same) {
        await Promise.all([...done.values()].map((p) => rm(p.path, { force: true })));
        done.clear();
      }
      current = listing;
      const todo = listing.files.map((f, index) => ({ ...f, index })).filter((f) => !done.has(f.name));
      let expired: string | null = null;
      await pool(todo, concurrency, async (f) => {
        if (expired !== null) return;
        const path = join(dir, f.name);
        const partial = `${path}.partial`;
        try {
          const bytes = await client.download(f.url, partial);
          await rename(partial, path);
          done.set(f.name, { index: f.index, name: f.name, path, bytes, open: () => createReadStream(path) });
          client.emit({ type: 'part', name: f.name, bytes, done: done.size, of: listing.files.length });
        } catch (e) {
          await rm(partial, { force: true });
          if (e instanceof SasExpiredError) {
            expired ??= f.name;
            return;
          }
          throw e;
        }
      });
      if (expired === null) {
        const parts = listing.files.map((f) => done.get(f.name) as ExportPart);
        return { listing: listing.page, generatedTime: listing.generatedTime, parts, dispose };
      }
      if (attempt >= maxListings) {
        throw new PullNetworkError(
          `the via-files export's download links kept expiring before the files were downloaded (${attempt} listings)`,
        );
      }
      client.emit({ type: 'sas-expired', part: expired, listing: attempt });
    }
  } catch (e) {
    await dispose();
    throw e;
  }
}

/** Runs `work` over `items`, at most `limit` at once; the first failure is thrown once all have stopped. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/**
 * The lines of a downloaded part, decompressed and decoded as strict UTF-8, streamed. The gzip
 * trailer is checked at the end: a truncated or corrupt part throws.
 */
export async function* partLines(part: ExportPart): AsyncGenerator<string> {
  const gunzip = part.open().pipe(createGunzip());
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}
