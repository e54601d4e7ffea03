import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activityId,
  counted,
  type Instant,
  instant,
  type Manifest,
  type ParsedVendorBatch,
  printable,
  type TableOrigin,
  VendorImport,
} from '../../core/index.ts';
import { withArchiveLock } from '../archive/lock.ts';
import { readLatest } from '../archive/read.ts';
import { flag, instantOption, intOption, parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { commitToArchive, snapshotTime } from '../inputs/commit.ts';
import type { ImportStep } from '../inputs/load.ts';
import type { Io } from '../io.ts';
import {
  activeTaskIds,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  DefenderClient,
  type DefenderClientOptions,
  deltaReaches,
  describeConnection,
  describeEvent,
  fetchExposureDelta,
  fetchExposureFiles,
  fetchExposurePages,
  fetchMachineReferences,
  fetchMachines,
  fetchRecommendations,
  fetchRemediationTasks,
  isPullError,
  partLines,
  redact,
  resolveConnection,
  type VendorPage,
} from '../pull/index.ts';

/** How the exposure picture is fetched. */
const EXPOSURE_MODES = ['auto', 'files', 'pages', 'delta'] as const;
type ExposureMode = (typeof EXPOSURE_MODES)[number];

/** The vendor's guidance: the JSON export below 100,000 devices, the export via files above. */
const VIA_FILES_ABOVE = 100_000;

export const pullCommand: Command = {
  name: 'pull',
  summary: "fetch the tenant's data from the Defender API and write a new snapshot",
  help: `Usage: remdesk pull --data DIR [--exposures auto|files|pages|delta] [--at TIME] [--dry-run] [--json] [sign-in options]

Fetches from the Microsoft Defender for Endpoint / Vulnerability Management API everything the
archive DIR needs — recommendations, remediation activities (and the exposed devices of the
Active ones), devices, and the exposure picture — and writes one snapshot, as \`remdesk import\`
does: all or nothing, and the same data again writes nothing. Meant to run unattended (a nightly
job); see docs/pull.md.

Exposures (--exposures):
  auto     (default) the whole export: via files above ${VIA_FILES_ABOVE.toLocaleString('en')} devices (--via-files-above;
           the archive's devices, or on a first pull the tenant's), else the paged JSON export
  files    the whole export via files (its listing and every part, downloaded in parallel)
  pages    the whole export as JSON pages (--page-size, default 50,000; at most 200,000)
  delta    only the changes since the last pull (the delta export), when the archive's latest
           snapshot is a pull of at most 14 days ago. Smaller, but it can fix a device only when
           its events show every vulnerability gone: see docs/pull.md for its limits
Nothing is fixed unless the picture is whole: every page, followed from the first, or every part
the listing names.

Options:
  --data DIR              the archive (created when missing)
  --at TIME               time of the new snapshot, ISO 8601 (default: now, to the second)
  --via-files-above N     devices above which auto takes the export via files (default ${VIA_FILES_ABOVE})
  --page-size N           records per page of the JSON exports (default 50000)
  --dry-run               fetch and check everything, say what would be written, write nothing
  --json                  print a summary as JSON on stdout

${CONNECTION_HELP}

Progress goes to stderr (a line per phase, every retry and wait); secrets never appear.
Exit codes: 0 written or nothing new, 1 bad data from the API (nothing written), 2 usage error,
3 the file system refused, 4 sign-in or permission refused, 5 network or throttling after the retries,
6 the archive stayed locked by another writer (waited for up to REMDESK_LOCK_WAIT seconds, default 60).`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      at: { type: 'string' },
      exposures: { type: 'string' },
      'via-files-above': { type: 'string' },
      'page-size': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      ...CONNECTION_OPTIONS,
    });
    const archive = requiredString(p, 'data');
    if (p.positionals.length > 0) throw new UsageError(`pull takes no files (got ${p.positionals[0]})`);
    const requestedAt = instantOption(p, 'at');
    const mode = exposureMode(stringOption(p, 'exposures'));
    const viaFilesAbove = intOption(p, 'via-files-above', VIA_FILES_ABOVE, 0, 100_000_000);
    const pageSize = intOption(p, 'page-size', 50_000, 1, 200_000);
    const connection = resolveConnection(p.values as Parameters<typeof resolveConnection>[0]);
    io.phase(`pulling from ${describeConnection(connection)}`);
    // One writer at a time, from reading the latest snapshot to writing the next: a pull holds the
    // archive's lock while it fetches (archive/lock.ts). A dry run writes nothing and takes none.
    const work = async (): Promise<number> => {
      const latest = await readLatest(archive);
      const at = snapshotTime(requestedAt, latest);
      const client = new DefenderClient(clientOptions(connection, io));
      try {
        const pulled = await fetchAll(client, io, {
          mode,
          viaFilesAbove,
          pageSize,
          exposuresAsOf: exposuresAsOf(latest.manifest),
          knownDevices: latest.ref ? latest.state.devices.length : null,
          at,
        });
        try {
          const outcome = await commitToArchive(archive, latest, pulled.loaded, at, io, {
            source: `remdesk pull ${connection.api}`,
            origins: pulled.origins,
            dryRun: flag(p, 'dry-run'),
          });
          const summary = {
            archive,
            snapshot: outcome.name,
            written: outcome.written,
            dryRun: flag(p, 'dry-run'),
            origins: pulled.origins,
            counts: {
              recommendations: outcome.state.recommendations.length,
              activities: outcome.state.activities.length,
              devices: outcome.state.devices.length,
              exposures: outcome.state.exposures.length,
            },
            notes: outcome.notes,
          };
          if (flag(p, 'json')) io.out(JSON.stringify(summary));
          else io.out(printable(sentence(summary)));
          return 0;
        } finally {
          await pulled.dispose();
        }
      } catch (e) {
        if (!isPullError(e)) throw e;
        io.err(`remdesk pull: ${redact(e.message)}`);
        io.err('remdesk pull: nothing was written.');
        return e.exitCode;
      } finally {
        client.close();
      }
    };
    return flag(p, 'dry-run') ? work() : withArchiveLock(archive, io, 'remdesk pull', work);
  },
};

