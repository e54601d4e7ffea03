/**
 * The team's state in this browser (R-MERGE-1): which team state the data started from and the
 * archive's settings it brought (the SLA policy, R-SLA-1), what this admin did since (pending,
 * until a team state has it), loading a newer team state with the pending changes kept on top, and
 * exporting them as a change bundle for `remdesk import`.
 */
import browser from 'webextension-polyfill';
import {
  type ArchiveSettings,
  DEFAULT_SETTINGS,
  decodeSnapshot,
  type Email,
  encodeChangeBundle,
  instantFromDate,
  type LocalBase,
  MANIFEST_FILE,
  parseManifest,
  pendingChanges,
  SETTINGS_FILE,
  type SnapshotFiles,
  splitTeamState,
  startFromTeamState,
  TEAM_STATE_FILE,
  type TeamStateRef,
} from '../../core/index.ts';
import { fileNamePart } from '../shared/file-name.ts';
import type { TeamLoaded, TeamStatus } from '../shared/messages.ts';
import { currentState, dataVersion, replaceAll, theStore } from './data.ts';

const TEAM_KEY = 'team.state';
const INSTALL_KEY = 'installId';

/** Kept in the store's meta: the team state the data started from. */
interface TeamMeta {
  readonly ref: TeamStateRef;
  /** A file's name, or the report's address. */
  readonly origin: string;
  readonly source: 'file' | 'report';
  readonly snapshotAt: string;
  readonly loadedAt: string;
  readonly events: readonly string[];
  /**
   * The archive's `remdesk.json` as core parsed it (no SLA without one). The team's, like
   * retention: it comes with the team state, never from a local choice. Absent from a team state
   * loaded before the policy travelled: no SLA.
   */
  readonly settings?: ArchiveSettings;
}

/** This extension install's own id, made on first use: bundles name it (one admin, several browsers). */
export async function installId(): Promise<string> {
  const got = (await browser.storage.local.get(INSTALL_KEY))[INSTALL_KEY];
  if (typeof got === 'string' && got !== '') return got;
  const id = crypto.randomUUID();
  await browser.storage.local.set({ [INSTALL_KEY]: id });
  return id;
}

const teamMeta = async (): Promise<TeamMeta | null> =>
  (await (await theStore()).getMeta<TeamMeta>(TEAM_KEY)) ?? null;

const baseOf = (meta: TeamMeta | null): LocalBase => ({
  ref: meta?.ref ?? null,
  events: new Set(meta?.events ?? []),
});

/** The archive's settings the data's team state brought; no SLA before one is loaded. */
export const teamSettings = async (): Promise<ArchiveSettings> =>
  (await teamMeta())?.settings ?? DEFAULT_SETTINGS;

/** The archive of the team state the data started from: bundles from another are refused. */
export const teamArchive = async (): Promise<string | null> => (await teamMeta())?.ref.archive ?? null;

export async function teamStatus(): Promise<TeamStatus> {
  const meta = await teamMeta();
  const { changes, skipped } = pendingChanges(await currentState(), baseOf(meta));
  return {
    team: meta && {
      archive: meta.ref.archive,
      snapshot: meta.ref.snapshot,
      snapshotAt: meta.snapshotAt,
      origin: meta.origin,
      source: meta.source,
      loadedAt: meta.loadedAt,
    },
    pending: changes.length,
    unsendable: skipped,
  };
}

/**
 * Loads a team state over the data: the pending changes are merged on top (core's
 * `startFromTeamState`), then the team state's events are remembered as the new base. The popup asks
 * the user first when anything is pending.
 */
export async function loadTeamState(
  files: SnapshotFiles,
  label: string,
  source: TeamMeta['source'],
  admin: Email | null,
  leaveOutPendingElsewhere: boolean,
): Promise<TeamLoaded> {
  // A bad remdesk.json is refused here, naming its file, line and field, before anything is written.
  const { ref, settings, snapshot } = splitTeamState(files, label);
  const { state, manifest } = await decodeSnapshot(snapshot, label);
  const version = await dataVersion();
  const meta = await teamMeta();
  const now = instantFromDate(new Date());
  const out = startFromTeamState(
    { state, ref },
    await currentState(),
    baseOf(meta),
    { admin, install: await installId() },
    now,
    {
      leaveOutPendingElsewhere,
    },
  );
  // A change made meanwhile (an overlay, an import) is not in what was merged: never write over it.
  if ((await dataVersion()) !== version)
    throw new Error('the data changed while the team state was loading; load it again');
  const loaded: TeamMeta = {
    ref,
    origin: label,
    source,
    snapshotAt: manifest.generatedAt,
    loadedAt: now,
    events: state.events.map((e) => e.id),
    settings,
  };
  // One transaction: the data and the record of which team state it holds never disagree.
  await replaceAll(out.state, { [TEAM_KEY]: loaded });
  return { snapshot: ref.snapshot, kept: out.kept, unsendable: out.unsendable, notes: out.notes };
}

/**
 * The team state the published report carries (its `snapshot/` folder: the manifest, the files it
 * lists, team.json and remdesk.json when the archive has one), fetched from the address the admin
 * set. The popup has asked for that origin's permission first (optional_host_permissions).
 */
export async function fetchTeamState(address: string): Promise<SnapshotFiles> {
  const base = new URL('snapshot/', address.endsWith('/') ? address : `${address}/`);
  const request = async (name: string) => {
    const url = new URL(name, base);
    return { url, res: await fetch(url, { cache: 'no-store', credentials: 'omit' }) };
  };
  const bytesOf = async ({ url, res }: Awaited<ReturnType<typeof request>>): Promise<Uint8Array> => {
    if (!res.ok)
      throw new Error(`${url.href}: HTTP ${res.status}: is this the address of the team's report?`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const get = async (name: string) => bytesOf(await request(name));
  const manifestBytes = await get(MANIFEST_FILE);
  const manifest = parseManifest(manifestBytes, new URL(MANIFEST_FILE, base).href);
  const files = new Map<string, Uint8Array>([[MANIFEST_FILE, manifestBytes]]);
  for (const name of [...Object.keys(manifest.files), TEAM_STATE_FILE]) files.set(name, await get(name));
  // An archive without remdesk.json publishes none: a 404 here is no SLA, not a broken report.
  const settings = await request(SETTINGS_FILE);
  if (settings.res.status !== 404) files.set(SETTINGS_FILE, await bytesOf(settings));
  return files;
}

/** The pending changes as a change bundle file: named for the admin and the time. */
export async function exportChanges(
  admin: Email,
): Promise<{ fileName: string; text: string; changes: number }> {
  const meta = await teamMeta();
  const { changes } = pendingChanges(await currentState(), baseOf(meta));
  const now = instantFromDate(new Date());
  const text = await encodeChangeBundle({
    admin,
    install: await installId(),
    base: meta?.ref ?? null,
    createdAt: now,
    changes,
  });
  return {
    fileName: `remdesk-changes-${fileNamePart(admin)}-${fileNamePart(now)}.jsonl`,
    text,
    changes: changes.length,
  };
}
