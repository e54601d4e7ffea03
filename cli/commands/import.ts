import { activityId, type DeviceLink, recommendationId } from '../../core/index.ts';
import { withArchiveLock } from '../archive/lock.ts';
import { readLatest } from '../archive/read.ts';
import { flag, instantOption, parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { commitToArchive, snapshotTime } from '../inputs/commit.ts';
import { loadInputs } from '../inputs/load.ts';
import { shown } from '../io.ts';

export const importCommand: Command = {
  name: 'import',
  summary: "apply vendor files or admins' change bundles to an archive, writing a new snapshot",
  help: `Usage: remdesk import FILE... --data DIR [--at TIME] [--for activity:ID|recommendation:ID] [--partial] [--json]

Reads every FILE, applies them in order to the latest snapshot of the archive DIR, runs the rules
(reconciliation and automatic completion, expiry of exceptions, retention of 180 days) and writes a
new snapshot plus its history line. Nothing is written unless every file is valid.

FILE may be (detected from its content):
  - vendor API JSON: recommendations, remediation activities, machine references, machines,
    the software-vulnerabilities export or its delta;
  - the export "via files": its listing (the SoftwareVulnerabilitiesExport answer, naming the
    parts) and its parts, gzip-compressed JSON, one record per line (part-*.json.gz);
  - an admin's change bundle, exported from the extension (remdesk-changes-<admin>-<time>.jsonl):
    merged by the team's rules, so no admin's work is dropped; any number, in any order; one the
    archive already has changes nothing; one edited or made from another archive is refused
    (docs/team.md);
  - a snapshot exported by the extension: a folder or a .zip. Into an archive with no snapshot
    it is the first state; into one with data it joins as the admins' changes its history
    records (its vendor tables are not taken). Vendor files given after it apply on top.

Options:
  --data DIR     the archive (created when missing)
  --at TIME      time of the new snapshot, ISO 8601 (default: now, to the second; to the
                 millisecond when the latest snapshot is of this second)
  --for REF      what machine-reference files were fetched for: activity:ID or recommendation:ID
  --partial      merge an exposure export that is not whole as "seen exposed", fixing nothing
  --json         print the outcome as JSON

An exposure export fixes devices only when the vendor's own signals show it whole: the via-files
listing with every part it names, in any order and among other files. Pages of the paged JSON
export saved as files never show it (no page says where it started): they are refused, or merged
with --partial; remdesk pull fetches pages whole. See docs/cli.md.
One writer at a time: another import, pull or sample writing the same archive is waited for, up
to REMDESK_LOCK_WAIT seconds (default 60; exit 6 after).
Exit codes: 0 written or unchanged, 1 invalid input (nothing written), 2 usage error,
3 the file system refused, 6 the archive stayed locked by another writer.`,
  async run(args, io) {
    const p = parse(args, {
      data: { type: 'string' },
      at: { type: 'string' },
      for: { type: 'string' },
      json: { type: 'boolean' },
      partial: { type: 'boolean' },
    });
    const archive = requiredString(p, 'data');
    if (p.positionals.length === 0) throw new UsageError('name at least one FILE to import');
    const at = instantOption(p, 'at');
    const link = parseLink(stringOption(p, 'for'));

    // Every input is parsed before anything is written; parsing starts at once, while the lock
    // is taken and the archive's latest state is read (the export's gzip is undone off the main
    // thread, which would otherwise wait). Its error, if any, is met under the lock, first.
    const loading = loadInputs(p.positionals, io, {
      ...(link ? { link } : {}),
      partial: flag(p, 'partial'),
    });
    loading.catch(() => undefined);
    // One writer at a time, from reading the latest snapshot to writing the next (archive/lock.ts).
    const outcome = await withArchiveLock(archive, io, 'remdesk import', async () => {
      const reading = readLatest(archive);
      reading.catch(() => undefined);
      const loaded = await loading;
      const latest = await reading;
      return commitToArchive(archive, latest, loaded, snapshotTime(at, latest), io, {
        source: `remdesk import ${p.positionals.join(' ')}`,
      });
    });
    if (flag(p, 'json')) {
      io.out(
        JSON.stringify({
          archive,
          snapshot: outcome.name,
          written: outcome.written,
          files: p.positionals,
          notes: outcome.notes,
        }),
      );
    } else if (outcome.written) {
      const n = p.positionals.length;
      io.out(shown`${archive}: wrote snapshot ${outcome.name} from ${n} file${n === 1 ? '' : 's'}`);
    } else {
      io.out(shown`${archive}: nothing changed; snapshot ${outcome.name} already holds this state`);
    }
    return 0;
  },
};

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