function exposureMode(raw: string | undefined): ExposureMode {
  if (raw === undefined) return 'auto';
  if ((EXPOSURE_MODES as readonly string[]).includes(raw)) return raw as ExposureMode;
  throw new UsageError(`--exposures must be one of ${EXPOSURE_MODES.join(', ')}, got "${raw}"`);
}

/** Retries, waits and downloads are logged as they happen: plain lines, one each. */
function clientOptions(connection: DefenderClientOptions['connection'], io: Io): DefenderClientOptions {
  return {
    connection,
    onEvent: (e) => {
      const line = describeEvent(e);
      if (e.type === 'page' || e.type === 'part') io.progress(line);
      else io.err(line);
    },
  };
}

/** The time the archive's exposures hold as of, when they came from a pull: a delta starts there. */
function exposuresAsOf(manifest: Manifest | null): Instant | null {
  return manifest?.origins?.exposures?.asOf ?? null;
}

interface Pulled {
  readonly loaded: { readonly steps: readonly ImportStep[]; readonly notes: readonly string[] };
  readonly origins: Record<string, TableOrigin>;
  dispose(): Promise<void>;
}

/**
 * Fetches every table and hands each answer to core's VendorImport as it comes: the pages of a
 * paged answer with the address each was fetched from (so the picture is known whole), the parts of
 * the export via files with its listing. The exposures are fetched while the other tables are (the
 * API answers one while the other is parsed), unless choosing how needs the tenant's device count
 * first. Nothing is merged until everything has arrived; the exposure picture is merged last, so
 * the activities fetched with it are reconciled against it.
 */
