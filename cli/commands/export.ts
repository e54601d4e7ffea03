import { writeFile } from 'node:fs/promises';
import {
  decodeSnapshot,
  SETTINGS_FILE,
  TEAM_STATE_FILE,
  teamStateText,
  zipSnapshot,
} from '../../core/index.ts';
import { archiveIdentity } from '../archive/identity.ts';
import { listSnapshots } from '../archive/layout.ts';
import { refuseOutsideLinks } from '../archive/links.ts';
import { refuseOutInArchive } from '../archive/out-path.ts';
import { parseSettingsFile, readSettingsFile } from '../archive/settings.ts';
import { readSnapshotFiles } from '../archive/snapshot-files.ts';
import { flag, parse, requiredString, stringOption, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { shown } from '../io.ts';

export const exportCommand: Command = {
  name: 'export',
  summary: "write the archive's latest state as a team state for the extension to load",
  help: `Usage: remdesk export --data DIR [--out FILE] [--json]

Writes the latest snapshot of the archive DIR as a team state: a zip of the snapshot's own files,
team.json, which names the archive and the snapshot, and the archive's remdesk.json when it has
one (the SLA policy the extension proposes due dates from). An admin loads it from the extension's
popup ("Load the team state"); the changes they make afterwards name it as the state they started
from, and \`remdesk import\` of their change bundle merges them into this archive (docs/team.md).
The report's site carries the same files under snapshot/, so the extension can also load the
team state from the published report.

Options:
  --data DIR   the archive
  --out FILE   where to write (default: remdesk-team-<snapshot>.zip in the current folder);
               an existing file is not replaced, and a path in an archive is refused
  --json       print what was written as JSON`,
  async run(args, io) {
    const p = parse(args, { data: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
    const archive = requiredString(p, 'data');
    if (p.positionals.length > 0) throw new UsageError(`export takes no files (got ${p.positionals[0]})`);
    await refuseOutsideLinks(archive);
    const latest = (await listSnapshots(archive)).at(-1);
    const archiveId = await archiveIdentity(archive);
    if (latest === undefined || archiveId === null)
      throw new UsageError(`${archive} has no snapshot to export`);
    const files = new Map(await readSnapshotFiles(latest.dir));
    // Checked before it leaves: a team state that does not decode would only fail in a browser.
    await decodeSnapshot(files, latest.dir);
    const ref = { archive: archiveId, snapshot: latest.name };
    files.set(TEAM_STATE_FILE, new TextEncoder().encode(teamStateText(ref)));
    const settings = await readSettingsFile(archive);
    if (settings !== null) {
      // Checked as the extension will check it, then sent byte for byte: the team's own file.
      parseSettingsFile(settings);
      files.set(SETTINGS_FILE, settings.bytes);
    }
    const out = stringOption(p, 'out') ?? `remdesk-team-${latest.name}.zip`;
    await refuseOutInArchive(archive, out);
    try {
      await writeFile(out, zipSnapshot(files), { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new UsageError(`${out} exists; remove it or choose another --out`);
      throw e;
    }
    if (flag(p, 'json')) io.out(JSON.stringify({ file: out, ...ref }));
    else io.out(shown`${out}: team state of archive ${ref.archive}, snapshot ${ref.snapshot}`);
    return 0;
  },
};
