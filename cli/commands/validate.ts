import { formatIssue } from '../../core/index.ts';
import { validatePath } from '../archive/validate.ts';
import { flag, parse, UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { shown } from '../io.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check vendor files, snapshots or whole archives and list every problem',
  help: `Usage: remdesk validate PATH... [--json]

Checks each PATH and lists every problem as file:line: field: message. PATH may be:
  - an archive folder (snapshots/ and history.jsonl): every snapshot, its manifest checksums and
    row counts, and history.jsonl;
  - a snapshot folder or zip;
  - a vendor file (API JSON, or the .json.gz export).
Nothing is written. Exit codes: 0 all valid, 1 problems found, 2 usage error, 3 the file system
refused.

Options:
  --json   print the results as JSON`,
  async run(args, io) {
    const p = parse(args, { json: { type: 'boolean' } });
    if (p.positionals.length === 0) throw new UsageError('name at least one PATH to validate');
    const results = [];
    for (const path of p.positionals) results.push(await validatePath(path, io));
    const problems = results.reduce((n, r) => n + r.issues.length, 0);
    if (flag(p, 'json')) io.out(JSON.stringify({ valid: problems === 0, results }, null, 2));
    else {
      for (const r of results) {
        if (r.issues.length === 0) io.out(shown`${r.path}: ok (${r.kind})`);
        for (const i of r.issues) io.out(formatIssue(i));
      }
      if (problems > 0) io.err(`${problems} problem${problems === 1 ? '' : 's'} found`);
    }
    return problems === 0 ? 0 : 1;
  },
};