async function fetchAll(
  client: DefenderClient,
  io: Io,
  opts: {
    readonly mode: ExposureMode;
    readonly viaFilesAbove: number;
    readonly pageSize: number;
    readonly exposuresAsOf: Instant | null;
    /** Devices in the archive's latest snapshot; null when it has none. */
    readonly knownDevices: number | null;
    readonly at: Instant;
  },
): Promise<Pulled> {
  const delta =
    opts.mode === 'delta' &&
    opts.exposuresAsOf !== null &&
    deltaReaches(new Date(opts.exposuresAsOf), new Date(opts.at))
      ? opts.exposuresAsOf
      : null;
  if (opts.mode === 'delta' && delta === null)
    throw new UsageError(
      "--exposures delta: the archive's latest snapshot is no pull of the last 14 days; pull the whole export first",
    );
  const vendor = new VendorImport(delta !== null ? { changesAfter: delta } : {});
  const origins: Record<string, TableOrigin> = {};
  // The whole export is the truth of the tenant's exposures; a delta is asked for only by name.
  const choose = (devices: number): ExposureMode =>
    opts.mode !== 'auto' ? opts.mode : devices > opts.viaFilesAbove ? 'files' : 'pages';
  const exposures = new ExposureFetch(client, vendor, io, { delta, pageSize: opts.pageSize, at: opts.at });

  await client.signIn();
  try {
    if (opts.mode === 'auto' && opts.knownDevices === null) {
      await fetchTables(client, vendor, io, origins).then((devices) => exposures.run(choose(devices)));
    } else {
      // Both run to their end, so a failure of one never leaves the other writing in the background.
      const [tables, picture] = await Promise.allSettled([
        fetchTables(client, vendor, io, origins),
        exposures.run(choose(opts.knownDevices ?? 0)),
      ]);
      if (tables.status === 'rejected') throw tables.reason;
      if (picture.status === 'rejected') throw picture.reason;
    }
    const { entries, notes } = vendor.finish(false);
    const isPicture = (e: (typeof entries)[number]) =>
      e.batch.kind === 'exposures' || e.batch.kind === 'exposureDelta';
    origins.exposures = exposures.origin(entries.find(isPicture)?.batch);
    const ordered = [...entries.filter((e) => !isPicture(e)), ...entries.filter(isPicture)];
    return {
      loaded: { steps: ordered.map((e) => ({ kind: 'vendor', files: e.files, batch: e.batch })), notes },
      origins,
      dispose: () => exposures.dispose(),
    };
  } catch (e) {
    await exposures.dispose();
    throw e;
  }
}

/** Recommendations, remediation activities with the devices of the Active ones, and devices; returns how many devices. */
async function fetchTables(
  client: DefenderClient,
  vendor: VendorImport,
  io: Io,
  origins: Record<string, TableOrigin>,
): Promise<number> {
  const add = (page: VendorPage, file: string, extra: Parameters<VendorImport['addJson']>[2] = {}) =>
    vendor.addJson(page.text, file, extra);
  io.phase('recommendations…');
  for await (const page of fetchRecommendations(client)) add(page, pageName('recommendations', page));
  origins.recommendations = { from: 'GET /api/recommendations', asOf: null };

  io.phase('remediation activities…');
  const taskPages: VendorPage[] = [];
  for await (const page of fetchRemediationTasks(client)) {
    taskPages.push(page);
    add(page, pageName('remediationTasks', page));
  }
  const active = activeTaskIds(taskPages);
  io.phase(`devices of ${counted(active.length, 'Active activity', 'Active activities')}…`);
  for await (const { taskId, page } of fetchMachineReferences(client, active))
    add(page, pageName(`remediationTasks/${taskId}/machineReferences`, page), {
      link: { kind: 'activity', id: activityId(taskId) },
    });
  origins.activities = {
    from: `GET /api/remediationTasks, and the machineReferences of ${counted(active.length, 'Active one')}`,
    asOf: null,
  };

  io.phase('devices…');
  let devices = 0;
  for await (const page of fetchMachines(client)) devices += add(page, pageName('machines', page));
  origins.devices = { from: 'GET /api/machines', asOf: null };
  return devices;
}

/** The exposure picture: the export via files, its JSON pages, or the delta; and where it came from. */
class ExposureFetch {
  private from = '';
  private generatedTime: Instant | null = null;
  private spoolDir: string | null = null;

  constructor(
    private readonly client: DefenderClient,
    private readonly vendor: VendorImport,
    private readonly io: Io,
    private readonly opts: {
      readonly delta: Instant | null;
      readonly pageSize: number;
      readonly at: Instant;
    },
  ) {}

