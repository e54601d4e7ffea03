import {
  activityId,
  applyChanges,
  applyImport,
  applyRetention,
  type DeviceLink,
  encodeSnapshot,
  expireExceptions,
  InputError,
  type InputIssue,
  type Instant,
  instant,
  recommendationId,
  type State,
  sequentialIds,
  summarize,
} from '../../core/index.ts';
import { snapshotName } from '../archive/layout.ts';
import { readLatest } from '../archive/read.ts';
import { writeSnapshot } from '../archive/write.ts';
import { flag, parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { type LoadedInput, loadInput } from '../inputs/load.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'apply vendor files or an extension snapshot to an archive, writing a new snapshot',
  help: `Usage: remdesk import FILE... --data DIR [--at TIME] [--for activity:ID|recommendation:ID] [--json]

Reads every FILE, applies them in order to the latest snapshot of the archive DIR, runs the rules
(reconciliation and automatic completion, expiry of exceptions, retention of 180 days) and writes a
new snapshot plus its history line. Nothing is written unless every file is valid.

FILE may be (detected from its content):
  - vendor API JSON: recommendations, remediation activities, machine references, machines,
    the software-vulnerabilities export or its delta;
  - the export "via files": gzip-compressed JSON, one record per line (.json.gz);
  - a snapshot exported by the extension: a folder or a .zip. A snapshot is a complete state and
    replaces the archive's state; vendor files given after it are applied on top.

Options:
  --data DIR     the archive (created when missing)
  --at TIME      time of the new snapshot, ISO 8601 (default: now, to the second)
  --for REF      what machine-reference files were fetched for: activity:ID or recommendation:ID
  --json         print the outcome as JSON
Exit codes: 0 written or unchanged, 1 invalid input (nothing written), 2 usage error,
3 the file system refused.`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      at: { type: 'string' },
      for: { type: 'string' },
      json: { type: 'boolean' },
    });
    const archive = requiredString(p, 'data');
    if (p.positionals.length === 0) throw new UsageError('name at least one FILE to import');
    const at = parseAt(stringOption(p, 'at'));
    const link = parseLink(stringOption(p, 'for'));

    // Parse everything first: a bad file anywhere means nothing is written.
    const inputs: LoadedInput[] = [];
    const issues: InputIssue[] = [];
    for (const file of p.positionals) {
      io.progress(`reading ${file}…`);
      try {
        inputs.push(await loadInput(file, io, link ? { link } : {}));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        issues.push(...e.issues);
      }
    }
    if (issues.length > 0) throw new InputError(issues);

    const latest = await readLatest(archive);
    if (latest.ref && latest.ref.at > at) {
      throw new InputError([
        {
          file: archive,
          line: null,
          field: 'at',
          message: `${at} is older than the latest snapshot ${latest.ref.name}`,
        },
      ]);
    }
    const state = applyAll(latest.state, inputs, at, archive);
    for (const input of inputs) {
      if (input.kind === 'vendor')
        for (const w of input.batch.warnings) io.err(`${w.file}: ${w.field}: note: ${w.message}`);
    }
    io.progress('writing the snapshot…');
    const source = `remdesk import ${inputs.map((i) => i.file).join(' ')}`;
    const files = await encodeSnapshot(state, { generatedAt: at, source });
    const outcome = await writeSnapshot(archive, at, files, summarize(state, at));
    if (flag(p, 'json')) {
      io.out(
        JSON.stringify({
          archive,
          snapshot: outcome.name,
          written: outcome.written,
          files: inputs.map((i) => i.file),
        }),
      );
    } else if (outcome.written) {
      io.out(
        `${archive}: wrote snapshot ${outcome.name} from ${inputs.length} file${inputs.length === 1 ? '' : 's'}`,
      );
    } else {
      io.out(`${archive}: nothing changed; snapshot ${outcome.name} already holds this state`);
    }
    return 0;
  },
};

/**
 * Applies the inputs in order, then the time-driven rules; ids are derived from the snapshot time so
 * the same import gives the same snapshot. A delta may only fix or update devices already known
 * (from the archive or an earlier file): anything else means the full export was never imported.
 */
export function applyAll(start: State, inputs: readonly LoadedInput[], at: Instant, archive: string): State {
  const ids = sequentialIds(`import-${snapshotName(at)}`);
  const issues: InputIssue[] = [];
  let state = start;
  for (const input of inputs) {
    if (input.kind === 'snapshot') {
      state = input.state;
      continue;
    }
    if (input.changedDevices.size > 0) {
      const known = new Set<string>(state.devices.map((d) => d.id));
      for (const [device, where] of input.changedDevices) {
        if (known.has(device)) continue;
        issues.push({
          file: input.file,
          line: where.line,
          path: where.path,
          field: 'deviceId',
          message: `device ${device} is not in ${archive}; a delta can only fix or update known devices (import the full export first)`,
        });
      }
    }
    const unknown =
      input.batch.kind === 'machineReferences' ? unknownLinkTarget(state, input.batch.link) : null;
    if (unknown) issues.push({ file: input.file, line: null, field: '--for', message: unknown });
    state = applyChanges(state, applyImport(state, input.batch, at, ids));
  }
  if (issues.length > 0) throw new InputError(issues);
  state = applyChanges(state, expireExceptions(state, at));
  return applyChanges(state, applyRetention(state, at));
}

/**
 * `--for activity:ID` must name an activity the archive (or an earlier file of the same import)
 * has: its device rows cannot wait for it. Exposures may name a recommendation not imported yet.
 */
function unknownLinkTarget(state: State, link: DeviceLink | null): string | null {
  if (link?.kind === 'activity' && !state.activities.some((a) => a.id === link.id)) {
    return `no activity ${link.id} in the archive or in the files before this one; import the activities first`;
  }
  return null;
}

function parseAt(raw: string | undefined): Instant {
  if (raw === undefined) return instant(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString());
  try {
    return instant(raw);
  } catch (e) {
    throw new UsageError(`--at: ${(e as Error).message}`);
  }
}

function parseLink(raw: string | undefined): DeviceLink | undefined {
  if (raw === undefined) return undefined;
  const m = /^(activity|recommendation):(.+)$/.exec(raw);
  if (!m?.[2]) throw new UsageError('--for must be activity:ID or recommendation:ID');
  try {
    return m[1] === 'activity'
      ? { kind: 'activity', id: activityId(m[2]) }
      : { kind: 'recommendation', id: recommendationId(m[2]) };
  } catch (e) {
    throw new UsageError(`--for: ${(e as Error).message}`);
  }
}
