import { emptyState, encodeSnapshot, exposureFixes, summarize } from '../../core/index.ts';
import { withArchiveLock } from '../archive/lock.ts';
import { writeSnapshot } from '../archive/write.ts';
import { flag, intOption, parse, requiredString } from '../args.ts';
import type { Command } from '../command.ts';
import { shown } from '../io.ts';
import { generateSample } from '../sample/generate.ts';
import { writeSampleSettings } from '../sample/settings.ts';

export const DEFAULT_SAMPLE = { devices: 2000, weeks: 12, seed: 20261129 } as const;

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'write a realistic, deterministic sample archive',
  help: `Usage: remdesk sample --out DIR [--devices N] [--weeks W] [--seed S] [--json]

Writes an archive of W weekly snapshots (the last one at 2026-11-29T08:00Z) of a made-up tenant of
about N devices: device groups and OS mix, software and configuration recommendations, activities of
every type and priority (overdue, completed automatically, by hand and unknown), Intune tasks,
exceptions of every justification and scope, and hostile strings in names and notes; and the
team's remdesk.json (DefectDojo's SLA), unless the archive has one. The same arguments always
give byte-identical files.

Options:
  --out DIR      archive folder to write (created if missing; existing identical snapshots are kept)
  --devices N    number of devices at the start (default ${DEFAULT_SAMPLE.devices}; 1..1000000)
  --weeks W      number of weekly snapshots (default ${DEFAULT_SAMPLE.weeks}; 1..520)
  --seed S       seed of the generator (default ${DEFAULT_SAMPLE.seed})
  --json         print the written snapshots as JSON`,
  async run(args, io) {
    const p = parse(args, {
      out: { type: 'string' },
      devices: { type: 'string' },
      weeks: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    const out = requiredString(p, 'out');
    const devices = intOption(p, 'devices', DEFAULT_SAMPLE.devices, 1, 1_000_000);
    const weeks = intOption(p, 'weeks', DEFAULT_SAMPLE.weeks, 1, 520);
    const seed = intOption(p, 'seed', DEFAULT_SAMPLE.seed, 0, 2 ** 32 - 1);
    const source = `remdesk sample --devices ${devices} --weeks ${weeks} --seed ${seed}`;
    const written: { snapshot: string; written: boolean }[] = [];
    let week = 0;
    await withArchiveLock(out, io, 'remdesk sample', async () => {
      await writeSampleSettings(out);
      let previous = emptyState();
      for (const { at, state } of generateSample({ devices, weeks, seed })) {
        week += 1;
        io.progress(`week ${week}/${weeks}: encoding ${state.exposures.length} exposures…`);
        const files = await encodeSnapshot(state, { generatedAt: at, source });
        const fixes = exposureFixes(previous, state, at);
        const outcome = await writeSnapshot(out, at, files, { figures: summarize(state, at), fixes });
        previous = state;
        written.push({ snapshot: outcome.name, written: outcome.written });
      }
    });
    if (flag(p, 'json')) io.out(JSON.stringify({ out, devices, weeks, seed, snapshots: written }, null, 2));
    else {
      const n = written.filter((w) => w.written).length;
      io.out(
        shown`${out}: ${n} snapshot${n === 1 ? '' : 's'} written, ${written.length - n} already there (${source})`,
      );
    }
    return 0;
  },
};