  async run(how: ExposureMode): Promise<void> {
    if (how === 'files') return this.viaFiles();
    const since = how === 'delta' ? this.opts.delta : null;
    this.io.phase(since ? `exposures: the changes since ${since}…` : 'exposures: the JSON export…');
    const pages =
      since !== null
        ? fetchExposureDelta(this.client, { sinceTime: new Date(since), pageSize: this.opts.pageSize })
        : fetchExposurePages(this.client, { pageSize: this.opts.pageSize });
    const endpoint =
      since !== null ? 'SoftwareVulnerabilityChangesByMachine' : 'SoftwareVulnerabilitiesByMachine';
    let previous: string | null = null;
    let count = 0;
    for await (const page of pages) {
      // Each page says where it was fetched from: the first, or the link of the page before it.
      this.vendor.addJson(page.text, pageName(endpoint, page), {
        self: page.index === 0 ? 'first' : (previous ?? ''),
      });
      if (since === null && page.index === 0)
        this.generatedTime = generationOf(page.nextLink) ?? this.opts.at;
      previous = page.nextLink;
      count++;
    }
    this.from = `${endpoint}${since !== null ? ` since ${since}` : ''} (${counted(count, 'page')})`;
  }

  private async viaFiles(): Promise<void> {
    this.io.phase('exposures: the export via files…');
    this.spoolDir = await mkdtemp(join(tmpdir(), 'remdesk-pull-'));
    const exported = await fetchExposureFiles(this.client, { spoolDir: this.spoolDir });
    this.vendor.addJson(exported.listing.text, 'SoftwareVulnerabilitiesExport');
    for (const part of exported.parts) {
      this.io.phase(`exposures: reading ${part.name} (${part.index + 1} of ${exported.parts.length})…`);
      await this.vendor.addLines(partLines(part), part.name, part.name);
    }
    this.from = `SoftwareVulnerabilitiesExport (${counted(exported.parts.length, 'part')})`;
    this.generatedTime = instant(exported.generatedTime);
  }

  /**
   * The picture's origin, as of: the via-files export's generatedTime; for the JSON export the
   * generation its skip token names, else the pull's own time (a later time is the safe side:
   * a delta from it skips changes rather than apply one twice); for a delta its newest change.
   */
  origin(picture: ParsedVendorBatch | undefined): TableOrigin {
    const newest = picture && 'observedAt' in picture ? picture.observedAt : null;
    return { from: this.from, asOf: this.generatedTime ?? newest };
  }

  async dispose(): Promise<void> {
    if (this.spoolDir !== null) await rm(this.spoolDir, { recursive: true, force: true });
    this.spoolDir = null;
  }
}

/** A page's name in messages: the endpoint and its place. */
const pageName = (endpoint: string, page: VendorPage): string => `${endpoint} (page ${page.index + 1})`;

interface Summary {
  readonly archive: string;
  readonly snapshot: string;
  readonly written: boolean;
  readonly dryRun: boolean;
  readonly origins: Record<string, TableOrigin>;
  readonly counts: Readonly<Record<string, number>>;
}

function sentence(s: Summary): string {
  const what = `${counted(s.counts.devices ?? 0, 'device')}, ${counted(s.counts.exposures ?? 0, 'exposure')}, ${counted(s.counts.activities ?? 0, 'activity', 'activities')}; exposures from ${s.origins.exposures?.from ?? 'nowhere'}`;
  if (s.dryRun)
    return `${s.archive}: would write snapshot ${s.snapshot} (${what}); nothing written (--dry-run)`;
  return s.written
    ? `${s.archive}: wrote snapshot ${s.snapshot} (${what})`
    : `${s.archive}: nothing new; snapshot ${s.snapshot} already holds this state (${what})`;
}

/**
 * The generation of the paged JSON export, from its first page's next link: the vendor's skip token
 * is base64 of `{"ExportDefinition":{"TimePath":"2021-01-11/1101/"},…}`. Null when it says none.
 */
function generationOf(nextLink: string | null): Instant | null {
  try {
    const token = nextLink === null ? null : new URL(nextLink).searchParams.get('$skiptoken');
    if (!token) return null;
    const path = (
      JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
        ExportDefinition?: { TimePath?: unknown };
      }
    ).ExportDefinition?.TimePath;
    const m = typeof path === 'string' ? /^(\d{4}-\d{2}-\d{2})\/(\d{2})(\d{2})\/?$/.exec(path) : null;
    return m ? instant(`${m[1]}T${m[2]}:${m[3]}:00Z`) : null;
  } catch {
    return null;
  }
}
